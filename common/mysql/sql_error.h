// The one place where Connector/C++ exceptions become absl::Status.
#ifndef PARTNERHUB_COMMON_MYSQL_SQL_ERROR_H_
#define PARTNERHUB_COMMON_MYSQL_SQL_ERROR_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sql {
class SQLException;
}  // namespace sql

namespace partnerhub::mysql {

// MySQL/MariaDB error numbers the suite reacts to.
inline constexpr int kErDupEntry = 1062;
inline constexpr int kErLockWaitTimeout = 1205;
inline constexpr int kErLockDeadlock = 1213;

// True when the connection can no longer be used (server gone, network lost).
bool IsConnectionError(int error_code);
// True when a transaction may be retried from its start (deadlock, lock
// wait timeout).
bool IsRetryableConflict(int error_code);

// Maps an exception to a status for the layers above storage:
// duplicate key → ALREADY_EXISTS, deadlock/lock timeout → ABORTED
// (CONCURRENT_UPDATE), connection errors → UNAVAILABLE
// (DATABASE_UNAVAILABLE), anything else → INTERNAL. The SQL error
// text is logged, never put in the status message. The MySQL error number
// rides along as a payload, so Transact can tell what to retry.
absl::Status ToStatus(const sql::SQLException& e);

// The MySQL error number a status was made from by ToStatus; 0 for none.
int SqlErrorCode(const absl::Status& status);

// UNAVAILABLE, reason DATABASE_UNAVAILABLE: the database cannot serve now.
absl::Status DatabaseUnavailable(absl::string_view message);

}  // namespace partnerhub::mysql

#endif  // PARTNERHUB_COMMON_MYSQL_SQL_ERROR_H_
