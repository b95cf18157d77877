// The partner registry's storage on MySQL/MariaDB.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_MYSQL_PARTNER_STORE_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_MYSQL_PARTNER_STORE_H_

#include "common/mysql/tx_store.h"
#include "services/partner_registry/src/domain/store.h"
#include "services/partner_registry/src/storage/mysql_partner_tx.h"

namespace partnerhub::partner_registry {

// Transact and Read of common's store template: a new MySqlPartnerTx per
// attempt, its events written last, right before COMMIT.
using MySqlPartnerStore = mysql::TxStore<PartnerStore, MySqlPartnerTx>;

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_MYSQL_PARTNER_STORE_H_
