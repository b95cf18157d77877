// Integration tests of mysql::Transact and Guarded against a real MariaDB
// (the harness's private server): commit, rollback, SQL errors as
// statuses, and deadlocks retried or given up.
#include "common/mysql/transaction.h"

#include <cppconn/resultset.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/guarded.h"
#include "common/mysql/mysql_test_fixture.h"
#include "common/mysql/sql_error.h"
#include "common/mysql/statement.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/harness/harness.h"

namespace partnerhub::mysql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

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
    std::unique_ptr<sql::ResultSet> rs =
        Query(conn, "SELECT COUNT(*) FROM items");
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
    std::unique_ptr<sql::ResultSet> rs =
        Query(**conn, "SELECT COUNT(*) FROM items");
    rs->next();
    return rs->getInt64(1);
  });
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, 1);
  absl::Status passed =
      Guarded(**conn, [] { return absl::NotFoundError("x"); });
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
          Query(conn, "SELECT n FROM counters WHERE id = ? FOR UPDATE",
                {first});
          both_hold_first_lock.ArriveAndWait();
          Query(conn, "SELECT n FROM counters WHERE id = ? FOR UPDATE",
                {second});
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

}  // namespace
}  // namespace partnerhub::mysql

int main(int argc, char** argv) {
  return partnerhub::testing::RunTestsWithSharedServer(argc, argv);
}
