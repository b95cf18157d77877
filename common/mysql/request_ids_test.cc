// Integration tests of common/mysql's request ids against a real MariaDB
// (the harness's private server), with the real request_ids DDL: claim,
// record and replay, rollback, pruning, and concurrent duplicates.
#include "common/mysql/request_ids.h"

#include <atomic>
#include <cstdint>
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
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/api/fingerprint.h"
#include "common/mysql/connection_pool.h"
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

class RequestIdsTest : public MysqlTest {
 protected:
  void SetUp() override {
    options_ = NewSchema();
    // The real DDL: the migration every producer applies.
    const std::string path = absl::StrCat(
        SourceRoot(), "/common/mysql/schema/0001_create_request_ids.sql");
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
    std::string file = __FILE__;  // <root>/common/mysql/request_ids_test.cc
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
  EXPECT_THAT(Rows(options_,
                   "SELECT request_id, result FROM request_ids "
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
      EXPECT_TRUE(statuses[i].ok())
          << "round " << round << " thread " << i << ": " << statuses[i];
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

}  // namespace
}  // namespace partnerhub::mysql

int main(int argc, char** argv) {
  return partnerhub::testing::RunTestsWithSharedServer(argc, argv);
}
