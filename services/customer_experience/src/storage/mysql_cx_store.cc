#include "services/customer_experience/src/storage/mysql_cx_store.h"

#include "common/mysql/transaction.h"
#include "services/customer_experience/src/storage/mysql_cx_tx.h"

namespace partnerhub::customer_experience {

absl::Status MySqlCxStore::Transact(TxWork work) {
  return mysql::Transact(
      pool_,
      [&](mysql::Connection& conn) {
        MySqlCxTx tx(conn);
        return work(tx);
      },
      kTransactionOptions);
}

absl::Status MySqlCxStore::Read(TxWork work) {
  return mysql::WithConnection(pool_, [&](mysql::Connection& conn) {
    MySqlCxTx tx(conn);
    return work(tx);
  });
}

}  // namespace partnerhub::customer_experience
