// The customer-experience funnel rules as pure functions, no database: the
// stages of touchpoint types, deltas and their merging in any order, first
// reaches once.
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
}  // namespace
}  // namespace partnerhub::customer_experience
