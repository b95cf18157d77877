// The campaign service's storage on MySQL/MariaDB.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_MYSQL_CAMPAIGN_STORE_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_MYSQL_CAMPAIGN_STORE_H_

#include "common/mysql/connection_pool.h"
#include "services/campaign/src/domain/store.h"

namespace partnerhub::campaign {

class MySqlCampaignStore final : public CampaignStore {
 public:
  explicit MySqlCampaignStore(mysql::ConnectionPool& pool) : pool_(pool) {}

  absl::Status Transact(TxWork work) override;
  absl::Status Read(TxWork work) override;

 private:
  mysql::ConnectionPool& pool_;
};

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_MYSQL_CAMPAIGN_STORE_H_
