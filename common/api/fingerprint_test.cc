// Unit tests of common/api/fingerprint (no database).
#include "common/api/fingerprint.h"

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
}  // namespace
}  // namespace partnerhub
