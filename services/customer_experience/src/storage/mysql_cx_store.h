// The customer-experience storage on MySQL/MariaDB.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_MYSQL_CX_STORE_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_MYSQL_CX_STORE_H_

#include "common/mysql/connection_pool.h"
#include "common/mysql/transaction.h"
#include "services/customer_experience/src/domain/store.h"

namespace partnerhub::customer_experience {

class MySqlCxStore final : public CxStore {
 public:
  explicit MySqlCxStore(mysql::ConnectionPool& pool) : pool_(pool) {}

  // Ingestion batches that overlap (client retries) can deadlock on index
  // entries; they are retried more patiently than common's default.
  static constexpr mysql::TransactionOptions kTransactionOptions = {
      .max_attempts = 10, .initial_backoff = absl::Milliseconds(2)};

  absl::Status Transact(TxWork work) override;
  absl::Status Read(TxWork work) override;

 private:
  mysql::ConnectionPool& pool_;
};

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_MYSQL_CX_STORE_H_
