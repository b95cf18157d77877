// Integration tests of common/mysql's statements against a real MariaDB
// (the harness's private server): every param kind round-trips, the typed
// readers, row counts, and the DATETIME text helpers.
#include "common/mysql/statement.h"

#include <cppconn/resultset.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/mysql_test_fixture.h"
#include "common/mysql/transaction.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/harness/harness.h"

namespace partnerhub::mysql {
namespace {

using ::testing::ElementsAre;

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
  const absl::Time t3 =
      absl::FromUnixMicros(946684799999999);  // 1999-12-31 23:59:59.999999
  const absl::Time t4 = absl::FromUnixSeconds(1700000000);  // whole second

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
  EXPECT_THAT(
      Rows(options, absl::StrCat("SELECT n, s, ts FROM v ORDER BY id")),
      ElementsAre(
          ElementsAre("9223372036854775807", emoji,
                      "2023-11-14 22:13:20.123456"),
          ElementsAre("NULL", "NULL", "NULL"),
          ElementsAre("-9223372036854775808", "", "2023-11-14 22:13:20.000001"),
          ElementsAre("-7", "NULL", "1999-12-31 23:59:59.999999"),
          ElementsAre("0", "x", "2023-11-14 22:13:20.000000")));

  // Read back through the typed readers, selecting by each param kind.
  s = WithConnection(*pool, [&](Connection& conn) -> absl::Status {
    std::unique_ptr<sql::ResultSet> rs = Query(
        conn, "SELECT id, n, s, ts FROM v WHERE s = ? AND ts = ?", {emoji, t1});
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
  EXPECT_EQ(ParseDatetime("2023-11-14 22:13:20"),
            absl::FromUnixSeconds(1700000000));
  EXPECT_EQ(ParseDatetime("garbage"), absl::InfinitePast());
}

}  // namespace
}  // namespace partnerhub::mysql

int main(int argc, char** argv) {
  return partnerhub::testing::RunTestsWithSharedServer(argc, argv);
}
