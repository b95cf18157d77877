// Unit tests of common/api/list_query and list_request (no database):
// filters, order_by, and resolving a list request against its spec.
#include "common/api/list_query.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/api/field_checks.h"
#include "common/api/fingerprint.h"
#include "common/api/list_request.h"
#include "common/api/pagination.h"
#include "common/api/request_key.h"
#include "common/api/resource_name.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/harness/grpc_errors.h"

namespace partnerhub {
namespace {

using ::partnerhub::testing::ExpectInvalidArgument;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// ------------------------------------------------------------------- filter

TEST(ParseFilterTest, EmptyIsNoTerms) {
  for (const char* f : {"", "   ", "\t"}) {
    absl::StatusOr<std::vector<FilterTerm>> terms = ParseFilter(f);
    ASSERT_TRUE(terms.ok()) << terms.status();
    EXPECT_THAT(*terms, IsEmpty());
  }
}

TEST(ParseFilterTest, AndTerms) {
  absl::StatusOr<std::vector<FilterTerm>> terms =
      ParseFilter("state = ACTIVE AND tier!=GOLD  AND  owner.id=7");
  ASSERT_TRUE(terms.ok()) << terms.status();
  ASSERT_EQ(terms->size(), 3u);
  EXPECT_EQ((*terms)[0].field, "state");
  EXPECT_EQ((*terms)[0].op, FilterTerm::Op::kEquals);
  EXPECT_EQ((*terms)[0].value, "ACTIVE");
  EXPECT_EQ((*terms)[1].field, "tier");
  EXPECT_EQ((*terms)[1].op, FilterTerm::Op::kNotEquals);
  EXPECT_EQ((*terms)[1].value, "GOLD");
  EXPECT_EQ((*terms)[2].field, "owner.id");
  EXPECT_EQ((*terms)[2].op, FilterTerm::Op::kEquals);
  EXPECT_EQ((*terms)[2].value, "7");
}

TEST(ParseFilterTest, QuotedStringsWithEscapes) {
  absl::StatusOr<std::vector<FilterTerm>> terms = ParseFilter(
      R"(display_name = "Lotte \"Dept\" Store AND more" AND note="a\\b")");
  ASSERT_TRUE(terms.ok()) << terms.status();
  ASSERT_EQ(terms->size(), 2u);
  EXPECT_EQ((*terms)[0].value, R"(Lotte "Dept" Store AND more)");
  EXPECT_EQ((*terms)[1].value, R"(a\b)");

  terms = ParseFilter(R"(display_name="롯데 백화점")");
  ASSERT_TRUE(terms.ok()) << terms.status();
  ASSERT_EQ(terms->size(), 1u);
  EXPECT_EQ((*terms)[0].value, "롯데 백화점");
}

TEST(ParseFilterTest, PrefixStar) {
  absl::StatusOr<std::vector<FilterTerm>> terms =
      ParseFilter(R"(display_name = Lot* AND code = "ab c*")");
  ASSERT_TRUE(terms.ok()) << terms.status();
  ASSERT_EQ(terms->size(), 2u);
  EXPECT_EQ((*terms)[0].op, FilterTerm::Op::kHasPrefix);
  EXPECT_EQ((*terms)[0].value, "Lot");
  EXPECT_EQ((*terms)[1].op, FilterTerm::Op::kHasPrefix);
  EXPECT_EQ((*terms)[1].value, "ab c");
  // A '*' on != is a literal, not a prefix.
  terms = ParseFilter("display_name != Lot*");
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_EQ((*terms)[0].op, FilterTerm::Op::kNotEquals);
  EXPECT_EQ((*terms)[0].value, "Lot*");
}

TEST(ParseFilterTest, MissingOperator) {
  absl::Status s = ParseFilter("state ACTIVE").status();
  ExpectInvalidArgument(s, "filter");
  EXPECT_THAT(std::string(s.message()), HasSubstr("expected = or !="));
  EXPECT_THAT(std::string(s.message()), HasSubstr("position 7"));
}

TEST(ParseFilterTest, MissingValueAndField) {
  ExpectInvalidArgument(ParseFilter("state =").status(), "filter");
  ExpectInvalidArgument(ParseFilter("= ACTIVE").status(), "filter");
  ExpectInvalidArgument(ParseFilter("state = ACTIVE AND").status(), "filter");
}

TEST(ParseFilterTest, UnterminatedString) {
  absl::Status s = ParseFilter(R"(name = "abc)").status();
  ExpectInvalidArgument(s, "filter");
  EXPECT_THAT(std::string(s.message()), HasSubstr("unterminated"));
  EXPECT_THAT(std::string(s.message()), HasSubstr("position 8"));
  // An escaped closing quote does not close.
  ExpectInvalidArgument(ParseFilter(R"(name = "abc\")").status(),
                        "unterminated");
}

TEST(ParseFilterTest, OrIsRejectedWithPosition) {
  absl::Status s = ParseFilter("state=A OR state=B").status();
  ExpectInvalidArgument(s, "filter");
  EXPECT_THAT(std::string(s.message()), HasSubstr("OR"));
  EXPECT_THAT(std::string(s.message()), HasSubstr("position 9"));
  // Lower-case "and" is not the keyword either.
  ExpectInvalidArgument(ParseFilter("state=A and tier=B").status(), "filter");
}

// ----------------------------------------------------------------- order by

TEST(ParseOrderByTest, Terms) {
  absl::StatusOr<std::vector<OrderTerm>> terms =
      ParseOrderBy(" display_name desc , create_time ,id ASC");
  ASSERT_TRUE(terms.ok()) << terms.status();
  ASSERT_EQ(terms->size(), 3u);
  EXPECT_EQ((*terms)[0].field, "display_name");
  EXPECT_TRUE((*terms)[0].descending);
  EXPECT_EQ((*terms)[1].field, "create_time");
  EXPECT_FALSE((*terms)[1].descending);
  EXPECT_EQ((*terms)[2].field, "id");
  EXPECT_FALSE((*terms)[2].descending);

  terms = ParseOrderBy("  ");
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_THAT(*terms, IsEmpty());
}

TEST(ParseOrderByTest, Errors) {
  ExpectInvalidArgument(ParseOrderBy("name sideways").status(), "order_by");
  ExpectInvalidArgument(ParseOrderBy("name desc extra").status(), "order_by");
  ExpectInvalidArgument(ParseOrderBy("name,").status(), "order_by");
  ExpectInvalidArgument(ParseOrderBy("a,,b").status(), "order_by");
}

// -------------------------------------------------------------- ResolveList

ListSpec PartnerSpec() {
  ListSpec spec;
  spec.filter_fields = {
      {"state", {"ACTIVE", "SUSPENDED"}, false},
      {"display_name", {}, true},
      {"owner", {}, false},
  };
  spec.order_fields = {"create_time", "display_name"};
  spec.default_descending = true;
  spec.limits = PageSizeLimits{20, 100};
  return spec;
}

TEST(ResolveListTest, Defaults) {
  absl::StatusOr<ListQuery> q = ResolveList(PartnerSpec(), ListRequest{});
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_EQ(q->limit, 20);
  EXPECT_THAT(q->filter, IsEmpty());
  EXPECT_EQ(q->order.field, "create_time");
  EXPECT_TRUE(q->order.descending);
  EXPECT_THAT(q->after, IsEmpty());
}

TEST(ResolveListTest, FullRequestAndTokenRoundTrip) {
  ListRequest req;
  req.parent = "partners/3";
  req.page_size = 500;
  req.filter = "state = ACTIVE AND display_name = Lot*";
  req.order_by = "display_name asc";
  absl::StatusOr<ListQuery> q = ResolveList(PartnerSpec(), req);
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_EQ(q->limit, 100);
  ASSERT_EQ(q->filter.size(), 2u);
  EXPECT_EQ(q->filter[1].op, FilterTerm::Op::kHasPrefix);
  EXPECT_EQ(q->order.field, "display_name");
  EXPECT_FALSE(q->order.descending);

  // The next page's token works for the same query (any page size) ...
  Page<int> page = ToPage(Slice<int>{{1, 2}, {"Lotte", "9"}}, *q);
  ASSERT_FALSE(page.next_page_token.empty());
  req.page_token = page.next_page_token;
  req.page_size = 10;
  absl::StatusOr<ListQuery> next = ResolveList(PartnerSpec(), req);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_THAT(next->after, ElementsAre("Lotte", "9"));
  EXPECT_EQ(next->fingerprint, q->fingerprint);

  // ... and for no other: filter, order, direction or parent changed.
  ListRequest other = req;
  other.filter = "state = SUSPENDED";
  ExpectInvalidArgument(ResolveList(PartnerSpec(), other).status(),
                        "page_token");
  other = req;
  other.order_by = "display_name desc";
  ExpectInvalidArgument(ResolveList(PartnerSpec(), other).status(),
                        "page_token");
  other = req;
  other.order_by = "create_time";
  ExpectInvalidArgument(ResolveList(PartnerSpec(), other).status(),
                        "page_token");
  other = req;
  other.parent = "partners/4";
  ExpectInvalidArgument(ResolveList(PartnerSpec(), other).status(),
                        "page_token");

  // The last page has no token.
  EXPECT_TRUE(ToPage(Slice<int>{{3}, {}}, *q).next_page_token.empty());
}

TEST(ResolveListTest, Errors) {
  ListRequest req;
  req.filter = "color = red";
  absl::Status s = ResolveList(PartnerSpec(), req).status();
  ExpectInvalidArgument(s, "filter");
  EXPECT_THAT(std::string(s.message()), HasSubstr("color"));

  req.filter = "state = DELETED";
  s = ResolveList(PartnerSpec(), req).status();
  ExpectInvalidArgument(s, "filter");
  EXPECT_THAT(std::string(s.message()), HasSubstr("DELETED"));

  req.filter = "state = ACT*";  // enum values take no prefix
  ExpectInvalidArgument(ResolveList(PartnerSpec(), req).status(), "filter");
  req.filter = "owner = bob*";
  s = ResolveList(PartnerSpec(), req).status();
  ExpectInvalidArgument(s, "filter");
  EXPECT_THAT(std::string(s.message()), HasSubstr("prefix"));

  req.filter = "";
  req.order_by = "owner";
  s = ResolveList(PartnerSpec(), req).status();
  ExpectInvalidArgument(s, "order_by");
  EXPECT_THAT(std::string(s.message()), HasSubstr("owner"));

  req.order_by = "create_time, display_name";
  ExpectInvalidArgument(ResolveList(PartnerSpec(), req).status(), "order_by");

  req.order_by = "";
  req.page_size = -5;
  ExpectInvalidArgument(ResolveList(PartnerSpec(), req).status(), "page_size");

  req.page_size = 0;
  req.page_token = "garbage!";
  ExpectInvalidArgument(ResolveList(PartnerSpec(), req).status(), "page_token");
}
}  // namespace
}  // namespace partnerhub
