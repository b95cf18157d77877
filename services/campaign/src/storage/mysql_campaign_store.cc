#include "services/campaign/src/storage/mysql_campaign_store.h"

#include "common/mysql/transaction.h"
#include "services/campaign/src/storage/mysql_campaign_tx.h"

namespace partnerhub::campaign {

absl::Status MySqlCampaignStore::Transact(TxWork work) {
  return mysql::Transact(pool_, [&](mysql::Connection& conn) {
    MySqlCampaignTx tx(conn);
    return work(tx);
  });
}

absl::Status MySqlCampaignStore::Read(TxWork work) {
  return mysql::WithConnection(pool_, [&](mysql::Connection& conn) {
    MySqlCampaignTx tx(conn);
    return work(tx);
  });
}

}  // namespace partnerhub::campaign
