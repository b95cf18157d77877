// Unit tests of the API helpers in common/api (no database).
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
#include "common/api/list_query.h"
#include "common/api/list_request.h"
#include "common/api/pagination.h"
#include "common/api/request_key.h"
#include "common/api/resource_name.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace partnerhub {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Expects `status` to be INVALID_ARGUMENT with `needle` in its message.
void ExpectInvalid(const absl::Status& status, const std::string& needle) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr(needle)) << status;
}

// ---------------------------------------------------------------- page size

TEST(PageSizeTest, ZeroIsDefault) {
  absl::StatusOr<int> size = ResolvePageSize(0, PageSizeLimits{25, 100});
  ASSERT_TRUE(size.ok()) << size.status();
  EXPECT_EQ(*size, 25);
}

TEST(PageSizeTest, WithinLimitsIsKept) {
  absl::StatusOr<int> size = ResolvePageSize(7, PageSizeLimits{25, 100});
  ASSERT_TRUE(size.ok()) << size.status();
  EXPECT_EQ(*size, 7);
  size = ResolvePageSize(100, PageSizeLimits{25, 100});
  ASSERT_TRUE(size.ok()) << size.status();
  EXPECT_EQ(*size, 100);
}

TEST(PageSizeTest, AboveMaxIsCapped) {
  absl::StatusOr<int> size = ResolvePageSize(101, PageSizeLimits{25, 100});
  ASSERT_TRUE(size.ok()) << size.status();
  EXPECT_EQ(*size, 100);
  size = ResolvePageSize(INT32_MAX);
  ASSERT_TRUE(size.ok()) << size.status();
  EXPECT_EQ(*size, PageSizeLimits{}.max_size);
}

TEST(PageSizeTest, NegativeIsInvalid) {
  ExpectInvalid(ResolvePageSize(-1).status(), "page_size");
  ExpectInvalid(ResolvePageSize(INT32_MIN).status(), "page_size");
}

// --------------------------------------------------------------- page token

TEST(PageTokenTest, RoundTrip) {
  PageToken token{{"Lotte Department Store", "", "12", "a:b:c", "한글"}};
  const std::string encoded = EncodePageToken(token, 0xdeadbeefcafef00dULL);
  EXPECT_FALSE(encoded.empty());
  absl::StatusOr<PageToken> decoded =
      DecodePageToken(encoded, 0xdeadbeefcafef00dULL);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->last_key, token.last_key);
}

TEST(PageTokenTest, EmptyTokenIsFirstPage) {
  absl::StatusOr<PageToken> decoded = DecodePageToken("", 42);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_THAT(decoded->last_key, IsEmpty());
}

TEST(PageTokenTest, GarbageIsInvalid) {
  for (const std::string garbage :
       {"not a token", "!!!!", "AAAA", "partners/1", "MQ", "%%%"}) {
    absl::StatusOr<PageToken> decoded = DecodePageToken(garbage, 42);
    ExpectInvalid(decoded.status(), "page_token");
  }
}

TEST(PageTokenTest, TamperedIsInvalid) {
  const uint64_t fp = 1234567;
  const std::string encoded = EncodePageToken(PageToken{{"abc", "17"}}, fp);
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(encoded, &raw));

  // Truncated: the last key's length says more bytes than there are.
  ExpectInvalid(
      DecodePageToken(absl::WebSafeBase64Escape(raw.substr(0, raw.size() - 1)),
                      fp)
          .status(),
      "page_token");
  // Trailing bytes that are not a field.
  ExpectInvalid(
      DecodePageToken(absl::WebSafeBase64Escape(raw + "zz"), fp).status(),
      "page_token");
  // Another version byte.
  std::string other_version = raw;
  other_version[0] = '9';
  ExpectInvalid(
      DecodePageToken(absl::WebSafeBase64Escape(other_version), fp).status(),
      "page_token");
  // A digit of the embedded fingerprint changed.
  std::string other_fp = raw;
  const size_t digit = other_fp.find("1234567");
  ASSERT_NE(digit, std::string::npos);
  other_fp[digit] = '9';
  ExpectInvalid(
      DecodePageToken(absl::WebSafeBase64Escape(other_fp), fp).status(),
      "page_token");
  // A length prefix made non-numeric.
  std::string bad_length = raw;
  const size_t key_len = bad_length.find("3:abc");
  ASSERT_NE(key_len, std::string::npos);
  bad_length[key_len] = 'x';
  ExpectInvalid(
      DecodePageToken(absl::WebSafeBase64Escape(bad_length), fp).status(),
      "page_token");
  // Base64 text with a character knocked out.
  ExpectInvalid(DecodePageToken(encoded.substr(1), fp).status(), "page_token");
}

TEST(PageTokenTest, OtherQueryFingerprintIsInvalid) {
  const std::string encoded = EncodePageToken(PageToken{{"x"}}, 1);
  absl::StatusOr<PageToken> decoded = DecodePageToken(encoded, 2);
  ExpectInvalid(decoded.status(), "page_token");
}

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
  ExpectInvalid(s, "filter");
  EXPECT_THAT(std::string(s.message()), HasSubstr("expected = or !="));
  EXPECT_THAT(std::string(s.message()), HasSubstr("position 7"));
}

TEST(ParseFilterTest, MissingValueAndField) {
  ExpectInvalid(ParseFilter("state =").status(), "filter");
  ExpectInvalid(ParseFilter("= ACTIVE").status(), "filter");
  ExpectInvalid(ParseFilter("state = ACTIVE AND").status(), "filter");
}

TEST(ParseFilterTest, UnterminatedString) {
  absl::Status s = ParseFilter(R"(name = "abc)").status();
  ExpectInvalid(s, "filter");
  EXPECT_THAT(std::string(s.message()), HasSubstr("unterminated"));
  EXPECT_THAT(std::string(s.message()), HasSubstr("position 8"));
  // An escaped closing quote does not close.
  ExpectInvalid(ParseFilter(R"(name = "abc\")").status(), "unterminated");
}

TEST(ParseFilterTest, OrIsRejectedWithPosition) {
  absl::Status s = ParseFilter("state=A OR state=B").status();
  ExpectInvalid(s, "filter");
  EXPECT_THAT(std::string(s.message()), HasSubstr("OR"));
  EXPECT_THAT(std::string(s.message()), HasSubstr("position 9"));
  // Lower-case "and" is not the keyword either.
  ExpectInvalid(ParseFilter("state=A and tier=B").status(), "filter");
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
  ExpectInvalid(ParseOrderBy("name sideways").status(), "order_by");
  ExpectInvalid(ParseOrderBy("name desc extra").status(), "order_by");
  ExpectInvalid(ParseOrderBy("name,").status(), "order_by");
  ExpectInvalid(ParseOrderBy("a,,b").status(), "order_by");
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
  ExpectInvalid(ResolveList(PartnerSpec(), other).status(), "page_token");
  other = req;
  other.order_by = "display_name desc";
  ExpectInvalid(ResolveList(PartnerSpec(), other).status(), "page_token");
  other = req;
  other.order_by = "create_time";
  ExpectInvalid(ResolveList(PartnerSpec(), other).status(), "page_token");
  other = req;
  other.parent = "partners/4";
  ExpectInvalid(ResolveList(PartnerSpec(), other).status(), "page_token");

  // The last page has no token.
  EXPECT_TRUE(ToPage(Slice<int>{{3}, {}}, *q).next_page_token.empty());
}

TEST(ResolveListTest, Errors) {
  ListRequest req;
  req.filter = "color = red";
  absl::Status s = ResolveList(PartnerSpec(), req).status();
  ExpectInvalid(s, "filter");
  EXPECT_THAT(std::string(s.message()), HasSubstr("color"));

  req.filter = "state = DELETED";
  s = ResolveList(PartnerSpec(), req).status();
  ExpectInvalid(s, "filter");
  EXPECT_THAT(std::string(s.message()), HasSubstr("DELETED"));

  req.filter = "state = ACT*";  // enum values take no prefix
  ExpectInvalid(ResolveList(PartnerSpec(), req).status(), "filter");
  req.filter = "owner = bob*";
  s = ResolveList(PartnerSpec(), req).status();
  ExpectInvalid(s, "filter");
  EXPECT_THAT(std::string(s.message()), HasSubstr("prefix"));

  req.filter = "";
  req.order_by = "owner";
  s = ResolveList(PartnerSpec(), req).status();
  ExpectInvalid(s, "order_by");
  EXPECT_THAT(std::string(s.message()), HasSubstr("owner"));

  req.order_by = "create_time, display_name";
  ExpectInvalid(ResolveList(PartnerSpec(), req).status(), "order_by");

  req.order_by = "";
  req.page_size = -5;
  ExpectInvalid(ResolveList(PartnerSpec(), req).status(), "page_size");

  req.page_size = 0;
  req.page_token = "garbage!";
  ExpectInvalid(ResolveList(PartnerSpec(), req).status(), "page_token");
}

// ------------------------------------------------------------ resource name

TEST(ResourceNameTest, Parses) {
  absl::StatusOr<std::vector<int64_t>> ids = ParseResourceName(
      "partners/12/contacts/3", {"partners", "contacts"}, "name");
  ASSERT_TRUE(ids.ok()) << ids.status();
  EXPECT_THAT(*ids, ElementsAre(12, 3));
  ids =
      ParseResourceName("partners/9223372036854775807", {"partners"}, "parent");
  ASSERT_TRUE(ids.ok()) << ids.status();
  EXPECT_THAT(*ids, ElementsAre(INT64_MAX));
}

TEST(ResourceNameTest, Rejects) {
  const std::initializer_list<absl::string_view> kColl = {"partners",
                                                          "contacts"};
  for (const char* bad : {
           "partners/12/agreements/3",                  // wrong collection
           "partner/12/contacts/3",                     // wrong collection
           "partners/0/contacts/3",                     // id 0
           "partners/12/contacts/0",                    // id 0
           "partners/-12/contacts/3",                   // negative
           "partners/+5/contacts/3",                    // explicit sign
           "partners/12/contacts/+5",                   // explicit sign
           "partners/abc/contacts/3",                   // non-numeric
           "partners/12/contacts/3x",                   // non-numeric
           "partners/12/contacts/",                     // empty id
           "partners//contacts/3",                      // empty id
           "partners/12/contacts/3/notes/1",            // extra segments
           "partners/12/contacts/3/",                   // trailing slash
           "/partners/12/contacts/3",                   // leading slash
           "partners/12",                               // too short
           "",                                          // empty
           "partners/99999999999999999999/contacts/3",  // overflow
           "partners/ 12/contacts/3",                   // whitespace
           "partners/12 /contacts/3",                   // whitespace
           "partners/12/contacts/3\n",                  // whitespace
           "partners/ +5/contacts/3",                   // whitespace and sign
       }) {
    absl::Status s = ParseResourceName(bad, kColl, "contact.name").status();
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument)
        << "'" << bad << "'";
    EXPECT_THAT(std::string(s.message()), HasSubstr("contact.name"))
        << "'" << bad << "'";
  }
}

TEST(ResourceNameTest, MessageShowsPattern) {
  absl::Status s =
      ParseResourceName("partners/x", {"partners", "contacts"}, "name")
          .status();
  ExpectInvalid(s, "partners/{partner}/contacts/{contact}");
}

// --------------------------------------------------------------------- etag

TEST(EtagTest, Check) {
  EXPECT_EQ(FormatEtag(7), "7");
  EXPECT_TRUE(CheckEtag("", 7, "partners/1").ok());
  EXPECT_TRUE(CheckEtag("7", 7, "partners/1").ok());
  absl::Status s = CheckEtag("6", 7, "partners/1");
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted) << s;
  EXPECT_THAT(std::string(s.message()), HasSubstr("partners/1"));
  EXPECT_EQ(CheckEtag("07", 7, "partners/1").code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(CheckEtag("junk", 7, "partners/1").code(),
            absl::StatusCode::kAborted);
}

// ------------------------------------------------------------- field checks

std::string Repeat(absl::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) absl::StrAppend(&out, s);
  return out;
}

TEST(CheckTextTest, CountsCodePointsNotBytes) {
  const std::string korean = Repeat("한", 200);  // 3 bytes each
  ASSERT_EQ(korean.size(), 600u);
  EXPECT_TRUE(CheckText("display_name", korean, 1, 200).ok());
  absl::Status s = CheckText("display_name", korean + "글", 1, 200);
  ExpectInvalid(s, "display_name");
  EXPECT_THAT(std::string(s.message()), HasSubstr("201"));
  // 2- and 4-byte sequences too.
  EXPECT_TRUE(CheckText("f", Repeat("é", 5), 5, 5).ok());
  EXPECT_TRUE(CheckText("f", Repeat("😀", 5), 5, 5).ok());
  EXPECT_FALSE(CheckText("f", Repeat("😀", 6), 5, 5).ok());
}

TEST(CheckTextTest, MinAndRequired) {
  ExpectInvalid(CheckText("display_name", "", 1, 10), "display_name");
  ExpectInvalid(CheckText("display_name", "", 1, 10), "required");
  ExpectInvalid(CheckText("code", "ab", 3, 10), "code");
  EXPECT_TRUE(CheckText("note", "", 0, 10).ok());
  EXPECT_TRUE(CheckText("note", "abc", 3, 3).ok());
}

TEST(CheckTextTest, InvalidUtf8) {
  for (const std::string& bad : {
           std::string("\xff"),
           std::string("abc\x80"),           // stray continuation byte
           std::string("\xed\x95"),          // truncated 3-byte sequence
           std::string("ab\xed\x95"),        // truncated at the end
           std::string("\xc0\xaf"),          // overlong '/'
           std::string("\xe0\x80\xaf"),      // overlong
           std::string("\xed\xa0\x80"),      // surrogate U+D800
           std::string("\xf4\x90\x80\x80"),  // above U+10FFFF
           std::string("\xc3(", 2),          // bad continuation
       }) {
    ExpectInvalid(CheckText("note", bad, 0, 100), "UTF-8");
    ExpectInvalid(CheckText("note", bad, 0, 100), "note");
  }
}

TEST(CheckTextTest, ControlCharacters) {
  EXPECT_TRUE(CheckText("note", "line1\nline2\tend", 0, 100).ok());
  for (const std::string& bad :
       {std::string("a\rb"), std::string("a\x01"), std::string("a\x7f"),
        std::string("a\0b", 3), std::string("\x1b[31m")}) {
    ExpectInvalid(CheckText("note", bad, 0, 100), "control");
  }
}

TEST(CheckEmailTest, Accepts) {
  for (const char* ok : {"kim@lotte.co.kr", "a.b+tag@example.com",
                         "x@sub-domain.example.org", "1@2.io"}) {
    EXPECT_TRUE(CheckEmail("email", ok).ok()) << ok;
  }
}

TEST(CheckEmailTest, Rejects) {
  const std::string long_local = Repeat("a", 250);
  for (const std::string& bad :
       {std::string(""), std::string("kim"), std::string("@lotte.co.kr"),
        std::string("kim@"), std::string("kim@lotte"),
        std::string("kim@@lotte.com"), std::string("k@m@lotte.com"),
        std::string("kim lee@lotte.com"), std::string("kim@lotte..com"),
        std::string("kim@.lotte.com"), std::string("kim@lotte.com."),
        std::string("kim@-lotte.com"), std::string("kim@lotte_x.com"),
        std::string("김@lotte.com"), std::string("kim@롯데.com"),
        long_local + "@x.com"}) {
    absl::Status s = CheckEmail("contact.email", bad);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(std::string(s.message()), HasSubstr("contact.email")) << bad;
  }
}

TEST(CheckPhoneTest, AcceptsAndRejects) {
  for (const char* ok : {"+82 10-1234-5678", "010-1234-5678", "0212345678",
                         "12345678", "+123456789012345"}) {
    EXPECT_TRUE(CheckPhone("phone", ok).ok()) << ok;
  }
  for (const char* bad :
       {"", "1234567", "+1234567890123456", "010--1234-5678", "-0101234567",
        "0101234567-", "010 1234 567a", "++8210123456", "82+10123456",
        "(02) 1234-5678", "+ 8210123456"}) {
    absl::Status s = CheckPhone("contact.phone", bad);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(std::string(s.message()), HasSubstr("contact.phone")) << bad;
  }
}

TEST(CheckIdentifierTest, AcceptsAndRejects) {
  EXPECT_TRUE(CheckIdentifier("code", "spring-sale_2024.v1", 32).ok());
  EXPECT_TRUE(CheckIdentifier("code", Repeat("a", 32), 32).ok());
  for (const std::string& bad :
       {std::string(""), Repeat("a", 33), std::string("Upper"),
        std::string("with space"), std::string("slash/"), std::string("한")}) {
    absl::Status s = CheckIdentifier("code", bad, 32);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(std::string(s.message()), HasSubstr("code")) << bad;
  }
}

TEST(CheckRangeTest, Bounds) {
  EXPECT_TRUE(CheckRange("commission_bps", 0, 0, 10000).ok());
  EXPECT_TRUE(CheckRange("commission_bps", 10000, 0, 10000).ok());
  ExpectInvalid(CheckRange("commission_bps", -1, 0, 10000), "commission_bps");
  ExpectInvalid(CheckRange("commission_bps", 10001, 0, 10000),
                "commission_bps");
  ExpectInvalid(CheckRange("x", INT64_MIN, 0, INT64_MAX), "x");
}

// -------------------------------------------------------------- fingerprint

TEST(FingerprintTest, PinnedFnv1a64) {
  EXPECT_EQ(Fingerprint(""), 14695981039346656037ULL);
  EXPECT_EQ(Fingerprint("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(Fingerprint("foobar"), 0x85944171f73967e8ULL);
}

TEST(FingerprintTest, StableAndDiscriminating) {
  const std::string input = "partners/12\nstate = ACTIVE\ncreate_time desc";
  const uint64_t first = Fingerprint(input);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(Fingerprint(input), first);
  EXPECT_NE(Fingerprint("ab"), Fingerprint("ba"));
  EXPECT_NE(Fingerprint(std::string("a\0", 2)), Fingerprint("a"));
  // High bytes (UTF-8) are hashed as unsigned.
  EXPECT_NE(Fingerprint("한"), Fingerprint("한글"));
}

// --------------------------------------------------------------- request_id

TEST(RequestIdTest, Validate) {
  EXPECT_TRUE(ValidateRequestId("").ok());
  EXPECT_TRUE(ValidateRequestId("6f1c2a3e-1b2c-4d5e-8f90-123456789abc").ok());
  EXPECT_TRUE(ValidateRequestId(std::string(64, 'x')).ok());
  ExpectInvalid(ValidateRequestId(std::string(65, 'x')), "request_id");
  ExpectInvalid(ValidateRequestId("has space"), "request_id");
  ExpectInvalid(ValidateRequestId("tab\t"), "request_id");
  ExpectInvalid(ValidateRequestId("\x7f"), "request_id");
  ExpectInvalid(ValidateRequestId("한글"), "request_id");
}

}  // namespace
}  // namespace partnerhub
