// The read models against a real MariaDB, fed over gRPC by real EventFeed
// services (read_models_fixture.h): every report's figures against a
// reference computed in plain C++ over a generated dataset, also as events
// keep arriving; the same figures whatever order the feeds deliver in.
// Exactly once in read_models_exactly_once_test.cc, rebuild in
// read_models_rebuild_test.cc, the handler's validation in
// read_models_handler_test.cc; all four in reporting_integration_test.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/reporting/tests/fixture.h"
#include "services/reporting/tests/read_models_fixture.h"
#include "tests/harness/harness.h"

namespace partnerhub::reporting {
namespace {

using namespace ::partnerhub::reporting::testing;  // NOLINT

TEST_F(ReadModelsTest, FiguresMatchTheReference) {
  const Dataset d = Generate(300, 2500);
  AppendDataset(d);
  auto r = Reporting::Create(absl::StrCat("rm_", TestName()));
  ASSERT_NE(r, nullptr);
  for (int f = 0; f < 3; ++f) r->Follow(*producers_, f);
  ASSERT_TRUE(r->WaitCaughtUp(*producers_));
  ExpectAll(*r->reports, d);

  // The funnel by campaign counts the partners' funnels only.
  const Period whole = WholeRange(d);
  absl::StatusOr<StageCounts> funnel =
      r->reports->GetFunnel("", "campaigns/1", whole.start, whole.end);
  ASSERT_TRUE(funnel.ok()) << funnel.status();
  StageCounts want{};
  for (const auto& [key, n] : d.funnel) {
    if (std::get<1>(key) == "campaigns/1" && !std::get<0>(key).empty()) {
      want[std::get<2>(key) - 1] += n;
    }
  }
  EXPECT_EQ(*funnel, want);

  // The scorecard's KPIs come from partner 1's signed agreement.
  absl::StatusOr<PartnerScorecard> s =
      r->reports->GetPartnerScorecard("partners/1", whole.start, whole.end);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(s->agreement.has_value());
  EXPECT_EQ(s->agreement->agreement, "partners/1/agreements/1");
  ASSERT_EQ(s->kpis.size(), 5u);
  EXPECT_FALSE(s->kpis[2].met);  // 100,000 orders
  EXPECT_FALSE(s->all_kpis_met);
  // Partner 2's agreement is a draft: no targets.
  s = r->reports->GetPartnerScorecard("partners/2", whole.start, whole.end);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->agreement.has_value());
  EXPECT_EQ(s->display_name, "Burger Town");

  // A campaign without a snapshot has no lift.
  EXPECT_EQ(r->reports->GetPromotionLift("campaigns/3").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(r->reports->GetPromotionLift("campaigns/404").status().code(),
            absl::StatusCode::kNotFound);

  // Events arriving later keep the figures right (incremental path).
  Dataset more = d;
  std::vector<events::v1::Event> extra;
  for (int i = 0; i < 200; ++i) {
    PurchaseRec p = d.purchases[i];
    p.name = absl::StrCat("purchases/late", i);
    p.refunded = 0;
    p.time += absl::Hours(1);
    if (DayKeyOf(p.time) > WholeRange(d).end_key()) continue;
    more.purchases.push_back(p);
    extra.push_back(PurchaseEvent(p));
  }
  ASSERT_TRUE(producers_->AppendAll(kCx, extra, 23).ok());
  ASSERT_TRUE(r->WaitCaughtUp(*producers_));
  ExpectLift(*r->reports, more, "campaigns/1");
  ExpectLift(*r->reports, more, "campaigns/2");
  ExpectScorecard(*r->reports, more, "partners/1", WholeRange(d));
  ExpectPatterns(*r->reports, more, WholeRange(d), {});
}

// The lift does not depend on the order the feeds deliver in: purchases
// before the campaign and its snapshot are known (backfill), after
// (incremental), or both.
TEST_F(ReadModelsTest, CrossFeedOrderGivesTheSameFigures) {
  const Dataset d = Generate(240, 1800, /*snapshot_midway=*/true);
  AppendDataset(d);
  // A: customer-experience first, then campaign.
  auto a = Reporting::Create(absl::StrCat("ra_", TestName()));
  ASSERT_NE(a, nullptr);
  a->Follow(*producers_, kRegistry);
  a->Follow(*producers_, kCx);
  ASSERT_TRUE(a->WaitCaughtUp(*producers_, {kRegistry, kCx}));
  EXPECT_EQ(a->reports->GetPromotionLift("campaigns/1").status().code(),
            absl::StatusCode::kNotFound);
  a->Follow(*producers_, kCampaignFeed);
  ASSERT_TRUE(a->WaitCaughtUp(*producers_));
  {
    SCOPED_TRACE("customer-experience first");
    ExpectAll(*a->reports, d);
  }
  // B: campaign first, then customer-experience (snapshot mid-stream).
  auto b = Reporting::Create(absl::StrCat("rb_", TestName()));
  ASSERT_NE(b, nullptr);
  b->Follow(*producers_, kRegistry);
  b->Follow(*producers_, kCampaignFeed);
  ASSERT_TRUE(b->WaitCaughtUp(*producers_, {kRegistry, kCampaignFeed}));
  EXPECT_EQ(b->reports->GetPromotionLift("campaigns/1").status().code(),
            absl::StatusCode::kFailedPrecondition);
  b->Follow(*producers_, kCx, /*batch=*/13);
  ASSERT_TRUE(b->WaitCaughtUp(*producers_));
  {
    SCOPED_TRACE("campaign first");
    ExpectAll(*b->reports, d);
  }
  // C: all at once, large batches.
  auto c = Reporting::Create(absl::StrCat("rc_", TestName()));
  ASSERT_NE(c, nullptr);
  for (int f = 0; f < 3; ++f) c->Follow(*producers_, f, 2000);
  ASSERT_TRUE(c->WaitCaughtUp(*producers_));
  {
    SCOPED_TRACE("together");
    ExpectAll(*c->reports, d);
  }
}

}  // namespace
}  // namespace partnerhub::reporting

int main(int argc, char** argv) {
  return partnerhub::testing::RunTestsWithSharedServer(argc, argv);
}
