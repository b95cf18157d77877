// Unit tests of common/api/etag (no database).
#include "common/api/etag.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/api/field_checks.h"
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
}  // namespace
}  // namespace partnerhub
