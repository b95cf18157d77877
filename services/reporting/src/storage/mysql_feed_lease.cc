#include "services/reporting/src/storage/mysql_feed_lease.h"

#include <cppconn/exception.h>
#include <cppconn/resultset.h>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/mysql/statement.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"

namespace partnerhub::reporting {
namespace {

constexpr const char* kGetLock =
    "SELECT GET_LOCK(LEFT(CONCAT(DATABASE(), '.reporting-feed-', ?), 64), 0)";
constexpr const char* kHoldsLock =
    "SELECT IS_USED_LOCK(LEFT(CONCAT(DATABASE(), '.reporting-feed-', ?), 64)) "
    "= CONNECTION_ID()";
constexpr const char* kReleaseLock =
    "SELECT RELEASE_LOCK(LEFT(CONCAT(DATABASE(), '.reporting-feed-', ?), 64))";

}  // namespace

MySqlFeedLease::MySqlFeedLease(const mysql::ConnectionOptions& options,
                               std::string feed)
    : feed_(std::move(feed)) {
  mysql::PoolOptions pool_options;
  pool_options.max_size = 1;
  absl::StatusOr<std::unique_ptr<mysql::ConnectionPool>> pool =
      mysql::ConnectionPool::Create(options, pool_options);
  if (pool.ok()) pool_ = *std::move(pool);
}

MySqlFeedLease::~MySqlFeedLease() { Release(); }

absl::StatusOr<bool> MySqlFeedLease::TryAcquire() {
  if (pool_ == nullptr) return absl::InternalError("lease pool not created");
  if (StillHeld()) return true;
  conn_.reset();
  absl::StatusOr<mysql::PooledConnection> conn = pool_->Acquire();
  if (!conn.ok()) return conn.status();
  try {
    std::unique_ptr<sql::ResultSet> rs =
        mysql::Query(**conn, kGetLock, {feed_});
    if (rs->next() && !rs->isNull(1) && rs->getInt(1) == 1) {
      conn_.emplace(*std::move(conn));
      return true;
    }
    return false;
  } catch (const sql::SQLException& e) {
    (*conn)->MarkBroken();
    return RetryableError(
        absl::StatusCode::kUnavailable,
        ::partnerhub::reason::kDatabaseUnavailable,
        absl::StrCat("taking the lease of feed ", feed_, ": ", e.what()),
        absl::Seconds(1));
  }
}

bool MySqlFeedLease::StillHeld() {
  if (!conn_.has_value()) return false;
  try {
    std::unique_ptr<sql::ResultSet> rs =
        mysql::Query(**conn_, kHoldsLock, {feed_});
    return rs->next() && !rs->isNull(1) && rs->getInt(1) == 1;
  } catch (const sql::SQLException& e) {
    (*conn_)->MarkBroken();
    conn_.reset();
    return false;
  }
}

void MySqlFeedLease::Release() {
  if (!conn_.has_value()) return;
  try {
    mysql::Query(**conn_, kReleaseLock, {feed_});
  } catch (const sql::SQLException& e) {
    (*conn_)->MarkBroken();
  }
  conn_.reset();
}

}  // namespace partnerhub::reporting
