// The partner registry's storage on MySQL/MariaDB.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_MYSQL_PARTNER_STORE_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_MYSQL_PARTNER_STORE_H_

#include "common/mysql/connection_pool.h"
#include "services/partner_registry/src/domain/store.h"

namespace partnerhub::partner_registry {

class MySqlPartnerStore final : public PartnerStore {
 public:
  explicit MySqlPartnerStore(mysql::ConnectionPool& pool) : pool_(pool) {}

  absl::Status Transact(TxWork work) override;
  absl::Status Read(TxWork work) override;

 private:
  mysql::ConnectionPool& pool_;
};

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_MYSQL_PARTNER_STORE_H_
