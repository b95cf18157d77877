// The part of the schema every producing service shares: the request_id
// ledger (common/mysql/request_ids.h) and the outbox with its feed
// bookkeeping (common/events/outbox.h). Common owns these tables: a producer
// applies them, first, through ProducerMigrations and keeps no copy.
#ifndef PARTNERHUB_COMMON_EVENTS_PRODUCER_SCHEMA_H_
#define PARTNERHUB_COMMON_EVENTS_PRODUCER_SCHEMA_H_

#include "common/mysql/migration.h"

namespace partnerhub::events {

// common/mysql/0001_create_request_ids.sql and
// common/events/0001_create_outbox.sql (the parts "common/mysql" and
// "common/events"), then `own`, the service's migrations. The common files
// were once each producer's 0001_create_request_ids.sql and
// 0006_create_outbox.sql: a schema migrated under those names is renamed,
// not migrated again (Migration::formerly).
mysql::MigrationSet ProducerMigrations(mysql::MigrationSet own);

}  // namespace partnerhub::events

#endif  // PARTNERHUB_COMMON_EVENTS_PRODUCER_SCHEMA_H_
