#include "services/partner_registry/src/storage/mysql_partner_store.h"

#include "common/mysql/transaction.h"
#include "services/partner_registry/src/storage/mysql_partner_tx.h"

namespace partnerhub::partner_registry {

absl::Status MySqlPartnerStore::Transact(TxWork work) {
  return mysql::Transact(pool_, [&](mysql::Connection& conn) {
    MySqlPartnerTx tx(conn);  // a new one, with no event, per attempt
    if (absl::Status s = work(tx); !s.ok()) return s;
    return tx.FlushEvents();
  });
}

absl::Status MySqlPartnerStore::Read(TxWork work) {
  return mysql::WithConnection(pool_, [&](mysql::Connection& conn) {
    MySqlPartnerTx tx(conn);
    absl::Status s = work(tx);
    if (s.ok() && tx.HasEvents()) {
      return absl::InternalError("an event was published outside a transaction");
    }
    return s;
  });
}

}  // namespace partnerhub::partner_registry
