#include "common/mysql/connection_pool.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/mysql/sql_error.h"

namespace partnerhub::mysql {
namespace {

// Statements built from a filter can vary; bound the cache so a connection
// never grows without limit.
constexpr size_t kMaxCachedStatements = 256;

// Session settings every connection starts with: UTC, strict SQL, and READ
// COMMITTED (the suite guards its invariants with unique keys, locking reads
// and conditional updates, and wants no gap locks).
constexpr const char* kSessionSetup[] = {
    "SET time_zone = '+00:00'",
    "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,"
    "NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'",
    "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
};

int Seconds(absl::Duration d) {
  return static_cast<int>(std::max<int64_t>(1, absl::ToInt64Seconds(d)));
}

}  // namespace

Connection::Connection(std::unique_ptr<sql::Connection> raw)
    : raw_(std::move(raw)) {}

Connection::~Connection() {
  // Statements must go before the connection they belong to.
  statements_.clear();
  raw_.reset();
}

sql::PreparedStatement& Connection::Prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return *it->second;
  if (statements_.size() >= kMaxCachedStatements) statements_.clear();
  std::unique_ptr<sql::PreparedStatement> stmt(raw_->prepareStatement(sql));
  return *statements_.emplace(sql, std::move(stmt)).first->second;
}

PooledConnection::PooledConnection(ConnectionPool* pool,
                                   std::unique_ptr<Connection> conn)
    : pool_(pool), conn_(std::move(conn)) {}

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : pool_(other.pool_), conn_(std::move(other.conn_)) {}

PooledConnection& PooledConnection::operator=(
    PooledConnection&& other) noexcept {
  if (this != &other) {
    if (conn_ != nullptr) pool_->Release(std::move(conn_));
    pool_ = other.pool_;
    conn_ = std::move(other.conn_);
  }
  return *this;
}

PooledConnection::~PooledConnection() {
  if (conn_ != nullptr) pool_->Release(std::move(conn_));
}

ConnectionPool::ConnectionPool(ConnectionOptions connection, PoolOptions pool)
    : connection_(std::move(connection)), pool_(pool) {}

absl::StatusOr<std::unique_ptr<ConnectionPool>> ConnectionPool::Create(
    ConnectionOptions connection, PoolOptions pool) {
  if (connection.host.empty()) {
    return absl::InvalidArgumentError("database host is empty");
  }
  if (connection.port <= 0 || connection.port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("database port ", connection.port, " is out of range"));
  }
  if (connection.user.empty()) {
    return absl::InvalidArgumentError("database user is empty");
  }
  if (pool.max_size <= 0) {
    return absl::InvalidArgumentError("pool size must be positive");
  }
  // The driver singleton is not safe to create concurrently: make it now,
  // before any request thread can.
  sql::mysql::get_mysql_driver_instance();
  return std::unique_ptr<ConnectionPool>(
      new ConnectionPool(std::move(connection), pool));
}

absl::StatusOr<std::unique_ptr<Connection>> ConnectionPool::Open() {
  sql::ConnectOptionsMap options;
  options["hostName"] = sql::SQLString(
      absl::StrCat("tcp://", connection_.host, ":", connection_.port));
  options["userName"] = sql::SQLString(connection_.user);
  options["password"] = sql::SQLString(connection_.password);
  if (!connection_.database.empty()) {
    options["schema"] = sql::SQLString(connection_.database);
  }
  options["OPT_CONNECT_TIMEOUT"] = Seconds(connection_.connect_timeout);
  options["OPT_READ_TIMEOUT"] = Seconds(connection_.io_timeout);
  options["OPT_WRITE_TIMEOUT"] = Seconds(connection_.io_timeout);
  options["OPT_RECONNECT"] = false;  // reconnecting mid-transaction is unsafe
  options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  try {
    std::unique_ptr<sql::Connection> raw(
        sql::mysql::get_mysql_driver_instance()->connect(options));
    std::unique_ptr<sql::Statement> stmt(raw->createStatement());
    for (const char* setup : kSessionSetup) stmt->execute(setup);
    return std::make_unique<Connection>(std::move(raw));
  } catch (const sql::SQLException& e) {
    LogWarning("database connect failed host=", connection_.host,
               " port=", connection_.port, " code=", e.getErrorCode(),
               " what=", e.what());
    if (e.getErrorCode() == 1045 || e.getErrorCode() == 1044 ||
        e.getErrorCode() == 1049) {
      // Access denied or unknown schema: configuration, not an outage; the
      // health check still reports it, so name it plainly.
      return DatabaseUnavailable(
          "database refused the connection (check user, password, schema)");
    }
    return DatabaseUnavailable("database unreachable");
  }
}

absl::StatusOr<PooledConnection> ConnectionPool::Acquire() {
  {
    absl::MutexLock lock(&mu_);
    auto can_proceed = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || open_ < pool_.max_size;
    };
    if (!mu_.AwaitWithTimeout(absl::Condition(&can_proceed),
                              pool_.acquire_timeout)) {
      return DatabaseUnavailable(
          "no database connection free within the acquire timeout");
    }
    if (!idle_.empty()) {
      std::unique_ptr<Connection> conn = std::move(idle_.back());
      idle_.pop_back();
      return PooledConnection(this, std::move(conn));
    }
    ++open_;  // reserve the slot; connect outside the lock
  }
  absl::StatusOr<std::unique_ptr<Connection>> conn = Open();
  if (!conn.ok()) {
    absl::MutexLock lock(&mu_);
    --open_;
    return conn.status();
  }
  return PooledConnection(this, *std::move(conn));
}

void ConnectionPool::Release(std::unique_ptr<Connection> conn) {
  if (conn->broken()) {
    conn.reset();  // close outside the lock
    absl::MutexLock lock(&mu_);
    --open_;
    return;
  }
  absl::MutexLock lock(&mu_);
  idle_.push_back(std::move(conn));
}

void ConnectionPool::DiscardIdle() {
  std::vector<std::unique_ptr<Connection>> dead;
  {
    absl::MutexLock lock(&mu_);
    dead.swap(idle_);
    open_ -= static_cast<int>(dead.size());
  }
  // `dead` closes its connections here, outside the lock.
}

absl::Status ConnectionPool::Ping() {
  absl::StatusOr<PooledConnection> conn = Acquire();
  if (!conn.ok()) return conn.status();
  try {
    std::unique_ptr<sql::Statement> stmt((*conn)->raw().createStatement());
    std::unique_ptr<sql::ResultSet> rs(stmt->executeQuery("SELECT 1"));
    return absl::OkStatus();
  } catch (const sql::SQLException& e) {
    if (IsConnectionError(e.getErrorCode())) {
      (*conn)->MarkBroken();
      DiscardIdle();
    }
    return ToStatus(e);
  }
}

}  // namespace partnerhub::mysql
