// A feed's lease as a MariaDB named lock (GET_LOCK) held on a connection of
// its own: the lock lives exactly as long as that connection, so when the
// holding replica dies its lease is released and a standby takes over.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_STORAGE_MYSQL_FEED_LEASE_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_STORAGE_MYSQL_FEED_LEASE_H_

#include <memory>
#include <optional>
#include <string>

#include "common/mysql/connection_pool.h"
#include "services/reporting/src/domain/feed_applier.h"

namespace partnerhub::reporting {

class MySqlFeedLease final : public FeedLease {
 public:
  // Connects (lazily) like `options`; the lock is named after the schema
  // and `feed`, so several reporting schemas on one server do not collide.
  MySqlFeedLease(const mysql::ConnectionOptions& options, std::string feed);
  ~MySqlFeedLease() override;

  absl::StatusOr<bool> TryAcquire() override;
  bool StillHeld() override;
  void Release() override;

 private:
  const std::string feed_;
  std::unique_ptr<mysql::ConnectionPool> pool_;  // one connection
  std::optional<mysql::PooledConnection> conn_;
};

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_STORAGE_MYSQL_FEED_LEASE_H_
