// The customer-experience rules as pure functions: no database.
#include "services/customer_experience/src/domain/rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "absl/strings/match.h"
#include "services/customer_experience/src/domain/condition_codec.h"

namespace partnerhub::customer_experience {
namespace {

using Kind = Condition::Kind;

const absl::Time kNow = absl::FromCivil(
    absl::CivilSecond(2026, 11, 24, 10, 0, 0), absl::UTCTimeZone());

absl::Time Ago(int minutes) { return kNow - absl::Minutes(minutes); }

Touchpoint Tp(TouchpointType type, int minutes_ago, int64_t partner = 0,
              int64_t customer = 1) {
  Touchpoint t;
  t.customer_id = "c1";
  t.customer_key = customer;
  t.event_id = "e";
  t.type = type;
  t.occur_time = Ago(minutes_ago);
  t.partner_id = partner;
  return t;
}

Condition Leaf(Kind kind) {
  Condition c;
  c.kind = kind;
  return c;
}

Condition Node(Kind kind, std::vector<Condition> children) {
  Condition c;
  c.kind = kind;
  c.children = std::move(children);
  return c;
}

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

TEST(FunnelTest, StagesOfTouchpointTypes) {
  EXPECT_EQ(StageOf(TouchpointType::kAdImpression), FunnelStage::kAware);
  EXPECT_EQ(StageOf(TouchpointType::kSearch), FunnelStage::kInterested);
  EXPECT_EQ(StageOf(TouchpointType::kCouponReceived),
            FunnelStage::kConsidering);
  EXPECT_EQ(StageOf(TouchpointType::kPurchase), FunnelStage::kPurchased);
  EXPECT_EQ(StageOf(TouchpointType::kRepeatPurchase), FunnelStage::kRepeat);
  EXPECT_EQ(StageOf(TouchpointType::kReferral), FunnelStage::kAdvocate);
  EXPECT_EQ(StageOf(TouchpointType::kRefund), FunnelStage::kNone);
}

TEST(FunnelTest, SecondPurchaseIsARepeat) {
  std::vector<Touchpoint> events = {Tp(TouchpointType::kAdImpression, 100),
                                    Tp(TouchpointType::kPurchase, 50),
                                    Tp(TouchpointType::kPurchase, 10)};
  StageTimes t = ProgressOf(events);
  EXPECT_EQ(t[0], Ago(100));
  EXPECT_FALSE(t[1].has_value());  // skipped stages stay absent
  EXPECT_EQ(t[3], Ago(50));
  EXPECT_EQ(t[4], Ago(10));
  EXPECT_EQ(FurthestStage(t), FunnelStage::kRepeat);
}

TEST(FunnelTest, OneDeltaPerCustomerWithTheEarliestTimes) {
  Touchpoint a =
      Tp(TouchpointType::kPageView, 30, /*partner=*/7, /*customer=*/2);
  Touchpoint b = Tp(TouchpointType::kSearch, 40, /*partner=*/0, /*customer=*/2);
  Touchpoint c = Tp(TouchpointType::kRefund, 50, /*partner=*/7, /*customer=*/1);
  Touchpoint d = Tp(TouchpointType::kReview, 60, /*partner=*/7, /*customer=*/1);
  std::vector<FunnelDelta> deltas = FunnelDeltas({&a, &b, &c, &d});
  ASSERT_EQ(deltas.size(), 2u);
  EXPECT_EQ(deltas[0].customer_key, 1);
  EXPECT_EQ(FurthestStage(deltas[0].reached), FunnelStage::kAdvocate);
  EXPECT_EQ(deltas[1].customer_key, 2);
  EXPECT_EQ(deltas[1].reached[1], Ago(40));  // earliest of both
}

TEST(FunnelTest, PartnerProgressGroupsByPartner) {
  std::vector<Touchpoint> events = {Tp(TouchpointType::kPurchase, 30, 7),
                                    Tp(TouchpointType::kPurchase, 20, 7),
                                    Tp(TouchpointType::kPurchase, 10, 3),
                                    Tp(TouchpointType::kAdImpression, 5, 0),
                                    Tp(TouchpointType::kRefund, 5, 9)};
  std::vector<FunnelProgress> p = PartnerProgress(events);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].partner_id, 3);
  EXPECT_EQ(FurthestStage(p[0].reached), FunnelStage::kPurchased);
  EXPECT_EQ(p[1].partner_id, 7);
  EXPECT_EQ(FurthestStage(p[1].reached), FunnelStage::kRepeat);
  EXPECT_EQ(TypesAtOrAfter(FunnelStage::kRepeat),
            (std::vector<TouchpointType>{TouchpointType::kRepeatPurchase,
                                         TouchpointType::kReview,
                                         TouchpointType::kReferral}));
}

// Merging batch deltas in any order and grouping gives the progress the
// definition gives for all events at once (what makes concurrent batches
// safe).
TEST(FunnelTest, MergingBatchesInAnyOrderMatchesTheReference) {
  std::mt19937 rng(42);
  for (int round = 0; round < 500; ++round) {
    std::vector<Touchpoint> events;
    const int n = 1 + rng() % 12;
    for (int i = 0; i < n; ++i) {
      auto type = static_cast<TouchpointType>(1 + rng() % 10);
      events.push_back(Tp(type, static_cast<int>(rng() % 50)));
    }
    std::shuffle(events.begin(), events.end(), rng);
    StageTimes merged;
    size_t i = 0;
    while (i < events.size()) {
      const size_t size = 1 + rng() % 4;
      std::vector<const Touchpoint*> batch;
      for (; i < events.size() && batch.size() < size; ++i)
        batch.push_back(&events[i]);
      for (const FunnelDelta& d : FunnelDeltas(batch))
        MergeFunnel(merged, d.reached);
    }
    EXPECT_EQ(merged, ProgressOf(events)) << "round " << round;
  }
}

// AdvanceFunnel publishes a stage the first time it gets a reach time,
// never again (even when an older touchpoint moves the time earlier).
TEST(FunnelTest, FirstReachesOnlyOnce) {
  Touchpoint view = Tp(TouchpointType::kPageView, 10, 7);
  view.campaign_id = 3;
  Touchpoint ad = Tp(TouchpointType::kAdImpression, 20);
  FunnelAdvance a = AdvanceFunnel({&view, &ad}, {}, {});
  ASSERT_EQ(a.reaches.size(), 3u);
  EXPECT_EQ(a.reaches[0].partner_id, 0);
  EXPECT_EQ(a.reaches[0].stage, FunnelStage::kAware);
  EXPECT_EQ(a.reaches[0].reach_time, Ago(20));
  EXPECT_EQ(a.reaches[1].stage, FunnelStage::kInterested);
  EXPECT_EQ(a.reaches[1].campaign_id, 3);
  EXPECT_EQ(a.reaches[2].partner_id, 7);
  EXPECT_EQ(a.reaches[2].stage, FunnelStage::kInterested);
  ASSERT_EQ(a.overall.size(), 1u);
  ASSERT_EQ(a.partners.size(), 1u);
  EXPECT_EQ(a.partners[0].partner_id, 7);

  // Stored: overall INTERESTED at -10 and with partner 7. An older view
  // with partner 7 reaches nothing; with partner 8 it is a first reach.
  StageTimes stored;
  stored[1] = Ago(10);
  Touchpoint older7 = Tp(TouchpointType::kSearch, 30, 7);
  Touchpoint older8 = Tp(TouchpointType::kSearch, 40, 8);
  FunnelAdvance b =
      AdvanceFunnel({&older7, &older8}, {{1, stored}}, {{{1, 7}, stored}});
  ASSERT_EQ(b.reaches.size(), 1u);
  EXPECT_EQ(b.reaches[0].partner_id, 8);
  EXPECT_EQ(b.reaches[0].reach_time, Ago(40));
  // ... while the deltas still carry the earlier times.
  EXPECT_EQ(b.overall[0].reached[1], Ago(40));
}

TEST(FunnelTest, RepeatReachedByTheSecondPurchase) {
  // Two purchases in one batch: PURCHASED at the first, REPEAT at the
  // second, with its campaign.
  Touchpoint p1 = Tp(TouchpointType::kPurchase, 50);
  Touchpoint p2 = Tp(TouchpointType::kPurchase, 20);
  p2.campaign_id = 4;
  FunnelAdvance a = AdvanceFunnel({&p2, &p1}, {}, {});
  ASSERT_EQ(a.reaches.size(), 2u);
  EXPECT_EQ(a.reaches[0].stage, FunnelStage::kPurchased);
  EXPECT_EQ(a.reaches[0].reach_time, Ago(50));
  EXPECT_EQ(a.reaches[1].stage, FunnelStage::kRepeat);
  EXPECT_EQ(a.reaches[1].reach_time, Ago(20));
  EXPECT_EQ(a.reaches[1].campaign_id, 4);
  EXPECT_FALSE(a.reaches[1].at_stored_purchase);

  // A purchase stored at -20; an older one arrives: REPEAT at the stored
  // one's time, whose campaign storage must look up.
  StageTimes stored;
  stored[3] = Ago(20);
  FunnelAdvance b = AdvanceFunnel({&p1}, {{1, stored}}, {});
  ASSERT_EQ(b.reaches.size(), 1u);
  EXPECT_EQ(b.reaches[0].stage, FunnelStage::kRepeat);
  EXPECT_EQ(b.reaches[0].reach_time, Ago(20));
  EXPECT_TRUE(b.reaches[0].at_stored_purchase);
  // A newer one arrives: REPEAT at its own time.
  StageTimes stored_early;
  stored_early[3] = Ago(50);
  FunnelAdvance c = AdvanceFunnel({&p2}, {{1, stored_early}}, {});
  ASSERT_EQ(c.reaches.size(), 1u);
  EXPECT_EQ(c.reaches[0].reach_time, Ago(20));
  EXPECT_EQ(c.reaches[0].campaign_id, 4);
  EXPECT_FALSE(c.reaches[0].at_stored_purchase);
}

// Whatever the order and grouping of batches, the published first reaches
// are exactly the stages of the final progress, once each.
TEST(FunnelTest, FirstReachesOfBatchesInAnyOrderAreTheFinalStages) {
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    std::vector<Touchpoint> events;
    const int n = 1 + rng() % 12;
    for (int i = 0; i < n; ++i) {
      auto type = static_cast<TouchpointType>(1 + rng() % 10);
      events.push_back(Tp(type, static_cast<int>(rng() % 50),
                          static_cast<int64_t>(rng() % 3)));
    }
    std::shuffle(events.begin(), events.end(), rng);
    absl::flat_hash_map<int64_t, StageTimes> overall;
    absl::flat_hash_map<PartnerKey, StageTimes> partners;
    std::set<std::pair<int64_t, int>> reached;
    size_t i = 0;
    while (i < events.size()) {
      const size_t size = 1 + rng() % 4;
      std::vector<const Touchpoint*> batch;
      for (; i < events.size() && batch.size() < size; ++i)
        batch.push_back(&events[i]);
      FunnelAdvance a = AdvanceFunnel(batch, overall, partners);
      for (const FunnelDelta& d : a.overall)
        MergeFunnel(overall[d.customer_key], d.reached);
      for (const PartnerFunnelDelta& d : a.partners)
        MergeFunnel(partners[{d.customer_key, d.partner_id}], d.reached);
      for (const StageReach& r : a.reaches) {
        EXPECT_TRUE(
            reached.emplace(r.partner_id, static_cast<int>(r.stage)).second)
            << "round " << round;
      }
    }
    std::set<std::pair<int64_t, int>> want;
    for (const FunnelProgress& p : PartnerProgress(events)) {
      for (int s = 0; s < kStageCount; ++s)
        if (p.reached[s].has_value()) want.emplace(p.partner_id, s + 1);
    }
    const StageTimes all = ProgressOf(events);
    for (int s = 0; s < kStageCount; ++s)
      if (all[s].has_value()) want.emplace(0, s + 1);
    EXPECT_EQ(reached, want) << "round " << round;
  }
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
