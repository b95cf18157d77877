// Integration tests of mysql::ConnectionPool against a real MariaDB (the
// harness's private server): options, bounded leases, session setup,
// unreachable servers, and reconnecting after a server restart.
#include "common/mysql/connection_pool.h"

#include <arpa/inet.h>
#include <cppconn/resultset.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/mysql/mysql_test_fixture.h"
#include "common/mysql/statement.h"
#include "common/mysql/transaction.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/harness/harness.h"

namespace partnerhub::mysql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

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
    absl::Status tx =
        Transact(*pool, [](Connection&) { return absl::OkStatus(); });
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
    std::unique_ptr<sql::ResultSet> rs =
        Query(conn, "SELECT COUNT(*) AS n FROM t");
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

}  // namespace
}  // namespace partnerhub::mysql

int main(int argc, char** argv) {
  return partnerhub::testing::RunTestsWithSharedServer(argc, argv);
}
