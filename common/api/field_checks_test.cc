// Unit tests of common/api/field_checks (no database): text, e-mail,
// phone, identifiers and ranges.
#include "common/api/field_checks.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/api/fingerprint.h"
#include "common/api/list_query.h"
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
  ExpectInvalidArgument(s, "display_name");
  EXPECT_THAT(std::string(s.message()), HasSubstr("201"));
  // 2- and 4-byte sequences too.
  EXPECT_TRUE(CheckText("f", Repeat("é", 5), 5, 5).ok());
  EXPECT_TRUE(CheckText("f", Repeat("😀", 5), 5, 5).ok());
  EXPECT_FALSE(CheckText("f", Repeat("😀", 6), 5, 5).ok());
}

TEST(CheckTextTest, MinAndRequired) {
  ExpectInvalidArgument(CheckText("display_name", "", 1, 10), "display_name");
  ExpectInvalidArgument(CheckText("display_name", "", 1, 10), "required");
  ExpectInvalidArgument(CheckText("code", "ab", 3, 10), "code");
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
    ExpectInvalidArgument(CheckText("note", bad, 0, 100), "UTF-8");
    ExpectInvalidArgument(CheckText("note", bad, 0, 100), "note");
  }
}

TEST(CheckTextTest, ControlCharacters) {
  EXPECT_TRUE(CheckText("note", "line1\nline2\tend", 0, 100).ok());
  for (const std::string& bad :
       {std::string("a\rb"), std::string("a\x01"), std::string("a\x7f"),
        std::string("a\0b", 3), std::string("\x1b[31m")}) {
    ExpectInvalidArgument(CheckText("note", bad, 0, 100), "control");
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
  ExpectInvalidArgument(CheckRange("commission_bps", -1, 0, 10000),
                        "commission_bps");
  ExpectInvalidArgument(CheckRange("commission_bps", 10001, 0, 10000),
                        "commission_bps");
  ExpectInvalidArgument(CheckRange("x", INT64_MIN, 0, INT64_MAX), "x");
}
}  // namespace
}  // namespace partnerhub
