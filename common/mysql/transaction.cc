#include "common/mysql/transaction.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/statement.h>

#include <memory>

#include "absl/time/clock.h"
#include "common/log/log.h"
#include "common/mysql/guarded.h"
#include "common/mysql/sql_error.h"

namespace partnerhub::mysql {
namespace {

void Run(Connection& conn, const char* statement) {
  std::unique_ptr<sql::Statement> stmt(conn.raw().createStatement());
  stmt->execute(statement);
}

// Best effort: a failed rollback means the connection is unusable.
void RollbackQuietly(Connection& conn) {
  try {
    Run(conn, "ROLLBACK");
  } catch (const sql::SQLException&) {
    conn.MarkBroken();
  }
}

}  // namespace

absl::Status Transact(ConnectionPool& pool, Work work,
                      const TransactionOptions& options) {
  absl::Duration backoff = options.initial_backoff;
  for (int attempt = 1;; ++attempt) {
    const bool last = attempt >= options.max_attempts;
    absl::StatusOr<PooledConnection> lease = pool.Acquire();
    if (!lease.ok()) return lease.status();
    Connection& conn = **lease;
    absl::Status status = Guarded(conn, [&]() -> absl::Status {
      Run(conn, "START TRANSACTION");
      return work(conn);
    });
    if (status.ok()) {
      status = Guarded(conn, [&] { Run(conn, "COMMIT"); });
      if (status.ok()) return status;
      if (conn.broken()) {
        pool.DiscardIdle();
        LogWarning("connection lost during COMMIT; outcome unknown");
        return DatabaseUnavailable(
            "database connection lost while committing; retry with the same "
            "request_id");
      }
    }
    // Nothing was committed: roll back, and run again if it may succeed.
    if (conn.broken()) {
      pool.DiscardIdle();
      if (!last) continue;
      return status;
    }
    RollbackQuietly(conn);
    if (IsRetryableConflict(SqlErrorCode(status)) && !last) {
      absl::SleepFor(backoff);
      backoff *= 2;
      continue;
    }
    return status;
  }
}

absl::Status WithConnection(ConnectionPool& pool, Work work) {
  for (int attempt = 1;; ++attempt) {
    absl::StatusOr<PooledConnection> lease = pool.Acquire();
    if (!lease.ok()) return lease.status();
    Connection& conn = **lease;
    absl::Status status = Guarded(conn, [&] { return work(conn); });
    if (conn.broken()) {
      pool.DiscardIdle();
      if (attempt < 2) continue;
    }
    return status;
  }
}

}  // namespace partnerhub::mysql
