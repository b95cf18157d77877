// Unit tests of common/api/request_key (no database): request_id.
#include "common/api/request_key.h"

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

// --------------------------------------------------------------- request_id

TEST(RequestIdTest, Validate) {
  EXPECT_TRUE(ValidateRequestId("").ok());
  EXPECT_TRUE(ValidateRequestId("6f1c2a3e-1b2c-4d5e-8f90-123456789abc").ok());
  EXPECT_TRUE(ValidateRequestId(std::string(64, 'x')).ok());
  ExpectInvalidArgument(ValidateRequestId(std::string(65, 'x')), "request_id");
  ExpectInvalidArgument(ValidateRequestId("has space"), "request_id");
  ExpectInvalidArgument(ValidateRequestId("tab\t"), "request_id");
  ExpectInvalidArgument(ValidateRequestId("\x7f"), "request_id");
  ExpectInvalidArgument(ValidateRequestId("한글"), "request_id");
}
}  // namespace
}  // namespace partnerhub
