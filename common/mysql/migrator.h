// Applies a service's migrations, forward only.
#ifndef PARTNERHUB_COMMON_MYSQL_MIGRATOR_H_
#define PARTNERHUB_COMMON_MYSQL_MIGRATOR_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/migration.h"

namespace partnerhub::mysql {

// Applies, part by part in number order (migration.h), each migration not
// yet recorded in the `schema_migrations` table, recording its checksum.
// Idempotent: a second run applies nothing. Refuses (FAILED_PRECONDITION)
// when an applied migration's text has changed since. A migration recorded
// as one of its former records (Migration::formerly) is renamed in the
// table, not applied again. Holds a named database lock, so
// concurrent runs (two replicas starting) apply each migration once.
// Returns the names of the migrations it applied.
//
// `stop_requested` (optional) is asked while waiting for the lock (every
// second) and before each migration: once it returns true, Migrate returns
// CANCELLED without starting another file. A file already started runs to
// its end and is recorded first: MySQL commits DDL implicitly, so a file
// cannot be rolled back, and stopping inside one would leave it half
// applied and unrecorded.
absl::StatusOr<std::vector<std::string>> Migrate(
    ConnectionPool& pool, const MigrationSet& migrations,
    const std::function<bool()>& stop_requested = nullptr);

}  // namespace partnerhub::mysql

#endif  // PARTNERHUB_COMMON_MYSQL_MIGRATOR_H_
