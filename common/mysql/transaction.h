// Running storage work on a pooled connection, with exceptions mapped to
// absl::Status and transactions retried on deadlock.
#ifndef PARTNERHUB_COMMON_MYSQL_TRANSACTION_H_
#define PARTNERHUB_COMMON_MYSQL_TRANSACTION_H_

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/mysql/connection_pool.h"

namespace partnerhub::mysql {

struct TransactionOptions {
  // Attempts in all, counting the first.
  int max_attempts = 5;
  // Backoff before the second attempt; doubles each time.
  absl::Duration initial_backoff = absl::Milliseconds(2);
};

using Work = absl::FunctionRef<absl::Status(Connection&)>;

// Runs `work` in one transaction: COMMIT when it returns OK, ROLLBACK
// otherwise. `work` may throw sql::SQLException; it becomes a status.
// A deadlock or lock-wait timeout, or a connection lost before COMMIT was
// sent, rolls back and runs `work` again from its start — so `work` must
// reset anything it captured. When the connection is lost during COMMIT the
// outcome is unknown: UNAVAILABLE, and the client's retry with its
// request_id settles it. Conflicts that outlast the attempts give ABORTED.
absl::Status Transact(ConnectionPool& pool, Work work,
                      const TransactionOptions& options = {});

// Runs read-only `work` on one connection in autocommit mode. A connection
// found dead is replaced and `work` retried once. Writes go through Transact.
absl::Status WithConnection(ConnectionPool& pool, Work work);

}  // namespace partnerhub::mysql

#endif  // PARTNERHUB_COMMON_MYSQL_TRANSACTION_H_
