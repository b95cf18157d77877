#include "services/customer_experience/src/storage/mysql_cx_store.h"

#include "common/mysql/transaction.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/storage/mysql_cx_tx.h"

namespace partnerhub::customer_experience {

absl::Status MySqlCxStore::Transact(TxWork work) {
  return mysql::Transact(
      pool_,
      [&](mysql::Connection& conn) -> absl::Status {
        // A new MySqlCxTx per attempt: a retried attempt starts with no
        // events buffered.
        MySqlCxTx tx(conn);
        PH_RETURN_IF_ERROR(work(tx));
        return tx.FlushEvents();  // last, right before COMMIT
      },
      kTransactionOptions);
}

absl::Status MySqlCxStore::Read(TxWork work) {
  return mysql::WithConnection(pool_, [&](mysql::Connection& conn) {
    MySqlCxTx tx(conn);
    PH_RETURN_IF_ERROR(work(tx));
    if (tx.has_events()) {
      return absl::InternalError("events published outside a transaction");
    }
    return absl::OkStatus();
  });
}

}  // namespace partnerhub::customer_experience
