// Unit tests of common/api/pagination (no database): page sizes and page
// tokens.
#include "common/api/pagination.h"

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
  ExpectInvalidArgument(ResolvePageSize(-1).status(), "page_size");
  ExpectInvalidArgument(ResolvePageSize(INT32_MIN).status(), "page_size");
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
    ExpectInvalidArgument(decoded.status(), "page_token");
  }
}

TEST(PageTokenTest, TamperedIsInvalid) {
  const uint64_t fp = 1234567;
  const std::string encoded = EncodePageToken(PageToken{{"abc", "17"}}, fp);
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(encoded, &raw));

  // Truncated: the last key's length says more bytes than there are.
  ExpectInvalidArgument(
      DecodePageToken(absl::WebSafeBase64Escape(raw.substr(0, raw.size() - 1)),
                      fp)
          .status(),
      "page_token");
  // Trailing bytes that are not a field.
  ExpectInvalidArgument(
      DecodePageToken(absl::WebSafeBase64Escape(raw + "zz"), fp).status(),
      "page_token");
  // Another version byte.
  std::string other_version = raw;
  other_version[0] = '9';
  ExpectInvalidArgument(
      DecodePageToken(absl::WebSafeBase64Escape(other_version), fp).status(),
      "page_token");
  // A digit of the embedded fingerprint changed.
  std::string other_fp = raw;
  const size_t digit = other_fp.find("1234567");
  ASSERT_NE(digit, std::string::npos);
  other_fp[digit] = '9';
  ExpectInvalidArgument(
      DecodePageToken(absl::WebSafeBase64Escape(other_fp), fp).status(),
      "page_token");
  // A length prefix made non-numeric.
  std::string bad_length = raw;
  const size_t key_len = bad_length.find("3:abc");
  ASSERT_NE(key_len, std::string::npos);
  bad_length[key_len] = 'x';
  ExpectInvalidArgument(
      DecodePageToken(absl::WebSafeBase64Escape(bad_length), fp).status(),
      "page_token");
  // Base64 text with a character knocked out.
  ExpectInvalidArgument(DecodePageToken(encoded.substr(1), fp).status(),
                        "page_token");
}

TEST(PageTokenTest, OtherQueryFingerprintIsInvalid) {
  const std::string encoded = EncodePageToken(PageToken{{"x"}}, 1);
  absl::StatusOr<PageToken> decoded = DecodePageToken(encoded, 2);
  ExpectInvalidArgument(decoded.status(), "page_token");
}
}  // namespace
}  // namespace partnerhub
