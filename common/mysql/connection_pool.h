// A bounded pool of MySQL connections.
//
// Connections are opened lazily, so a service starts (and reports NOT_SERVING)
// while the database is down. A connection that fails with a connection error
// is marked broken and dropped when released; the next Acquire opens a fresh
// one. Each connection caches its prepared statements.
#ifndef PARTNERHUB_COMMON_MYSQL_CONNECTION_POOL_H_
#define PARTNERHUB_COMMON_MYSQL_CONNECTION_POOL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace sql {
class Connection;
class PreparedStatement;
}  // namespace sql

namespace partnerhub::mysql {

// Where and as whom to connect.
struct ConnectionOptions {
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string user;
  std::string password;
  // The schema (database) to use; empty for none.
  std::string database;
  absl::Duration connect_timeout = absl::Seconds(2);
  // Bounds on a single read or write on the socket; a dead server surfaces
  // as UNAVAILABLE within this time instead of hanging a call.
  absl::Duration io_timeout = absl::Seconds(10);
};

struct PoolOptions {
  // Most connections open at once.
  int max_size = 16;
  // How long Acquire waits for a free connection before giving up.
  absl::Duration acquire_timeout = absl::Seconds(2);
};

// One physical connection and its prepared-statement cache.
class Connection {
 public:
  explicit Connection(std::unique_ptr<sql::Connection> raw);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // The prepared statement for `sql`, prepared once per connection.
  sql::PreparedStatement& Prepare(const std::string& sql);
  sql::Connection& raw() { return *raw_; }

  // Marks the connection unusable; the pool closes it on release.
  void MarkBroken() { broken_ = true; }
  bool broken() const { return broken_; }

 private:
  std::unique_ptr<sql::Connection> raw_;
  absl::flat_hash_map<std::string, std::unique_ptr<sql::PreparedStatement>>
      statements_;
  bool broken_ = false;
};

class ConnectionPool;

// A connection on loan from the pool; returned when destroyed.
class PooledConnection {
 public:
  PooledConnection(ConnectionPool* pool, std::unique_ptr<Connection> conn);
  PooledConnection(PooledConnection&&) noexcept;
  PooledConnection& operator=(PooledConnection&&) noexcept;
  ~PooledConnection();

  Connection& operator*() { return *conn_; }
  Connection* operator->() { return conn_.get(); }

 private:
  ConnectionPool* pool_;
  std::unique_ptr<Connection> conn_;
};

class ConnectionPool {
 public:
  // Checks the options; opens no connection yet.
  static absl::StatusOr<std::unique_ptr<ConnectionPool>> Create(
      ConnectionOptions connection, PoolOptions pool);

  // A connection, opened if needed. UNAVAILABLE when the database cannot be
  // reached or no connection frees up within acquire_timeout.
  absl::StatusOr<PooledConnection> Acquire();

  // Round trip to the database (for health checks).
  absl::Status Ping();

  // Closes the idle connections. Called after a connection error: when one
  // connection found the server gone, the idle ones are most likely dead too.
  void DiscardIdle();

  const ConnectionOptions& connection_options() const { return connection_; }
  const PoolOptions& pool_options() const { return pool_; }

 private:
  friend class PooledConnection;
  ConnectionPool(ConnectionOptions connection, PoolOptions pool);
  absl::StatusOr<std::unique_ptr<Connection>> Open();
  void Release(std::unique_ptr<Connection> conn);

  const ConnectionOptions connection_;
  const PoolOptions pool_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace partnerhub::mysql

#endif  // PARTNERHUB_COMMON_MYSQL_CONNECTION_POOL_H_
