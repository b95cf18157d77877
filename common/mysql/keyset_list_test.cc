// Unit tests of common/mysql/keyset_list: the SQL text and parameters of a
// keyset-paged list, the escaped LIKE prefix, the page token checks, and
// TakeSlice. No database: only the strings and values are compared
// (ReadSlice, which runs the list, is tested by each service's storage
// tests, against MariaDB).
#include "common/mysql/keyset_list.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/api/list_query.h"
#include "common/api/list_request.h"
#include "common/api/pagination.h"
#include "common/mysql/statement.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace partnerhub::mysql {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Param S(const char* s) { return std::string(s); }
Param I(int64_t n) { return n; }

ListQuery Query(std::vector<std::string> after = {}, int limit = 10) {
  ListQuery query;
  query.after = std::move(after);
  query.limit = limit;
  return query;
}

// Expects `status` to be common's BadPageToken().
void ExpectBadPageToken(const absl::Status& status) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_EQ(ReasonOf(status), reason::kInvalidPageToken) << status;
  std::vector<FieldViolation> fields = FieldViolationsOf(status);
  ASSERT_EQ(fields.size(), 1u) << status;
  EXPECT_EQ(fields[0].field, "page_token");
  EXPECT_EQ(status, BadPageToken());
}

TEST(KeysetListTest, FirstPageHasNoKeysetAndLimitPlusOne) {
  KeysetList list("SELECT id FROM t");
  list.OrderBy("create_time").Tie("id");
  absl::StatusOr<ListSql> sql = list.Build(Query({}, 10));
  ASSERT_TRUE(sql.ok()) << sql.status();
  EXPECT_EQ(sql->sql,
            "SELECT id FROM t ORDER BY create_time ASC, id ASC LIMIT ?");
  EXPECT_THAT(sql->params, ElementsAre(I(11)));
}

TEST(KeysetListTest, NextPageContinuesAfterTheKey) {
  KeysetList list("SELECT id FROM t");
  list.OrderBy("create_time").Tie("id");
  absl::StatusOr<ListSql> sql =
      list.Build(Query({"2024-01-02 03:04:05.000006", "42"}, 5));
  ASSERT_TRUE(sql.ok()) << sql.status();
  EXPECT_EQ(sql->sql,
            "SELECT id FROM t WHERE (create_time > ? OR (create_time = ? AND "
            "id > ?)) ORDER BY create_time ASC, id ASC LIMIT ?");
  EXPECT_THAT(sql->params,
              ElementsAre(S("2024-01-02 03:04:05.000006"),
                          S("2024-01-02 03:04:05.000006"), I(42), I(6)));
}

TEST(KeysetListTest, DescendingComparesDownward) {
  KeysetList list("SELECT id FROM t");
  list.OrderBy("occur_time").Tie("id").Descending();
  absl::StatusOr<ListSql> sql = list.Build(Query({"2024-01-01", "7"}));
  ASSERT_TRUE(sql.ok()) << sql.status();
  EXPECT_EQ(sql->sql,
            "SELECT id FROM t WHERE (occur_time < ? OR (occur_time = ? AND "
            "id < ?)) ORDER BY occur_time DESC, id DESC LIMIT ?");
  EXPECT_THAT(sql->params,
              ElementsAre(S("2024-01-01"), S("2024-01-01"), I(7), I(11)));
}

TEST(KeysetListTest, TieAloneIsOneKeyValue) {
  KeysetList list("SELECT id FROM t");
  list.Where("parent = ?", {I(3)}).Tie("id").Descending();
  absl::StatusOr<ListSql> first = list.Build(Query());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->sql,
            "SELECT id FROM t WHERE parent = ? ORDER BY id DESC LIMIT ?");
  EXPECT_THAT(first->params, ElementsAre(I(3), I(11)));

  absl::StatusOr<ListSql> next = list.Build(Query({"9"}));
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->sql,
            "SELECT id FROM t WHERE parent = ? AND id < ? ORDER BY id DESC "
            "LIMIT ?");
  EXPECT_THAT(next->params, ElementsAre(I(3), I(9), I(11)));
}

TEST(KeysetListTest, TextTieBindsTheKeyAsText) {
  KeysetList list("SELECT c.customer_id FROM customers c");
  list.OrderBy("c.create_time").Tie("c.customer_id", KeyKind::kText);
  absl::StatusOr<ListSql> sql = list.Build(Query({"2024-01-01", "c-17"}));
  ASSERT_TRUE(sql.ok()) << sql.status();
  EXPECT_THAT(sql->params,
              ElementsAre(S("2024-01-01"), S("2024-01-01"), S("c-17"), I(11)));
}

TEST(KeysetListTest, SeveralSortColumnsNestInOrder) {
  KeysetList list("SELECT id FROM contacts");
  list.Where("partner_id = ?", {I(1)})
      .OrderBy("IF(is_primary IS NULL, 1, 0)", KeyKind::kInteger)
      .OrderBy("display_name")
      .Tie("id");
  absl::StatusOr<ListSql> sql = list.Build(Query({"1", "Kim", "5"}, 2));
  ASSERT_TRUE(sql.ok()) << sql.status();
  EXPECT_EQ(sql->sql,
            "SELECT id FROM contacts WHERE partner_id = ? AND "
            "(IF(is_primary IS NULL, 1, 0) > ? OR (IF(is_primary IS NULL, 1, "
            "0) = ? AND (display_name > ? OR (display_name = ? AND id > ?)))) "
            "ORDER BY IF(is_primary IS NULL, 1, 0) ASC, display_name ASC, "
            "id ASC LIMIT ?");
  EXPECT_THAT(sql->params,
              ElementsAre(I(1), I(1), I(1), S("Kim"), S("Kim"), I(5), I(3)));
}

TEST(KeysetListTest, ConditionsComeBeforeTheKeysetWithTheirParams) {
  KeysetList list("SELECT id FROM t");
  list.Where("a = ?", {S("x")})
      .Where("b BETWEEN ? AND ?", {I(1), I(2)})
      .Where("c = 0")
      .OrderBy("name")
      .Tie("id");
  absl::StatusOr<ListSql> sql = list.Build(Query({"n", "4"}));
  ASSERT_TRUE(sql.ok()) << sql.status();
  EXPECT_EQ(sql->sql,
            "SELECT id FROM t WHERE a = ? AND b BETWEEN ? AND ? AND c = 0 AND "
            "(name > ? OR (name = ? AND id > ?)) ORDER BY name ASC, id ASC "
            "LIMIT ?");
  EXPECT_THAT(sql->params,
              ElementsAre(S("x"), I(1), I(2), S("n"), S("n"), I(4), I(11)));
}

TEST(KeysetListTest, WhereTextOfEachOp) {
  KeysetList list("SELECT id FROM t");
  list.WhereText("state", {"state", FilterTerm::Op::kEquals, "ACTIVE"})
      .WhereText("tier", {"tier", FilterTerm::Op::kNotEquals, "GOLD"})
      .WhereText("display_name",
                 {"display_name", FilterTerm::Op::kHasPrefix, "50%_a\\"})
      .Tie("id");
  absl::StatusOr<ListSql> sql = list.Build(Query());
  ASSERT_TRUE(sql.ok()) << sql.status();
  EXPECT_EQ(sql->sql,
            "SELECT id FROM t WHERE state = ? AND tier <> ? AND display_name "
            "LIKE ? ORDER BY id ASC LIMIT ?");
  EXPECT_THAT(sql->params,
              ElementsAre(S("ACTIVE"), S("GOLD"), S("50\\%\\_a\\\\%"), I(11)));
}

TEST(KeysetListTest, LikePrefixEscapesWildcards) {
  EXPECT_EQ(LikePrefix(""), "%");
  EXPECT_EQ(LikePrefix("abc"), "abc%");
  EXPECT_EQ(LikePrefix("a%b_c\\d"), "a\\%b\\_c\\\\d%");
}

TEST(KeysetListTest, WrongNumberOfKeyValuesIsABadPageToken) {
  KeysetList list("SELECT id FROM t");
  list.OrderBy("create_time").Tie("id");
  ExpectBadPageToken(list.Build(Query({"42"})).status());
  ExpectBadPageToken(list.Build(Query({"a", "1", "2"})).status());

  KeysetList by_id("SELECT id FROM t");
  by_id.Tie("id");
  ExpectBadPageToken(by_id.Build(Query({"1", "2"})).status());
}

TEST(KeysetListTest, NonIntegerWhereTheKeyIsAnIntegerIsABadPageToken) {
  KeysetList list("SELECT id FROM t");
  list.OrderBy("create_time").Tie("id");
  ExpectBadPageToken(list.Build(Query({"2024-01-01", "x"})).status());
  ExpectBadPageToken(list.Build(Query({"2024-01-01", ""})).status());

  KeysetList ranked("SELECT id FROM t");
  ranked.OrderBy("rank", KeyKind::kInteger).Tie("name", KeyKind::kText);
  ExpectBadPageToken(ranked.Build(Query({"first", "a"})).status());
  EXPECT_TRUE(ranked.Build(Query({"0", "a"})).ok());
}

TEST(KeysetListTest, BuildLeavesTheListAsItWas) {
  KeysetList list("SELECT id FROM t");
  list.Where("a = ?", {I(1)}).Tie("id");
  ASSERT_TRUE(list.Build(Query({"5"})).ok());
  absl::StatusOr<ListSql> first = list.Build(Query());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->sql, "SELECT id FROM t WHERE a = ? ORDER BY id ASC LIMIT ?");
  EXPECT_THAT(first->params, ElementsAre(I(1), I(11)));
}

struct Row {
  int64_t id = 0;
};

TEST(TakeSliceTest, KeepsLimitRowsAndTheLastKeyWhenMoreFollow) {
  Slice<Row> slice =
      TakeSlice(std::vector<Row>{{1}, {2}, {3}}, 2, [](const Row& r) {
        return std::vector<std::string>{std::to_string(r.id)};
      });
  ASSERT_EQ(slice.items.size(), 2u);
  EXPECT_EQ(slice.items.back().id, 2);
  EXPECT_THAT(slice.continue_after, ElementsAre("2"));
}

TEST(TakeSliceTest, TheLastPageHasNoKey) {
  auto key = [](const Row& r) {
    return std::vector<std::string>{std::to_string(r.id)};
  };
  Slice<Row> slice = TakeSlice(std::vector<Row>{{1}, {2}}, 2, key);
  EXPECT_EQ(slice.items.size(), 2u);
  EXPECT_THAT(slice.continue_after, IsEmpty());
  EXPECT_THAT(TakeSlice(std::vector<Row>{}, 2, key).items, IsEmpty());
}

TEST(TakeSliceTest, IdKeyIsTheRowsId) {
  Slice<Row> slice = TakeSlice(std::vector<Row>{{7}, {9}}, 1, IdKey<Row>);
  EXPECT_THAT(slice.continue_after, ElementsAre("7"));
}

}  // namespace
}  // namespace partnerhub::mysql
