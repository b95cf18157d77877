#include "services/campaign/src/storage/mysql_campaign_store.h"

#include "common/mysql/transaction.h"
#include "services/campaign/src/storage/mysql_campaign_tx.h"

namespace partnerhub::campaign {

absl::Status MySqlCampaignStore::Transact(TxWork work) {
  return mysql::Transact(pool_, [&](mysql::Connection& conn) {
    MySqlCampaignTx tx(conn);  // a new one, with no event, per attempt
    if (absl::Status s = work(tx); !s.ok()) return s;
    return tx.FlushEvents();
  });
}

absl::Status MySqlCampaignStore::Read(TxWork work) {
  return mysql::WithConnection(pool_, [&](mysql::Connection& conn) {
    MySqlCampaignTx tx(conn);
    absl::Status s = work(tx);
    if (s.ok() && tx.HasEvents()) {
      return absl::InternalError("an event was published outside a transaction");
    }
    return s;
  });
}

}  // namespace partnerhub::campaign
