// The customer-experience storage on MySQL/MariaDB.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_MYSQL_CX_STORE_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_MYSQL_CX_STORE_H_

#include "common/mysql/connection_pool.h"
#include "common/mysql/transaction.h"
#include "common/mysql/tx_store.h"
#include "services/customer_experience/src/domain/store.h"
#include "services/customer_experience/src/storage/mysql_cx_tx.h"

namespace partnerhub::customer_experience {

// Transact and Read of common's store template (a new MySqlCxTx per
// attempt, its events written last, right before COMMIT), with more patient
// retries.
class MySqlCxStore final : public mysql::TxStore<CxStore, MySqlCxTx> {
 public:
  // Ingestion batches that overlap (client retries) can deadlock on index
  // entries; they are retried more patiently than common's default.
  static constexpr mysql::TransactionOptions kTransactionOptions = {
      .max_attempts = 10, .initial_backoff = absl::Milliseconds(2)};

  explicit MySqlCxStore(mysql::ConnectionPool& pool)
      : TxStore(pool, kTransactionOptions) {}
};

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_MYSQL_CX_STORE_H_
