#include "services/partner_registry/src/storage/mysql_partner_store.h"

#include "common/mysql/transaction.h"
#include "services/partner_registry/src/storage/mysql_partner_tx.h"

namespace partnerhub::partner_registry {

absl::Status MySqlPartnerStore::Transact(TxWork work) {
  return mysql::Transact(pool_, [&](mysql::Connection& conn) {
    MySqlPartnerTx tx(conn);
    return work(tx);
  });
}

absl::Status MySqlPartnerStore::Read(TxWork work) {
  return mysql::WithConnection(pool_, [&](mysql::Connection& conn) {
    MySqlPartnerTx tx(conn);
    return work(tx);
  });
}

}  // namespace partnerhub::partner_registry
