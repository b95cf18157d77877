// The fixture the common/mysql tests share: a fresh schema per test on the
// harness's private MariaDB (each test binary starts its own), pools, and
// SQL run beside the code under test. Header-only, so that it stays out of
// partnerhub_common (every non-_test .cc under common/ is in the library).
#ifndef PARTNERHUB_COMMON_MYSQL_MYSQL_TEST_FIXTURE_H_
#define PARTNERHUB_COMMON_MYSQL_MYSQL_TEST_FIXTURE_H_

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/mysql/connection_pool.h"
#include "gtest/gtest.h"
#include "tests/harness/harness.h"

namespace partnerhub::mysql {

// Bound on every wait for another thread in these tests.
inline constexpr absl::Duration kWaitBound = absl::Seconds(20);

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
  ::partnerhub::testing::MariaDbServer& server() {
    return ::partnerhub::testing::MariaDbServer::Shared();
  }

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
    auto rows =
        Rows(options, absl::StrCat("SELECT COUNT(*) FROM ", table,
                                   where.empty() ? "" : " WHERE ", where));
    int64_t n = -1;
    if (rows.size() == 1 && rows[0].size() == 1) {
      EXPECT_TRUE(absl::SimpleAtoi(rows[0][0], &n));
    }
    return n;
  }
};

}  // namespace partnerhub::mysql

#endif  // PARTNERHUB_COMMON_MYSQL_MYSQL_TEST_FIXTURE_H_
