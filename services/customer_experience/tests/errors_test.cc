// The errors of the CustomerExperience service as its clients see them
// (AIP-193): every reason is a value of ErrorReason, and each case of the
// errors table (errors_fixture.h; the cases of each RPC group in
// errors_<group>_test.cc), provoked through the gRPC stub over a real
// MariaDB, carries the code, the ErrorInfo (reason, domain) and the detail
// the code carries, and writes nothing.
#include "services/customer_experience/src/domain/errors.h"

#include <gtest/gtest.h>

#include <iterator>
#include <string>
#include <vector>

#include "common/status/reasons.h"
#include "services/customer_experience/tests/errors_fixture.h"
#include "tests/harness/harness.h"

namespace partnerhub::customer_experience {
namespace {

using ::partnerhub::testing::ErrorMatches;

constexpr absl::string_view kDomain = "customer-experience.partnerhub";

TEST(ErrorReasonTest, EnumListsEveryReason) {
  ::partnerhub::testing::ExpectReasonEnumMatches(
      *v1::ErrorReason_descriptor(),
      {std::begin(reason::kServiceReasons), std::end(reason::kServiceReasons)});
}

// The domain writes the ResourceInfo types out; they must be the protos'.
TEST(ErrorReasonTest, ResourceTypesAreTheProtoMessages) {
  EXPECT_EQ(kCustomerType, v1::Customer::descriptor()->full_name());
  EXPECT_EQ(kTouchpointType, v1::Touchpoint::descriptor()->full_name());
  EXPECT_EQ(kPurchaseType, v1::Purchase::descriptor()->full_name());
  EXPECT_EQ(kSegmentType, v1::Segment::descriptor()->full_name());
  EXPECT_EQ(kSegmentSnapshotType,
            v1::SegmentSnapshot::descriptor()->full_name());
}

// The cases of every RPC group, in the order of the service's RPCs.
std::vector<ErrorCase> AllCases() {
  std::vector<ErrorCase> all;
  for (std::vector<ErrorCase> group :
       {ErrorsTest::CustomerCases(), ErrorsTest::TouchpointAndFunnelCases(),
        ErrorsTest::PurchaseCases(), ErrorsTest::SegmentCases()}) {
    all.insert(all.end(), std::make_move_iterator(group.begin()),
               std::make_move_iterator(group.end()));
  }
  return all;
}

TEST_P(ErrorsTest, CarriesTheDetailsOfItsCode) {
  const ErrorCase& c = GetParam();
  if (c.setup) c.setup(*this);
  ASSERT_FALSE(HasFailure()) << "the setup failed";
  const int64_t rows_before = c.table.empty() ? 0 : RowCount(c.table);

  const grpc::Status s = c.call(*this);
  ::partnerhub::testing::ExpectedError expected = c.expect;
  if (expected.domain.empty()) expected.domain = std::string(kDomain);
  EXPECT_TRUE(ErrorMatches(s, expected));

  if (!c.table.empty()) {
    EXPECT_EQ(RowCount(c.table), rows_before) << "the failed call wrote rows";
  }
}

INSTANTIATE_TEST_SUITE_P(CustomerExperience, ErrorsTest,
                         ::testing::ValuesIn(AllCases()),
                         [](const ::testing::TestParamInfo<ErrorCase>& info) {
                           return info.param.name;
                         });
}  // namespace
}  // namespace partnerhub::customer_experience
