// Integration tests of common/mysql against a real MariaDB (the harness's
// private server): pool, statements, transactions, request ids, migrator.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/api/fingerprint.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/guarded.h"
#include "common/mysql/migration.h"
#include "common/mysql/migrator.h"
#include "common/mysql/request_ids.h"
#include "common/mysql/sql_error.h"
#include "common/mysql/statement.h"
#include "common/mysql/transaction.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/harness/harness.h"

namespace partnerhub::mysql {
namespace {

using ::partnerhub::testing::MariaDbServer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// Bound on every wait for another thread in these tests.
constexpr absl::Duration kWaitBound = absl::Seconds(20);

// Waits until `n` threads arrived, at most `timeout`; false on timeout.
class Latch {
 public:
  explicit Latch(int n) : remaining_(n) {}
  bool ArriveAndWait(absl::Duration timeout = kWaitBound) {
    absl::MutexLock lock(&mu_);
    --remaining_;
    auto done = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return remaining_ <= 0;
    };
    return mu_.AwaitWithTimeout(absl::Condition(&done), timeout);
  }

 private:
  absl::Mutex mu_;
  int remaining_ ABSL_GUARDED_BY(mu_);
};

class MysqlTest : public ::testing::Test {
 protected:
  MariaDbServer& server() { return MariaDbServer::Shared(); }

  // A fresh schema (and user owning it) named after the test.
  ConnectionOptions NewSchema() {
    static std::atomic<int> counter{0};
    std::string test =
        ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::string name = absl::StrCat("m", getpid() % 100000, "_", counter++, "_",
                                    test.substr(0, 30));
    for (char& c : name) {
      if (!isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    absl::StatusOr<ConnectionOptions> options = server().CreateSchema(name);
    if (!options.ok()) {
      ADD_FAILURE() << "CreateSchema(" << name << "): " << options.status();
      return ConnectionOptions{};
    }
    return *options;
  }

  std::unique_ptr<ConnectionPool> NewPool(const ConnectionOptions& options,
                                          PoolOptions pool = {}) {
    absl::StatusOr<std::unique_ptr<ConnectionPool>> p =
        ConnectionPool::Create(options, pool);
    EXPECT_TRUE(p.ok()) << p.status();
    return p.ok() ? *std::move(p) : nullptr;
  }

  // Runs `sql` on a fresh connection as the schema's user (not through the
  // code under test).
  void Sql(const ConnectionOptions& options, const std::string& sql) {
    auto rows = partnerhub::testing::Query(options, sql);
    ASSERT_TRUE(rows.ok()) << sql << ": " << rows.status();
  }

  std::vector<std::vector<std::string>> Rows(const ConnectionOptions& options,
                                             const std::string& sql) {
    auto rows = partnerhub::testing::Query(options, sql);
    EXPECT_TRUE(rows.ok()) << sql << ": " << rows.status();
    return rows.ok() ? *rows : std::vector<std::vector<std::string>>{};
  }

  int64_t Count(const ConnectionOptions& options, const std::string& table,
                const std::string& where = "") {
    auto rows = Rows(options, absl::StrCat("SELECT COUNT(*) FROM ", table,
                                           where.empty() ? "" : " WHERE ",
                                           where));
    int64_t n = -1;
    if (rows.size() == 1 && rows[0].size() == 1) {
      EXPECT_TRUE(absl::SimpleAtoi(rows[0][0], &n));
    }
    return n;
  }
};

int64_t ConnectionId(Connection& conn) {
  std::unique_ptr<sql::ResultSet> rs = Query(conn, "SELECT CONNECTION_ID()");
  EXPECT_TRUE(rs->next());
  return rs->getInt64(1);
}

// A TCP port on 127.0.0.1 that nothing listens on.
int ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr;
  std::memset(&addr, 0, sizeof(addr));
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// ===================================================================== pool

TEST_F(MysqlTest, CreateRejectsBadOptions) {
  ConnectionOptions options;
  options.user = "u";
  options.host = "";
  EXPECT_EQ(ConnectionPool::Create(options, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.host = "127.0.0.1";
  options.port = 0;
  EXPECT_EQ(ConnectionPool::Create(options, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.port = 3306;
  options.user = "";
  EXPECT_EQ(ConnectionPool::Create(options, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.user = "u";
  PoolOptions pool;
  pool.max_size = 0;
  EXPECT_EQ(ConnectionPool::Create(options, pool).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(MysqlTest, AcquireReleaseReusesConnection) {
  ConnectionOptions options = NewSchema();
  auto pool = NewPool(options);
  ASSERT_NE(pool, nullptr);
  int64_t first_id;
  Connection* first_ptr;
  {
    absl::StatusOr<PooledConnection> conn = pool->Acquire();
    ASSERT_TRUE(conn.ok()) << conn.status();
    first_id = ConnectionId(**conn);
    first_ptr = &**conn;
    // The session setup ran: UTC and READ COMMITTED.
    std::unique_ptr<sql::ResultSet> rs =
        Query(**conn, "SELECT @@session.time_zone, @@session.tx_isolation");
    ASSERT_TRUE(rs->next());
    EXPECT_EQ(GetString(*rs, "@@session.time_zone"), "+00:00");
    EXPECT_EQ(GetString(*rs, "@@session.tx_isolation"), "READ-COMMITTED");
    // Prepared statements are cached per connection.
    EXPECT_EQ(&(*conn)->Prepare("SELECT 1"), &(*conn)->Prepare("SELECT 1"));
  }
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<PooledConnection> conn = pool->Acquire();
    ASSERT_TRUE(conn.ok()) << conn.status();
    EXPECT_EQ(&**conn, first_ptr);
    EXPECT_EQ(ConnectionId(**conn), first_id);
  }
  // A connection marked broken is not reused.
  {
    absl::StatusOr<PooledConnection> conn = pool->Acquire();
    ASSERT_TRUE(conn.ok()) << conn.status();
    (*conn)->MarkBroken();
  }
  absl::StatusOr<PooledConnection> conn = pool->Acquire();
  ASSERT_TRUE(conn.ok()) << conn.status();
  EXPECT_NE(ConnectionId(**conn), first_id);
}

TEST_F(MysqlTest, PoolIsBounded) {
  ConnectionOptions options = NewSchema();
  PoolOptions pool_options;
  pool_options.max_size = 2;
  pool_options.acquire_timeout = absl::Milliseconds(300);
  auto pool = NewPool(options, pool_options);
  ASSERT_NE(pool, nullptr);

  std::optional<absl::StatusOr<PooledConnection>> a(pool->Acquire());
  absl::StatusOr<PooledConnection> b = pool->Acquire();
  ASSERT_TRUE(a->ok()) << a->status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_NE(ConnectionId(***a), ConnectionId(**b));

  absl::Time start = absl::Now();
  absl::StatusOr<PooledConnection> c = pool->Acquire();
  absl::Duration waited = absl::Now() - start;
  EXPECT_EQ(c.status().code(), absl::StatusCode::kUnavailable) << c.status();
  EXPECT_GE(waited, absl::Milliseconds(250));
  EXPECT_LT(waited, absl::Seconds(5));
  // The server sees exactly two connections of this user.
  EXPECT_EQ(Count(server().RootOptions(), "information_schema.PROCESSLIST",
                  absl::StrCat("USER = '", options.user, "'")),
            2);

  // Released while another waits: the waiter gets it.
  auto pool2 = NewPool(options, PoolOptions{1, absl::Seconds(10)});
  ASSERT_NE(pool2, nullptr);
  std::optional<absl::StatusOr<PooledConnection>> held(pool2->Acquire());
  ASSERT_TRUE(held->ok()) << held->status();
  const int64_t held_id = ConnectionId(***held);
  std::thread releaser([&] {
    absl::SleepFor(absl::Milliseconds(200));
    held.reset();
  });
  start = absl::Now();
  absl::StatusOr<PooledConnection> d = pool2->Acquire();
  waited = absl::Now() - start;
  releaser.join();
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(ConnectionId(**d), held_id);
  EXPECT_GE(waited, absl::Milliseconds(100));
  EXPECT_LT(waited, absl::Seconds(5));

  // And in the first pool, after releasing one, the third Acquire succeeds.
  a.reset();  // returns the lease
  absl::StatusOr<PooledConnection> e = pool->Acquire();
  ASSERT_TRUE(e.ok()) << e.status();
}

TEST_F(MysqlTest, PingOk) {
  ConnectionOptions options = NewSchema();
  auto pool = NewPool(options);
  ASSERT_NE(pool, nullptr);
  EXPECT_TRUE(pool->Ping().ok());
  EXPECT_TRUE(pool->Ping().ok());
}

TEST_F(MysqlTest, WrongPasswordIsUnavailable) {
  ConnectionOptions options = NewSchema();
  options.password = "wrong";
  auto pool = NewPool(options);
  ASSERT_NE(pool, nullptr);
  absl::Status s = pool->Ping();
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << s;
  EXPECT_THAT(std::string(s.message()), Not(HasSubstr("wrong")));
}

TEST_F(MysqlTest, ClosedPortIsUnavailableQuickly) {
  ConnectionOptions options;
  options.port = ClosedPort();
  options.user = "nobody";
  options.connect_timeout = absl::Seconds(2);
  PoolOptions pool_options;
  pool_options.max_size = 1;
  pool_options.acquire_timeout = absl::Seconds(5);
  auto pool = NewPool(options, pool_options);
  ASSERT_NE(pool, nullptr);
  // Repeated: a failed connect must give its slot back (max_size = 1), or
  // the second call would wait out acquire_timeout.
  for (int i = 0; i < 3; ++i) {
    absl::Time start = absl::Now();
    absl::StatusOr<PooledConnection> conn = pool->Acquire();
    EXPECT_EQ(conn.status().code(), absl::StatusCode::kUnavailable)
        << conn.status();
    EXPECT_LT(absl::Now() - start, absl::Seconds(3)) << "attempt " << i;
    start = absl::Now();
    absl::Status ping = pool->Ping();
    EXPECT_EQ(ping.code(), absl::StatusCode::kUnavailable) << ping;
    EXPECT_LT(absl::Now() - start, absl::Seconds(3)) << "attempt " << i;
    start = absl::Now();
    absl::Status tx = Transact(*pool, [](Connection&) { return absl::OkStatus(); });
    EXPECT_EQ(tx.code(), absl::StatusCode::kUnavailable) << tx;
    EXPECT_LT(absl::Now() - start, absl::Seconds(3)) << "attempt " << i;
  }
}

// Kills and restarts the shared server; the pool must drop the dead
// connections and work again.
TEST_F(MysqlTest, ReconnectsAfterServerRestart) {
  if (!server().owns_process()) GTEST_SKIP() << "external server";
  ConnectionOptions options = NewSchema();
  options.io_timeout = absl::Seconds(5);
  Sql(options, "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY) ENGINE=InnoDB");
  auto pool = NewPool(options, PoolOptions{4, absl::Seconds(2)});
  ASSERT_NE(pool, nullptr);
  auto insert = [&](int64_t id) {
    return Transact(*pool, [&](Connection& conn) -> absl::Status {
      Execute(conn, "INSERT INTO t (id) VALUES (?)", {id});
      return absl::OkStatus();
    });
  };
  // Several idle connections, all about to die.
  auto fill_idle = [&] {
    std::vector<PooledConnection> held;
    for (int i = 0; i < 3; ++i) {
      absl::StatusOr<PooledConnection> conn = pool->Acquire();
      ASSERT_TRUE(conn.ok()) << conn.status();
      held.push_back(*std::move(conn));
    }
  };
  fill_idle();
  ASSERT_TRUE(pool->Ping().ok());

  ASSERT_TRUE(server().Kill().ok());
  absl::Time start = absl::Now();
  absl::Status ping = pool->Ping();
  EXPECT_EQ(ping.code(), absl::StatusCode::kUnavailable) << ping;
  ping = pool->Ping();
  EXPECT_EQ(ping.code(), absl::StatusCode::kUnavailable) << ping;
  absl::Status tx = insert(1);
  EXPECT_EQ(tx.code(), absl::StatusCode::kUnavailable) << tx;
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));

  absl::Status restarted = server().Restart();
  ASSERT_TRUE(restarted.ok()) << restarted << "\n" << server().LogText();
  ping = pool->Ping();
  EXPECT_TRUE(ping.ok()) << ping;
  tx = insert(2);
  EXPECT_TRUE(tx.ok()) << tx;

  // Killed and back again with no call in between: the first Transact meets
  // a dead connection before COMMIT and runs again on a fresh one.
  fill_idle();
  ASSERT_TRUE(server().Kill().ok());
  restarted = server().Restart();
  ASSERT_TRUE(restarted.ok()) << restarted << "\n" << server().LogText();
  tx = insert(3);
  EXPECT_TRUE(tx.ok()) << tx;
  // And a read through WithConnection, after idle connections died again.
  fill_idle();
  ASSERT_TRUE(server().Kill().ok());
  restarted = server().Restart();
  ASSERT_TRUE(restarted.ok()) << restarted << "\n" << server().LogText();
  int64_t count = -1;
  absl::Status read = WithConnection(*pool, [&](Connection& conn) {
    std::unique_ptr<sql::ResultSet> rs = Query(conn, "SELECT COUNT(*) AS n FROM t");
    rs->next();
    count = GetInt64(*rs, "n");
    return absl::OkStatus();
  });
  EXPECT_TRUE(read.ok()) << read;
  EXPECT_EQ(count, 2);
  EXPECT_TRUE(pool->Ping().ok());
  EXPECT_THAT(Rows(options, "SELECT id FROM t ORDER BY id"),
              ElementsAre(ElementsAre("2"), ElementsAre("3")));
}

// ================================================================ statement

TEST_F(MysqlTest, StatementParamsRoundTrip) {
  ConnectionOptions options = NewSchema();
  Sql(options,
      "CREATE TABLE v (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
      " n BIGINT NULL, s VARCHAR(255) NULL, ts DATETIME(6) NULL)"
      " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
  auto pool = NewPool(options);
  ASSERT_NE(pool, nullptr);

  const std::string emoji = "파트너 😀🎉 Ünïcödé";
  const absl::Time t1 = absl::FromUnixMicros(1700000000123456);  // .123456
  const absl::Time t2 = absl::FromUnixMicros(1700000000000001);  // .000001
  const absl::Time t3 = absl::FromUnixMicros(946684799999999);   // 1999-12-31 23:59:59.999999
  const absl::Time t4 = absl::FromUnixSeconds(1700000000);       // whole second

  int64_t id1 = 0, id2 = 0;
  absl::Status s = Transact(*pool, [&](Connection& conn) -> absl::Status {
    EXPECT_EQ(Execute(conn, "INSERT INTO v (n, s, ts) VALUES (?, ?, ?)",
                      {int64_t{INT64_MAX}, emoji, t1}),
              1);
    id1 = LastInsertId(conn);
    EXPECT_EQ(Execute(conn, "INSERT INTO v (n, s, ts) VALUES (?, ?, ?)",
                      {nullptr, nullptr, nullptr}),
              1);
    id2 = LastInsertId(conn);
    Execute(conn, "INSERT INTO v (n, s, ts) VALUES (?, ?, ?)",
            {int64_t{INT64_MIN}, std::string(""), t2});
    Execute(conn, "INSERT INTO v (n, s, ts) VALUES (?, ?, ?)",
            {Optional(std::optional<int64_t>(-7)),
             Optional(std::optional<std::string>()), t3});
    Execute(conn, "INSERT INTO v (n, s, ts) VALUES (?, ?, ?)",
            {int64_t{0}, std::string("x"), t4});
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_GT(id1, 0);
  EXPECT_EQ(id2, id1 + 1);

  // What the server stored, seen by another client.
  EXPECT_THAT(Rows(options, absl::StrCat("SELECT n, s, ts FROM v ORDER BY id")),
              ElementsAre(ElementsAre("9223372036854775807", emoji,
                                      "2023-11-14 22:13:20.123456"),
                          ElementsAre("NULL", "NULL", "NULL"),
                          ElementsAre("-9223372036854775808", "",
                                      "2023-11-14 22:13:20.000001"),
                          ElementsAre("-7", "NULL",
                                      "1999-12-31 23:59:59.999999"),
                          ElementsAre("0", "x", "2023-11-14 22:13:20.000000")));

  // Read back through the typed readers, selecting by each param kind.
  s = WithConnection(*pool, [&](Connection& conn) -> absl::Status {
    std::unique_ptr<sql::ResultSet> rs =
        Query(conn, "SELECT id, n, s, ts FROM v WHERE s = ? AND ts = ?",
              {emoji, t1});
    EXPECT_TRUE(rs->next());
    EXPECT_EQ(GetInt64(*rs, "id"), id1);
    EXPECT_EQ(GetInt64(*rs, "n"), INT64_MAX);
    EXPECT_EQ(GetString(*rs, "s"), emoji);
    EXPECT_EQ(GetTime(*rs, "ts"), t1);
    EXPECT_EQ(GetOptionalTime(*rs, "ts"), std::optional<absl::Time>(t1));
    EXPECT_FALSE(rs->next());

    rs = Query(conn, "SELECT n, s, ts FROM v WHERE n <=> ?", {nullptr});
    EXPECT_TRUE(rs->next());
    EXPECT_TRUE(rs->isNull("n"));
    EXPECT_EQ(GetString(*rs, "s"), "");
    EXPECT_EQ(GetOptionalTime(*rs, "ts"), std::nullopt);
    EXPECT_FALSE(rs->next());

    for (absl::Time t : {t2, t3, t4}) {
      rs = Query(conn, "SELECT ts FROM v WHERE ts = ?", {t});
      EXPECT_TRUE(rs->next()) << t;
      EXPECT_EQ(GetTime(*rs, "ts"), t);
      EXPECT_FALSE(rs->next());
    }
    rs = Query(conn, "SELECT n FROM v WHERE n = ?", {int64_t{INT64_MIN}});
    EXPECT_TRUE(rs->next());
    EXPECT_EQ(GetInt64(*rs, "n"), INT64_MIN);

    // Row counts of Execute.
    EXPECT_EQ(Execute(conn, "UPDATE v SET n = n WHERE id > ?", {int64_t{0}}),
              0);  // nothing changed
    EXPECT_EQ(Execute(conn, "UPDATE v SET s = ? WHERE n IS NULL OR n = ?",
                      {std::string("y"), int64_t{0}}),
              2);
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
}

TEST_F(MysqlTest, DatetimeTextHelpers) {
  const absl::Time t = absl::FromUnixMicros(1700000000123456);
  EXPECT_EQ(FormatDatetime(t), "2023-11-14 22:13:20.123456");
  EXPECT_EQ(ParseDatetime("2023-11-14 22:13:20.123456"), t);
  EXPECT_EQ(ParseDatetime("2023-11-14 22:13:20"), absl::FromUnixSeconds(1700000000));
  EXPECT_EQ(ParseDatetime("garbage"), absl::InfinitePast());
}

// ============================================================== transaction

class TransactTest : public MysqlTest {
 protected:
  void SetUp() override {
    options_ = NewSchema();
    Sql(options_,
        "CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY,"
        " code VARCHAR(32) NOT NULL, UNIQUE KEY items_by_code (code))"
        " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    pool_ = NewPool(options_, PoolOptions{8, absl::Seconds(5)});
    ASSERT_NE(pool_, nullptr);
  }
  ConnectionOptions options_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(TransactTest, CommitsOnOk) {
  int attempts = 0;
  absl::Status s = Transact(*pool_, [&](Connection& conn) -> absl::Status {
    ++attempts;
    Execute(conn, "INSERT INTO items (id, code) VALUES (?, ?)",
            {int64_t{1}, std::string("a")});
    Execute(conn, "INSERT INTO items (id, code) VALUES (?, ?)",
            {int64_t{2}, std::string("b")});
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(Count(options_, "items"), 2);
}

TEST_F(TransactTest, RollsBackOnErrorStatus) {
  int attempts = 0;
  absl::Status s = Transact(*pool_, [&](Connection& conn) -> absl::Status {
    ++attempts;
    Execute(conn, "INSERT INTO items (id, code) VALUES (?, ?)",
            {int64_t{1}, std::string("a")});
    return absl::FailedPreconditionError("partner is suspended");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << s;
  EXPECT_EQ(s.message(), "partner is suspended");
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(Count(options_, "items"), 0);
  // The connection went back clean: the next transaction sees no leftovers.
  s = Transact(*pool_, [&](Connection& conn) -> absl::Status {
    std::unique_ptr<sql::ResultSet> rs = Query(conn, "SELECT COUNT(*) FROM items");
    rs->next();
    EXPECT_EQ(rs->getInt64(1), 0);
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
}

TEST_F(TransactTest, SqlErrorMidwayLeavesNothingHalfWritten) {
  int attempts = 0;
  absl::Status s = Transact(*pool_, [&](Connection& conn) -> absl::Status {
    ++attempts;
    Execute(conn, "INSERT INTO items (id, code) VALUES (?, ?)",
            {int64_t{1}, std::string("same")});
    Execute(conn, "INSERT INTO items (id, code) VALUES (?, ?)",
            {int64_t{2}, std::string("same")});  // duplicate code
    ADD_FAILURE() << "the duplicate insert did not throw";
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAlreadyExists) << s;
  EXPECT_EQ(SqlErrorCode(s), kErDupEntry);
  EXPECT_EQ(attempts, 1);  // not a retryable conflict
  EXPECT_EQ(Count(options_, "items"), 0);

  // Any other SQL error: INTERNAL, with no SQL text in the message.
  s = Transact(*pool_, [&](Connection& conn) -> absl::Status {
    Execute(conn, "INSERT INTO items (id, code) VALUES (?, ?)",
            {int64_t{1}, std::string("x")});
    Execute(conn, "INSERT INTO no_such_table (id) VALUES (?)", {int64_t{1}});
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal) << s;
  EXPECT_THAT(std::string(s.message()), Not(HasSubstr("no_such_table")));
  EXPECT_EQ(SqlErrorCode(s), 1146);
  EXPECT_EQ(Count(options_, "items"), 0);
}

TEST_F(TransactTest, DuplicateKeyIsAlreadyExistsViaGuarded) {
  Sql(options_, "INSERT INTO items (id, code) VALUES (1, 'taken')");
  absl::StatusOr<PooledConnection> conn = pool_->Acquire();
  ASSERT_TRUE(conn.ok()) << conn.status();
  absl::Status s = Guarded(**conn, [&] {
    Execute(**conn, "INSERT INTO items (id, code) VALUES (?, ?)",
            {int64_t{2}, std::string("taken")});
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAlreadyExists) << s;
  EXPECT_EQ(SqlErrorCode(s), 1062);
  EXPECT_THAT(std::string(s.message()), Not(HasSubstr("Duplicate")));
  EXPECT_THAT(std::string(s.message()), Not(HasSubstr("taken")));
  EXPECT_FALSE((*conn)->broken());

  // Guarded passes values and statuses through.
  absl::StatusOr<int64_t> n = Guarded(**conn, [&]() -> int64_t {
    std::unique_ptr<sql::ResultSet> rs = Query(**conn, "SELECT COUNT(*) FROM items");
    rs->next();
    return rs->getInt64(1);
  });
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, 1);
  absl::Status passed = Guarded(**conn, [] { return absl::NotFoundError("x"); });
  EXPECT_EQ(passed.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(SqlErrorCode(passed), 0);
  EXPECT_EQ(SqlErrorCode(absl::OkStatus()), 0);
}

// Two threads lock rows in opposite orders; the server picks a deadlock
// victim, and Transact must retry it until both commit.
TEST_F(TransactTest, DeadlockIsRetried) {
  Sql(options_,
      "CREATE TABLE counters (id BIGINT NOT NULL PRIMARY KEY,"
      " n BIGINT NOT NULL) ENGINE=InnoDB");
  Sql(options_, "INSERT INTO counters (id, n) VALUES (1, 0), (2, 0)");
  constexpr int kRounds = 3;
  int total_attempts = 0;
  for (int round = 0; round < kRounds; ++round) {
    Latch both_hold_first_lock(2);
    std::atomic<int> attempts{0};
    std::atomic<int> barrier_timeouts{0};
    absl::Status results[2];
    auto run = [&](int thread) {
      const int64_t first = thread == 0 ? 1 : 2;
      const int64_t second = thread == 0 ? 2 : 1;
      bool waited = false;
      results[thread] = Transact(*pool_, [&](Connection& conn) -> absl::Status {
        attempts.fetch_add(1);
        Query(conn, "SELECT n FROM counters WHERE id = ? FOR UPDATE", {first});
        if (!waited) {  // only the first attempt meets the other thread
          waited = true;
          if (!both_hold_first_lock.ArriveAndWait()) barrier_timeouts++;
        }
        Query(conn, "SELECT n FROM counters WHERE id = ? FOR UPDATE", {second});
        Execute(conn, "UPDATE counters SET n = n + 1 WHERE id IN (?, ?)",
                {first, second});
        return absl::OkStatus();
      });
    };
    std::thread t0(run, 0), t1(run, 1);
    t0.join();
    t1.join();
    EXPECT_EQ(barrier_timeouts.load(), 0) << "round " << round;
    EXPECT_TRUE(results[0].ok()) << "round " << round << ": " << results[0];
    EXPECT_TRUE(results[1].ok()) << "round " << round << ": " << results[1];
    EXPECT_GT(attempts.load(), 2) << "round " << round << ": no deadlock?";
    total_attempts += attempts.load();
  }
  EXPECT_GT(total_attempts, 2 * kRounds);
  // Each thread's update committed exactly once per round.
  EXPECT_THAT(Rows(options_, "SELECT id, n FROM counters ORDER BY id"),
              ElementsAre(ElementsAre("1", absl::StrCat(2 * kRounds)),
                          ElementsAre("2", absl::StrCat(2 * kRounds))));
}

// With one attempt only, the deadlock victim gives up with ABORTED.
TEST_F(TransactTest, DeadlockWithoutRetriesIsAborted) {
  Sql(options_,
      "CREATE TABLE counters (id BIGINT NOT NULL PRIMARY KEY,"
      " n BIGINT NOT NULL) ENGINE=InnoDB");
  Sql(options_, "INSERT INTO counters (id, n) VALUES (1, 0), (2, 0)");
  Latch both_hold_first_lock(2);
  absl::Status results[2];
  TransactionOptions once;
  once.max_attempts = 1;
  auto run = [&](int thread) {
    const int64_t first = thread == 0 ? 1 : 2;
    const int64_t second = thread == 0 ? 2 : 1;
    results[thread] = Transact(
        *pool_,
        [&](Connection& conn) -> absl::Status {
          Query(conn, "SELECT n FROM counters WHERE id = ? FOR UPDATE", {first});
          both_hold_first_lock.ArriveAndWait();
          Query(conn, "SELECT n FROM counters WHERE id = ? FOR UPDATE", {second});
          Execute(conn, "UPDATE counters SET n = n + 1 WHERE id = ?", {first});
          return absl::OkStatus();
        },
        once);
  };
  std::thread t0(run, 0), t1(run, 1);
  t0.join();
  t1.join();
  const int ok = results[0].ok() + results[1].ok();
  EXPECT_EQ(ok, 1) << results[0] << " / " << results[1];
  for (const absl::Status& s : results) {
    if (!s.ok()) {
      EXPECT_EQ(s.code(), absl::StatusCode::kAborted) << s;
      EXPECT_EQ(SqlErrorCode(s), kErLockDeadlock) << s;
    }
  }
  EXPECT_EQ(Count(options_, "counters", "n = 1"), 1);
}

// ============================================================== request ids

class RequestIdsTest : public MysqlTest {
 protected:
  void SetUp() override {
    options_ = NewSchema();
    // The real DDL, from the first migration of a service.
    const std::string path = absl::StrCat(
        SourceRoot(),
        "/services/partner_registry/migrations/0001_create_request_ids.sql");
    std::ifstream in(path);
    ASSERT_TRUE(in.good()) << "cannot read " << path;
    std::stringstream text;
    text << in.rdbuf();
    const std::string file_text = text.str();
    absl::string_view ddl_view = absl::StripAsciiWhitespace(file_text);
    absl::ConsumeSuffix(&ddl_view, ";");
    const std::string ddl(ddl_view);
    ASSERT_THAT(ddl, HasSubstr("CREATE TABLE request_ids"));
    Sql(options_, ddl);
    Sql(options_,
        "CREATE TABLE side (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
        " note VARCHAR(64) NOT NULL) ENGINE=InnoDB");
    pool_ = NewPool(options_, PoolOptions{16, absl::Seconds(10)});
    ASSERT_NE(pool_, nullptr);
  }

  static std::string SourceRoot() {
    std::string file = __FILE__;  // <root>/common/mysql/mysql_test.cc
    const size_t at = file.rfind("/common/mysql/");
    return at == std::string::npos ? "." : file.substr(0, at);
  }

  // Claims `id` and, when new, records `result`; returns what the claim
  // gave (nullopt when new).
  absl::StatusOr<std::optional<std::string>> ClaimAndRecord(
      const std::string& id, uint64_t fingerprint, const std::string& result) {
    std::optional<std::string> claimed;
    absl::Status s = Transact(*pool_, [&](Connection& conn) -> absl::Status {
      absl::StatusOr<std::optional<std::string>> claim =
          ClaimRequestId(conn, id, fingerprint, absl::Now());
      if (!claim.ok()) return claim.status();
      claimed = *claim;
      if (!claimed.has_value()) RecordRequestResult(conn, id, result);
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return claimed;
  }

  ConnectionOptions options_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(RequestIdsTest, ClaimRecordReplay) {
  const uint64_t fp = Fingerprint("create partner Lotte");
  ASSERT_GT(fp, uint64_t{INT64_MAX}) << "want a fingerprint with the top bit";
  auto first = ClaimAndRecord("req-1", fp, "partners/12");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, std::nullopt);

  auto again = ClaimAndRecord("req-1", fp, "partners/99");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, std::optional<std::string>("partners/12"));

  auto other = ClaimAndRecord("req-1", Fingerprint("create partner CU"), "x");
  EXPECT_EQ(other.status().code(), absl::StatusCode::kInvalidArgument)
      << other.status();
  EXPECT_THAT(std::string(other.status().message()), HasSubstr("request_id"));

  // Another id is independent.
  auto second = ClaimAndRecord("req-2", fp, "partners/13");
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*second, std::nullopt);
  EXPECT_THAT(Rows(options_, "SELECT request_id, result FROM request_ids "
                             "ORDER BY request_id"),
              ElementsAre(ElementsAre("req-1", "partners/12"),
                          ElementsAre("req-2", "partners/13")));
}

TEST_F(RequestIdsTest, RolledBackClaimIsForgotten) {
  absl::Status s = Transact(*pool_, [&](Connection& conn) -> absl::Status {
    auto claim = ClaimRequestId(conn, "req-x", 7, absl::Now());
    if (!claim.ok()) return claim.status();
    EXPECT_EQ(*claim, std::nullopt);
    RecordRequestResult(conn, "req-x", "partners/1");
    return absl::FailedPreconditionError("the change itself failed");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count(options_, "request_ids"), 0);
  auto retry = ClaimAndRecord("req-x", 7, "partners/2");
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_EQ(*retry, std::nullopt);
}

TEST_F(RequestIdsTest, Prune) {
  const absl::Time now = absl::FromUnixMicros(1700000000000000);
  absl::Status s = Transact(*pool_, [&](Connection& conn) -> absl::Status {
    EXPECT_TRUE(ClaimRequestId(conn, "old", 1, now - absl::Hours(48)).ok());
    EXPECT_TRUE(ClaimRequestId(conn, "new", 1, now).ok());
    EXPECT_EQ(PruneRequestIds(conn, now - absl::Hours(24)), 1);
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_THAT(Rows(options_, "SELECT request_id FROM request_ids"),
              ElementsAre(ElementsAre("new")));
}

// 16 clients retry the same request at once: exactly one executes it, all
// get its result.
TEST_F(RequestIdsTest, ConcurrentDuplicatesExecuteOnce) {
  constexpr int kThreads = 16;
  for (int round = 0; round < 2; ++round) {
    const std::string request_id = absl::StrCat("req-concurrent-", round);
    const uint64_t fp = Fingerprint(request_id);
    Latch start(kThreads);
    std::vector<absl::Status> statuses(kThreads);
    std::vector<std::string> results(kThreads);
    std::atomic<int> executed{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        start.ArriveAndWait();
        statuses[i] = Transact(*pool_, [&](Connection& conn) -> absl::Status {
          results[i].clear();
          absl::StatusOr<std::optional<std::string>> claim =
              ClaimRequestId(conn, request_id, fp, absl::Now());
          if (!claim.ok()) return claim.status();
          if (claim->has_value()) {
            results[i] = **claim;
            return absl::OkStatus();
          }
          Execute(conn, "INSERT INTO side (note) VALUES (?)",
                  {absl::StrCat(request_id, " by ", i)});
          const std::string result = absl::StrCat("side/", LastInsertId(conn));
          // Hold the claim a while so the others pile up on its lock.
          absl::SleepFor(absl::Milliseconds(50));
          RecordRequestResult(conn, request_id, result);
          executed.fetch_add(1);
          results[i] = result;
          return absl::OkStatus();
        });
      });
    }
    for (std::thread& t : threads) t.join();
    for (int i = 0; i < kThreads; ++i) {
      EXPECT_TRUE(statuses[i].ok()) << "round " << round << " thread " << i
                                    << ": " << statuses[i];
    }
    EXPECT_EQ(Count(options_, "side",
                    absl::StrCat("note LIKE '", request_id, " by %'")),
              1)
        << "round " << round;
    EXPECT_GE(executed.load(), 1);
    ASSERT_FALSE(results[0].empty()) << "round " << round;
    for (int i = 1; i < kThreads; ++i) {
      EXPECT_EQ(results[i], results[0]) << "round " << round << " thread " << i;
    }
    EXPECT_THAT(Rows(options_, absl::StrCat("SELECT result FROM request_ids "
                                            "WHERE request_id = '",
                                            request_id, "'")),
                ElementsAre(ElementsAre(results[0])));
  }
}

// ================================================================= migrator

class MigratorTest : public MysqlTest {
 protected:
  static MigrationSet Set() {
    return {
        {"0003_create_b.sql",
         "CREATE TABLE b (\n"
         "  id BIGINT NOT NULL PRIMARY KEY,\n"
         "  a_id BIGINT NOT NULL,\n"
         "  FOREIGN KEY (a_id) REFERENCES a (id)\n"
         ") ENGINE=InnoDB;\n"},
        {"0001_create_a.sql",
         "-- The first table.\n"
         "CREATE TABLE a (\n"
         "  id BIGINT NOT NULL PRIMARY KEY\n"
         ") ENGINE=InnoDB;\n"
         "\n"
         "-- with a row\n"
         "INSERT INTO a (id) VALUES (1);\n"},
        {"0002_alter_a.sql",
         "ALTER TABLE a ADD COLUMN note VARCHAR(16) NULL;\n"
         "UPDATE a SET note = 'semi;colon'\n"
         "  WHERE id = 1;\n"},
    };
  }
  static std::string Checksum(const std::string& sql) {
    return absl::StrFormat("%016x", Fingerprint(sql));
  }
};

TEST_F(MigratorTest, AppliesInOrderOnceAndRecords) {
  ConnectionOptions options = NewSchema();
  auto pool = NewPool(options);
  ASSERT_NE(pool, nullptr);
  absl::StatusOr<std::vector<std::string>> applied = Migrate(*pool, Set());
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_THAT(*applied, ElementsAre("0001_create_a.sql", "0002_alter_a.sql",
                                    "0003_create_b.sql"));
  EXPECT_THAT(Rows(options, "SELECT id, note FROM a"),
              ElementsAre(ElementsAre("1", "semi;colon")));
  EXPECT_EQ(Count(options, "b"), 0);
  MigrationSet set = Set();
  EXPECT_THAT(
      Rows(options, "SELECT name, checksum FROM schema_migrations ORDER BY name"),
      ElementsAre(ElementsAre("0001_create_a.sql", Checksum(set[1].sql)),
                  ElementsAre("0002_alter_a.sql", Checksum(set[2].sql)),
                  ElementsAre("0003_create_b.sql", Checksum(set[0].sql))));

  // Second run: nothing to do.
  applied = Migrate(*pool, Set());
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_THAT(*applied, ::testing::IsEmpty());
  EXPECT_EQ(Count(options, "schema_migrations"), 3);

  // A new file later: only it is applied.
  set.push_back({"0004_create_c.sql", "CREATE TABLE c (id BIGINT) ENGINE=InnoDB;"});
  applied = Migrate(*pool, set);
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_THAT(*applied, ElementsAre("0004_create_c.sql"));
  EXPECT_EQ(Count(options, "schema_migrations"), 4);
}

TEST_F(MigratorTest, ChangedAppliedMigrationIsRefused) {
  ConnectionOptions options = NewSchema();
  auto pool = NewPool(options);
  ASSERT_NE(pool, nullptr);
  ASSERT_TRUE(Migrate(*pool, Set()).ok());
  MigrationSet changed = Set();
  changed[2].sql += "-- an innocent comment\n";  // 0002_alter_a.sql
  changed.push_back({"0004_create_c.sql", "CREATE TABLE c (id BIGINT);"});
  absl::StatusOr<std::vector<std::string>> applied = Migrate(*pool, changed);
  EXPECT_EQ(applied.status().code(), absl::StatusCode::kFailedPrecondition)
      << applied.status();
  EXPECT_THAT(std::string(applied.status().message()),
              HasSubstr("0002_alter_a.sql"));
  EXPECT_EQ(Count(options, "schema_migrations"), 3);
  EXPECT_EQ(Count(options, "information_schema.TABLES",
                  absl::StrCat("TABLE_SCHEMA = '", options.database,
                               "' AND TABLE_NAME = 'c'")),
            0);
}

TEST_F(MigratorTest, BadFileNamesAreInvalid) {
  ConnectionOptions options = NewSchema();
  auto pool = NewPool(options);
  ASSERT_NE(pool, nullptr);
  for (const std::string bad :
       {"1_a.sql", "0001-create.sql", "0001_create.txt", "abcd_create.sql",
        "0001_.sql", "create.sql", "00001_create.sql"}) {
    absl::StatusOr<std::vector<std::string>> applied =
        Migrate(*pool, {{"0001_ok.sql", "CREATE TABLE ok1 (id BIGINT);"},
                        {bad, "CREATE TABLE t (id BIGINT);"}});
    EXPECT_EQ(applied.status().code(), absl::StatusCode::kInvalidArgument)
        << bad << ": " << applied.status();
    EXPECT_THAT(std::string(applied.status().message()), HasSubstr(bad));
  }
  // Two files with one number.
  absl::StatusOr<std::vector<std::string>> applied =
      Migrate(*pool, {{"0001_a.sql", "CREATE TABLE a (id BIGINT);"},
                      {"0001_b.sql", "CREATE TABLE b (id BIGINT);"}});
  EXPECT_EQ(applied.status().code(), absl::StatusCode::kInvalidArgument)
      << applied.status();
  // Nothing ran, not even the bookkeeping table.
  EXPECT_EQ(Count(options, "information_schema.TABLES",
                  absl::StrCat("TABLE_SCHEMA = '", options.database, "'")),
            0);
}

TEST_F(MigratorTest, FailedMigrationIsNotRecorded) {
  ConnectionOptions options = NewSchema();
  auto pool = NewPool(options);
  ASSERT_NE(pool, nullptr);
  MigrationSet set = {{"0001_a.sql", "CREATE TABLE a (id BIGINT);"},
                      {"0002_broken.sql", "CREATE TABLE oops (;"}};
  absl::StatusOr<std::vector<std::string>> applied = Migrate(*pool, set);
  EXPECT_FALSE(applied.ok());
  EXPECT_THAT(Rows(options, "SELECT name FROM schema_migrations"),
              ElementsAre(ElementsAre("0001_a.sql")));
  set[1].sql = "CREATE TABLE fixed (id BIGINT);";
  applied = Migrate(*pool, set);
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_THAT(*applied, ElementsAre("0002_broken.sql"));
}

// A stop request (SIGTERM to `migrate`) between two files: the file that
// ran is whole and recorded, the next is not started, and a later run goes
// on from there.
TEST_F(MigratorTest, StopRequestedBetweenFilesLeavesNoFileHalfApplied) {
  ConnectionOptions options = NewSchema();
  auto pool = NewPool(options);
  ASSERT_NE(pool, nullptr);
  // Stop once 0001_create_a.sql has created its table.
  auto table_a_exists = [&] {
    return Count(options, "information_schema.TABLES",
                 absl::StrCat("TABLE_SCHEMA = '", options.database,
                              "' AND TABLE_NAME = 'a'")) > 0;
  };
  absl::StatusOr<std::vector<std::string>> applied =
      Migrate(*pool, Set(), table_a_exists);
  EXPECT_EQ(applied.status().code(), absl::StatusCode::kCancelled)
      << applied.status();
  EXPECT_THAT(std::string(applied.status().message()),
              HasSubstr("before 0002_alter_a.sql"));
  // 0001 ran to its end (its INSERT too) and is recorded; 0002 never began.
  EXPECT_THAT(Rows(options, "SELECT * FROM a"), ElementsAre(ElementsAre("1")));
  EXPECT_THAT(Rows(options, "SELECT name FROM schema_migrations"),
              ElementsAre(ElementsAre("0001_create_a.sql")));

  applied = Migrate(*pool, Set());
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_THAT(*applied, ElementsAre("0002_alter_a.sql", "0003_create_b.sql"));
}

// A stop request while another run holds the migration lock ends the wait
// at once (within a second), not after the lock's 60 s.
TEST_F(MigratorTest, StopRequestedWhileWaitingForTheLock) {
  ConnectionOptions options = NewSchema();
  auto holder_pool = NewPool(options);
  auto pool = NewPool(options);
  ASSERT_NE(holder_pool, nullptr);
  ASSERT_NE(pool, nullptr);
  absl::StatusOr<PooledConnection> holder = holder_pool->Acquire();
  ASSERT_TRUE(holder.ok()) << holder.status();
  {
    std::unique_ptr<sql::ResultSet> rs =
        Query(**holder, "SELECT GET_LOCK(CONCAT(DATABASE(), '.migrate'), 0)");
    ASSERT_TRUE(rs->next());
    ASSERT_EQ(rs->getInt(1), 1);
  }
  const absl::Time start = absl::Now();
  const absl::Time stop_at = start + absl::Milliseconds(1500);
  absl::StatusOr<std::vector<std::string>> applied =
      Migrate(*pool, Set(), [&] { return absl::Now() >= stop_at; });
  const absl::Duration took = absl::Now() - start;
  EXPECT_EQ(applied.status().code(), absl::StatusCode::kCancelled)
      << applied.status();
  EXPECT_GE(took, absl::Milliseconds(1500));
  EXPECT_LT(took, absl::Seconds(5));
  // Nothing ran, not even the bookkeeping table.
  EXPECT_EQ(Count(options, "information_schema.TABLES",
                  absl::StrCat("TABLE_SCHEMA = '", options.database, "'")),
            0);
}

// The longest schema name MySQL allows (64) still migrates (the migration
// lock's name is derived from it).
TEST_F(MigratorTest, LongSchemaName) {
  const std::string name(64, 'L');
  absl::StatusOr<ConnectionOptions> options = server().CreateSchema(name);
  ASSERT_TRUE(options.ok()) << options.status();
  auto pool = NewPool(*options);
  ASSERT_NE(pool, nullptr);
  absl::StatusOr<std::vector<std::string>> applied = Migrate(*pool, Set());
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_EQ(applied->size(), 3u);
}

// Two replicas start at once: each migration is applied exactly once.
TEST_F(MigratorTest, ConcurrentRunsApplyEachOnce) {
  MigrationSet set;
  for (int i = 1; i <= 6; ++i) {
    // No IF NOT EXISTS: applying a file twice fails loudly.
    set.push_back({absl::StrFormat("%04d_create_t%d.sql", i, i),
                   absl::StrCat("CREATE TABLE t", i,
                                " (id BIGINT NOT NULL PRIMARY KEY) ENGINE=InnoDB;\n"
                                "INSERT INTO t", i, " (id) VALUES (1);\n")});
  }
  for (int round = 0; round < 4; ++round) {
    ConnectionOptions options = NewSchema();
    auto pool_a = NewPool(options);
    auto pool_b = NewPool(options);
    ASSERT_NE(pool_a, nullptr);
    ASSERT_NE(pool_b, nullptr);
    Latch start(2);
    absl::StatusOr<std::vector<std::string>> result_a, result_b;
    std::thread a([&] {
      start.ArriveAndWait();
      result_a = Migrate(*pool_a, set);
    });
    std::thread b([&] {
      start.ArriveAndWait();
      result_b = Migrate(*pool_b, set);
    });
    a.join();
    b.join();
    ASSERT_TRUE(result_a.ok()) << "round " << round << ": " << result_a.status();
    ASSERT_TRUE(result_b.ok()) << "round " << round << ": " << result_b.status();
    std::vector<std::string> all = *result_a;
    all.insert(all.end(), result_b->begin(), result_b->end());
    std::sort(all.begin(), all.end());
    std::vector<std::string> expected;
    for (const Migration& m : set) expected.push_back(m.name);
    EXPECT_EQ(all, expected) << "round " << round;
    EXPECT_EQ(Count(options, "schema_migrations"), 6);
    EXPECT_EQ(Rows(options, "SELECT COUNT(DISTINCT name) FROM schema_migrations"),
              std::vector<std::vector<std::string>>{{"6"}});
    for (int i = 1; i <= 6; ++i) {
      EXPECT_EQ(Count(options, absl::StrCat("t", i)), 1);
    }
  }
}

}  // namespace
}  // namespace partnerhub::mysql

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  // Start the server on the main thread: it lives as long as this thread.
  partnerhub::testing::MariaDbServer::Shared();
  return RUN_ALL_TESTS();
}
