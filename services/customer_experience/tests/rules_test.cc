// The customer-experience rules as pure functions, no database: age bands,
// consent moves, masks, and validating touchpoints and purchases. The funnel
// in rules_funnel_test.cc, segment conditions in rules_conditions_test.cc.
#include "services/customer_experience/src/domain/rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "absl/strings/match.h"
#include "services/customer_experience/src/domain/condition_codec.h"
#include "services/customer_experience/tests/rules_fixture.h"

namespace partnerhub::customer_experience {
namespace {

TEST(AgeBandTest, FollowsTheYearTheCustomerTurns) {
  EXPECT_EQ(AgeBandOf(0, kNow), AgeBand::kUnknown);
  EXPECT_EQ(AgeBandOf(2007, kNow), AgeBand::kUnder20);   // turns 19
  EXPECT_EQ(AgeBandOf(2006, kNow), AgeBand::kTwenties);  // turns 20
  EXPECT_EQ(AgeBandOf(1997, kNow), AgeBand::kTwenties);  // turns 29
  EXPECT_EQ(AgeBandOf(1996, kNow), AgeBand::kThirties);
  EXPECT_EQ(AgeBandOf(1967, kNow), AgeBand::kFifties);
  EXPECT_EQ(AgeBandOf(1966, kNow), AgeBand::kSixtiesAndOver);
  for (int year = 1920; year <= 2026; ++year) {
    const AgeBand band = AgeBandOf(year, kNow);
    auto [first, last] = BirthYears(band, kNow);
    EXPECT_TRUE(year >= first && year <= last) << year;
  }
}

TEST(ConsentTest, OnlyAllowedMoves) {
  using S = ConsentState;
  auto change = [](S from, S to) {
    return CheckConsentChange("customers/c", from, to);
  };
  EXPECT_TRUE(change(S::kDenied, S::kGranted).ok());
  EXPECT_TRUE(change(S::kRevoked, S::kGranted).ok());
  EXPECT_TRUE(change(S::kGranted, S::kRevoked).ok());
  EXPECT_TRUE(change(S::kGranted, S::kGranted).ok());
  EXPECT_EQ(change(S::kDenied, S::kRevoked).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(change(S::kGranted, S::kDenied).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(MaskTest, HidesAllButHints) {
  PersonalData d{"김민지", "minji.kim@example.com", "+82 10-1234-5678"};
  PersonalData m = MaskPersonalData(d);
  EXPECT_EQ(m.display_name, "김**");
  EXPECT_EQ(m.email, "m********@e******.com");
  EXPECT_EQ(m.phone, "+82 10-****-**78");
  EXPECT_TRUE(MaskPersonalData(PersonalData{}).empty());
}
TEST(TouchpointValidationTest, NamesTheField) {
  Touchpoint t = Tp(TouchpointType::kPageView, 1);
  EXPECT_TRUE(ValidateTouchpoint("touchpoints[0]", t, kNow).ok());
  t.event_id = "has space";
  absl::Status s = ValidateTouchpoint("touchpoints[3]", t, kNow);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(s.message(), "touchpoints[3].event_id")) << s;
  t.event_id = "e1";
  t.occur_time = kNow + absl::Hours(2);
  EXPECT_TRUE(absl::StrContains(ValidateTouchpoint("t", t, kNow).message(),
                                "t.occur_time"));
  t.occur_time = absl::UnixEpoch();
  EXPECT_TRUE(absl::StrContains(ValidateTouchpoint("t", t, kNow).message(),
                                "required"));
}

TEST(PurchaseValidationTest, TotalMustBeTheSumOfItems) {
  Purchase p;
  p.purchase_id = "o-1";
  p.customer_id = "c1";
  p.partner_id = 3;
  p.currency_code = "KRW";
  p.items = {{"fashion", "sku1", 1, 30000}, {"beauty", "", 2, 20000}};
  p.total_minor = 50000;
  p.purchase_time = Ago(5);
  EXPECT_TRUE(ValidatePurchase(p, kNow).ok());
  p.total_minor = 40000;
  EXPECT_TRUE(
      absl::StartsWith(ValidatePurchase(p, kNow).message(), "purchase.total"));
  p.total_minor = 50000;
  p.items[1].category = "Beauty";
  EXPECT_TRUE(absl::StartsWith(ValidatePurchase(p, kNow).message(),
                               "purchase.items[1].category"));
}
}  // namespace
}  // namespace partnerhub::customer_experience
