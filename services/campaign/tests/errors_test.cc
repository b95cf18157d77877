// The errors of the CampaignService as its clients see them (AIP-193):
// every reason is a value of ErrorReason, and each case of the errors table
// (errors_fixture.h; the cases of each RPC group in errors_<group>_test.cc),
// one of each RPC group and of each reason reachable without a race,
// provoked through the gRPC stub over a real MariaDB, carries the code, the
// ErrorInfo (reason, domain) and the detail the code carries, and writes
// nothing.
#include "services/campaign/src/domain/errors.h"

#include <gtest/gtest.h>

#include <iterator>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/campaign/tests/errors_fixture.h"
#include "tests/harness/harness.h"

namespace partnerhub::campaign {
namespace {

using ::partnerhub::testing::ErrorMatches;

constexpr absl::string_view kDomain = "campaign.partnerhub";

TEST(ErrorReasonTest, EnumListsEveryReason) {
  ::partnerhub::testing::ExpectReasonEnumMatches(
      *v1::ErrorReason_descriptor(),
      {std::begin(reason::kServiceReasons), std::end(reason::kServiceReasons)});
}

// The cases of every RPC group, in the order of the service's RPCs.
std::vector<ErrorCase> AllCases() {
  std::vector<ErrorCase> all;
  for (std::vector<ErrorCase> group :
       {ErrorsTest::CampaignCases(), ErrorsTest::OfferAndIssuanceCases(),
        ErrorsTest::CouponCases()}) {
    all.insert(all.end(), std::make_move_iterator(group.begin()),
               std::make_move_iterator(group.end()));
  }
  return all;
}

TEST_P(ErrorsTest, CarriesTheDetailsOfItsCode) {
  const ErrorCase& c = GetParam();
  if (c.setup) c.setup(*this);
  ASSERT_FALSE(HasFailure()) << "the setup failed";
  const std::string count =
      c.table.empty() ? "" : absl::StrCat("SELECT COUNT(*) FROM ", c.table);
  const int64_t rows_before = count.empty() ? 0 : QueryInt(count);

  const grpc::Status s = c.call(*this);
  ::partnerhub::testing::ExpectedError expected = c.expect;
  if (expected.domain.empty()) expected.domain = std::string(kDomain);
  for (std::string* name :
       {&expected.resource, &expected.subject, &expected.metadata_resource}) {
    *name = Expand(*name);
  }
  EXPECT_TRUE(ErrorMatches(s, expected));

  if (!count.empty()) {
    EXPECT_EQ(QueryInt(count), rows_before) << "the failed call wrote rows";
  }
}

INSTANTIATE_TEST_SUITE_P(Campaign, ErrorsTest, ::testing::ValuesIn(AllCases()),
                         [](const ::testing::TestParamInfo<ErrorCase>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace partnerhub::campaign
