// The campaign service's storage on MySQL/MariaDB.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_MYSQL_CAMPAIGN_STORE_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_MYSQL_CAMPAIGN_STORE_H_

#include "common/mysql/tx_store.h"
#include "services/campaign/src/domain/store.h"
#include "services/campaign/src/storage/mysql_campaign_tx.h"

namespace partnerhub::campaign {

// Transact and Read of common's store template: a new MySqlCampaignTx per
// attempt, its events written last, right before COMMIT.
using MySqlCampaignStore = mysql::TxStore<CampaignStore, MySqlCampaignTx>;

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_MYSQL_CAMPAIGN_STORE_H_
