#include "common/events/producer_schema.h"

#include <utility>

namespace partnerhub_events_schema {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}  // namespace partnerhub_events_schema
namespace partnerhub_request_ids_schema {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}  // namespace partnerhub_request_ids_schema

namespace partnerhub::events {
namespace {

// The producers' own copies, as their schemas recorded them (name, and the
// checksum of the text they had).
const mysql::FormerRecord kFormerRequestIds = {"0001_create_request_ids.sql",
                                               "c61379bea207e159"};
const mysql::FormerRecord kFormerOutbox = {"0006_create_outbox.sql",
                                           "2faf962e3e38214c"};

}  // namespace

mysql::MigrationSet ProducerMigrations(mysql::MigrationSet own) {
  mysql::MigrationSet all = partnerhub_request_ids_schema::EmbeddedMigrations();
  all.front().formerly = {kFormerRequestIds};
  mysql::MigrationSet outbox = partnerhub_events_schema::EmbeddedMigrations();
  outbox.front().formerly = {kFormerOutbox};
  for (auto* part : {&outbox, &own}) {
    all.insert(all.end(), std::make_move_iterator(part->begin()),
               std::make_move_iterator(part->end()));
  }
  return all;
}

}  // namespace partnerhub::events
