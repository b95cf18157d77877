// Integration tests of mysql::Migrate against a real MariaDB (the
// harness's private server): order, checksums, bad file names, failures,
// stop requests, the migration lock, and concurrent runs.
#include "common/mysql/migrator.h"

#include <cppconn/resultset.h>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/api/fingerprint.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/migration.h"
#include "common/mysql/mysql_test_fixture.h"
#include "common/mysql/statement.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/harness/harness.h"

namespace partnerhub::mysql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

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
      Rows(options,
           "SELECT name, checksum FROM schema_migrations ORDER BY name"),
      ElementsAre(ElementsAre("0001_create_a.sql", Checksum(set[1].sql)),
                  ElementsAre("0002_alter_a.sql", Checksum(set[2].sql)),
                  ElementsAre("0003_create_b.sql", Checksum(set[0].sql))));

  // Second run: nothing to do.
  applied = Migrate(*pool, Set());
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_THAT(*applied, ::testing::IsEmpty());
  EXPECT_EQ(Count(options, "schema_migrations"), 3);

  // A new file later: only it is applied.
  set.push_back(
      {"0004_create_c.sql", "CREATE TABLE c (id BIGINT) ENGINE=InnoDB;"});
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

TEST_F(MigratorTest, PartsApplyInTheOrderTheyFirstAppear) {
  ConnectionOptions options = NewSchema();
  auto pool = NewPool(options);
  ASSERT_NE(pool, nullptr);
  // common/x's table first (the service's file uses it), each part in
  // number order; "0001_fill.sql" would sort before "common/..." by name.
  absl::StatusOr<std::vector<std::string>> applied = Migrate(
      *pool,
      {{"common/x/0002_alter_t.sql", "ALTER TABLE t ADD COLUMN n INT NULL;"},
       {"common/x/0001_create_t.sql", "CREATE TABLE t (id BIGINT);"},
       {"0001_fill.sql", "INSERT INTO t (id, n) VALUES (1, 2);"}});
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_THAT(*applied,
              ElementsAre("common/x/0001_create_t.sql",
                          "common/x/0002_alter_t.sql", "0001_fill.sql"));
  EXPECT_THAT(Rows(options, "SELECT id, n FROM t"),
              ElementsAre(ElementsAre("1", "2")));
  // Within a part numbers stay distinct.
  applied = Migrate(*pool, {{"common/x/0001_a.sql", "SELECT 1;"},
                            {"common/x/0001_b.sql", "SELECT 1;"}});
  EXPECT_EQ(applied.status().code(), absl::StatusCode::kInvalidArgument)
      << applied.status();
}

TEST_F(MigratorTest, MigrationMovedToCommonIsRenamedNotAppliedAgain) {
  ConnectionOptions options = NewSchema();
  auto pool = NewPool(options);
  ASSERT_NE(pool, nullptr);
  const std::string create = "CREATE TABLE t (id BIGINT);\n";
  ASSERT_TRUE(Migrate(*pool, {{"0001_create_t.sql", create},
                              {"0002_fill.sql", "INSERT INTO t VALUES (7);"}})
                  .ok());
  // The same file now comes from common, its comment edited; running it
  // again would fail (the table exists).
  MigrationSet moved = {{"common/x/0001_create_t.sql",
                         "-- Now common's.\n" + create,
                         {{"0001_create_t.sql", Checksum(create)}}},
                        {"0002_fill.sql", "INSERT INTO t VALUES (7);"},
                        {"0003_more.sql", "INSERT INTO t VALUES (8);"}};
  absl::StatusOr<std::vector<std::string>> applied = Migrate(*pool, moved);
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_THAT(*applied, ElementsAre("0003_more.sql"));
  EXPECT_THAT(
      Rows(options,
           "SELECT name, checksum FROM schema_migrations ORDER BY name"),
      ElementsAre(
          ElementsAre("0002_fill.sql", Checksum(moved[1].sql)),
          ElementsAre("0003_more.sql", Checksum(moved[2].sql)),
          ElementsAre("common/x/0001_create_t.sql", Checksum(moved[0].sql))));
  EXPECT_EQ(Count(options, "t"), 2);
  // A second run finds everything under its new name.
  applied = Migrate(*pool, moved);
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_THAT(*applied, ElementsAre());
  // A fresh schema applies the moved file under its new name.
  ConnectionOptions fresh = NewSchema();
  auto fresh_pool = NewPool(fresh);
  ASSERT_NE(fresh_pool, nullptr);
  applied = Migrate(*fresh_pool, moved);
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_THAT(*applied, ElementsAre("common/x/0001_create_t.sql",
                                    "0002_fill.sql", "0003_more.sql"));
}

TEST_F(MigratorTest, FormerRecordWithOtherChecksumIsRefused) {
  ConnectionOptions options = NewSchema();
  auto pool = NewPool(options);
  ASSERT_NE(pool, nullptr);
  ASSERT_TRUE(
      Migrate(*pool, {{"0001_create_t.sql", "CREATE TABLE t (id BIGINT);"}})
          .ok());
  absl::StatusOr<std::vector<std::string>> applied =
      Migrate(*pool, {{"common/x/0001_create_t.sql",
                       "CREATE TABLE t (id BIGINT);",
                       {{"0001_create_t.sql",
                         Checksum("CREATE TABLE t (id BIGINT, n INT);")}}}});
  EXPECT_EQ(applied.status().code(), absl::StatusCode::kFailedPrecondition)
      << applied.status();
  EXPECT_THAT(std::string(applied.status().message()),
              HasSubstr("0001_create_t.sql"));
  EXPECT_THAT(Rows(options, "SELECT name FROM schema_migrations"),
              ElementsAre(ElementsAre("0001_create_t.sql")));
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
    set.push_back(
        {absl::StrFormat("%04d_create_t%d.sql", i, i),
         absl::StrCat("CREATE TABLE t", i,
                      " (id BIGINT NOT NULL PRIMARY KEY) ENGINE=InnoDB;\n"
                      "INSERT INTO t",
                      i, " (id) VALUES (1);\n")});
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
    ASSERT_TRUE(result_a.ok())
        << "round " << round << ": " << result_a.status();
    ASSERT_TRUE(result_b.ok())
        << "round " << round << ": " << result_b.status();
    std::vector<std::string> all = *result_a;
    all.insert(all.end(), result_b->begin(), result_b->end());
    std::sort(all.begin(), all.end());
    std::vector<std::string> expected;
    for (const Migration& m : set) expected.push_back(m.name);
    EXPECT_EQ(all, expected) << "round " << round;
    EXPECT_EQ(Count(options, "schema_migrations"), 6);
    EXPECT_EQ(
        Rows(options, "SELECT COUNT(DISTINCT name) FROM schema_migrations"),
        std::vector<std::vector<std::string>>{{"6"}});
    for (int i = 1; i <= 6; ++i) {
      EXPECT_EQ(Count(options, absl::StrCat("t", i)), 1);
    }
  }
}

}  // namespace
}  // namespace partnerhub::mysql

int main(int argc, char** argv) {
  return partnerhub::testing::RunTestsWithSharedServer(argc, argv);
}
