// The customer-experience segment conditions as pure functions, no
// database: validation naming the node, the codec, and evaluation.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "absl/strings/match.h"
#include "services/customer_experience/src/domain/condition_codec.h"
#include "services/customer_experience/src/domain/rules.h"
#include "services/customer_experience/tests/rules_fixture.h"

namespace partnerhub::customer_experience {
namespace {

Condition Touch(TouchpointType type, int days, int64_t min_count = 1) {
  Condition c = Leaf(Kind::kTouchpoint);
  c.touchpoint_type = type;
  c.min_count = min_count;
  c.window.last_days = days;
  return c;
}

TEST(ConditionValidationTest, NamesTheNode) {
  Condition spend = Leaf(Kind::kSpend);
  spend.currency_code = "KRW";
  spend.window.last_days = 30;
  Condition age = Leaf(Kind::kAgeBand);
  age.values = {2};
  Condition tree = Node(Kind::kAllOf, {age, spend});
  absl::Status s = ValidateCondition("segment.condition", tree);
  EXPECT_EQ(s.message(),
            "segment.condition.all_of.conditions[1].spend.min_amount.amount_"
            "minor must be "
            "more than 0");
  tree.children[1].min_amount_minor = 100;
  EXPECT_TRUE(ValidateCondition("segment.condition", tree).ok());

  EXPECT_FALSE(ValidateCondition("c", Node(Kind::kAnyOf, {})).ok());
  Condition deep = age;
  for (int i = 0; i < 12; ++i) deep = Node(Kind::kNot, {deep});
  EXPECT_TRUE(
      absl::StrContains(ValidateCondition("c", deep).message(), "deeper"));
  Condition stage = Leaf(Kind::kFunnelStage);
  EXPECT_TRUE(absl::StrContains(ValidateCondition("c", stage).message(),
                                "min_stage or max_stage"));
  Condition bad_age = Leaf(Kind::kAgeBand);
  bad_age.values = {0};
  EXPECT_FALSE(ValidateCondition("c", bad_age).ok());
}

TEST(ConditionCodecTest, RoundTrips) {
  Condition region = Leaf(Kind::kRegion);
  region.regions = {"KR-11", "KR-26"};
  Condition purchases = Leaf(Kind::kPurchaseCount);
  purchases.category = "fashion.shoes";
  purchases.partner_id = 12;
  purchases.min_count = 2;
  purchases.window.start_time = Ago(1000);
  purchases.window.end_time = kNow;
  Condition spend = Leaf(Kind::kSpend);
  spend.currency_code = "KRW";
  spend.min_amount_minor = 50000;
  spend.window.last_days = 90;
  Condition stage = Leaf(Kind::kFunnelStage);
  stage.partner_id = 3;
  stage.min_stage = FunnelStage::kPurchased;
  Condition tree = Node(Kind::kAllOf, {region, Node(Kind::kNot, {purchases}),
                                       Node(Kind::kAnyOf, {spend, stage}),
                                       Touch(TouchpointType::kSearch, 7, 3)});
  const std::string text = EncodeCondition(tree);
  absl::StatusOr<Condition> back = DecodeCondition(text);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(EncodeCondition(*back), text);
  EXPECT_EQ(back->children[1].children[0].window.start_time, Ago(1000));
  EXPECT_EQ(back->children[2].children[0].currency_code, "KRW");
  EXPECT_EQ(DecodeCondition("(all (bogus))").status().code(),
            absl::StatusCode::kInternal);
}

TEST(MatchesTest, EvaluatesTheTree) {
  CustomerFacts f;
  f.customer.birth_year = 2000;  // TWENTIES in 2026
  f.customer.gender = Gender::kFemale;
  f.customer.region = "KR-11";
  f.customer.consent = ConsentState::kGranted;
  Touchpoint view = Tp(TouchpointType::kPageView, 60 * 24 * 3, 5);
  view.campaign_id = 9;
  f.touchpoints = {view, Tp(TouchpointType::kPageView, 60 * 24 * 40, 5)};
  Purchase p;
  p.partner_id = 5;
  p.currency_code = "KRW";
  p.items = {{"fashion", "", 1, 30000}, {"beauty", "", 1, 10000}};
  p.total_minor = 40000;
  p.purchase_time = Ago(60 * 24 * 10);
  f.purchases = {p};
  f.funnel = {{0, ProgressOf(f.touchpoints)}};

  Condition age = Leaf(Kind::kAgeBand);
  age.values = {2};
  EXPECT_TRUE(Matches(age, f, kNow));
  age.values = {3};
  EXPECT_FALSE(Matches(age, f, kNow));
  EXPECT_TRUE(Matches(Node(Kind::kNot, {age}), f, kNow));

  EXPECT_TRUE(Matches(Touch(TouchpointType::kPageView, 7), f, kNow));
  EXPECT_FALSE(Matches(Touch(TouchpointType::kPageView, 7, 2), f, kNow));
  EXPECT_TRUE(Matches(Touch(TouchpointType::kPageView, 60, 2), f, kNow));
  Condition in_campaign = Touch(TouchpointType::kPageView, 60, 2);
  in_campaign.campaign_id = 9;
  EXPECT_FALSE(Matches(in_campaign, f, kNow));

  Condition fashion = Leaf(Kind::kSpend);
  fashion.category = "fashion";
  fashion.currency_code = "KRW";
  fashion.min_amount_minor = 30000;
  fashion.window.last_days = 30;
  EXPECT_TRUE(Matches(fashion, f, kNow));
  fashion.min_amount_minor = 30001;
  EXPECT_FALSE(Matches(fashion, f, kNow));
  f.purchases[0].refunded_minor = 40000;  // fully refunded: no longer counts
  fashion.min_amount_minor = 1;
  EXPECT_FALSE(Matches(fashion, f, kNow));

  Condition stage = Leaf(Kind::kFunnelStage);
  stage.min_stage = FunnelStage::kInterested;
  stage.max_stage = FunnelStage::kInterested;
  EXPECT_TRUE(Matches(stage, f, kNow));
  stage.partner_id = 5;  // no row for partner 5 in `funnel`
  EXPECT_FALSE(Matches(stage, f, kNow));
  stage.min_stage = FunnelStage::kNone;  // no lower bound: no row matches
  EXPECT_TRUE(Matches(stage, f, kNow));
}
}  // namespace
}  // namespace partnerhub::customer_experience
