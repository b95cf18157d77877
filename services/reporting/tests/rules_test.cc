// Reporting's rules without a database: periods and their validation, lift
// periods, difference-in-differences, funnel conversion, scorecard KPIs, and
// what applying feed facts decides (new or returning buyer, the pattern
// cube's cells, lift groups, the days figures count on).
// (The holdout formula is common's: common/api/holdout_test.cc.)
#include "services/reporting/src/domain/rules.h"

#include <array>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/holdout.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/reporting/src/domain/apply.h"
#include "services/reporting/src/domain/apply_sales.h"
#include "services/reporting/src/domain/reports.h"

namespace partnerhub::reporting {
namespace {

using ::testing::HasSubstr;

std::string MessageOf(const absl::Status& s) {
  return std::string(s.message());
}

TEST(PeriodTest, ValidPeriods) {
  auto p =
      CheckPeriod(absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 1, 1), true);
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->has_value());
  EXPECT_EQ((*p)->start_key(), 20260101);
  // 366 days inclusive is the most.
  EXPECT_TRUE(CheckPeriod(absl::CivilDay(2024, 1, 1),
                          absl::CivilDay(2024, 12, 31), true)
                  .ok());
  auto none = CheckPeriod(std::nullopt, std::nullopt, false);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST(PeriodTest, InvalidPeriodsNameTheField) {
  auto s =
      CheckPeriod(absl::CivilDay(2026, 2, 1), absl::CivilDay(2026, 1, 31), true)
          .status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(MessageOf(s), HasSubstr("end_date is before start_date"));
  s = CheckPeriod(absl::CivilDay(2024, 1, 1), absl::CivilDay(2025, 1, 1), true)
          .status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(MessageOf(s), HasSubstr("end_date"));
  EXPECT_THAT(MessageOf(s), HasSubstr("366"));
  s = CheckPeriod(std::nullopt, absl::CivilDay(2026, 1, 1), false).status();
  EXPECT_THAT(MessageOf(s), HasSubstr("start_date is required"));
  s = CheckPeriod(absl::CivilDay(2026, 1, 1), std::nullopt, true).status();
  EXPECT_THAT(MessageOf(s), HasSubstr("end_date is required"));
  s = CheckPeriod(std::nullopt, std::nullopt, true).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
}

TEST(PeriodTest, EveryBadDateIsReported) {
  // A start that is no date and a missing end: both, with their fields.
  const DateArg not_a_date = InvalidField("from", "2026-2-30 is not a date");
  absl::Status s =
      CheckPeriod(not_a_date, std::nullopt, true, "from", "to").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(s), ::partnerhub::reason::kInvalidField);
  EXPECT_EQ(FieldViolationsOf(s), (std::vector<FieldViolation>{
                                      {"from", "from 2026-2-30 is not a date"},
                                      {"to", "to is required"}}));
  // Neither given nor required: fine; only one given: the other is missing.
  s = CheckPeriod(std::nullopt, absl::CivilDay(2026, 1, 1), false).status();
  EXPECT_EQ(
      FieldViolationsOf(s),
      (std::vector<FieldViolation>{{"start_date", "start_date is required"}}));
  s = CheckPeriod(absl::CivilDay(2026, 1, 2), absl::CivilDay(2026, 1, 1), true)
          .status();
  EXPECT_EQ(FieldViolationsOf(s),
            (std::vector<FieldViolation>{
                {"end_date", "end_date is before start_date"}}));
}

TEST(DayTest, DaysAreKst) {
  // 2026-03-01 15:00 UTC is 2026-03-02 00:00 KST.
  const absl::Time t = absl::FromCivil(absl::CivilSecond(2026, 3, 1, 15, 0, 0),
                                       absl::UTCTimeZone());
  EXPECT_EQ(DayKeyOf(t), 20260302);
  EXPECT_EQ(DayKeyOf(t - absl::Seconds(1)), 20260301);
  EXPECT_EQ(KstDayStart(absl::CivilDay(2026, 3, 2)), t);
  EXPECT_EQ(DayFromKey(20261231), absl::CivilDay(2026, 12, 31));
}

TEST(LiftTest, Periods) {
  const absl::Time s = absl::FromUnixSeconds(1'800'000'000);
  const LiftWindow w{s, s + absl::Hours(24 * 10)};
  EXPECT_EQ(w.before_start(), s - absl::Hours(240));
  EXPECT_EQ(w.after_end(), s + absl::Hours(480));
  EXPECT_EQ(LiftPeriodOf(w, s - absl::Hours(240) - absl::Seconds(1)),
            LiftPeriodKind::kNone);
  EXPECT_EQ(LiftPeriodOf(w, s - absl::Hours(240)), LiftPeriodKind::kBefore);
  EXPECT_EQ(LiftPeriodOf(w, s - absl::Nanoseconds(1)), LiftPeriodKind::kBefore);
  EXPECT_EQ(LiftPeriodOf(w, s), LiftPeriodKind::kDuring);
  EXPECT_EQ(LiftPeriodOf(w, w.end), LiftPeriodKind::kAfter);
  EXPECT_EQ(LiftPeriodOf(w, w.after_end()), LiftPeriodKind::kNone);
}

TEST(LiftTest, DifferenceInDifferences) {
  // Treated: 100 customers, 10,000 before → 30,000 during (100 → 300 per
  // customer). Control: 50 customers, 5,000 → 7,500 (100 → 150).
  const GroupPeriod tb{5, 10, 10'000}, td{20, 40, 30'000};
  const GroupPeriod cb{3, 5, 5'000}, cd{4, 6, 7'500};
  EXPECT_DOUBLE_EQ(DifferenceInDifferences(tb, td, 100, cb, cd, 50),
                   (300.0 - 100.0) - (150.0 - 100.0));
  // Empty groups count as zero per customer.
  EXPECT_DOUBLE_EQ(DifferenceInDifferences(tb, td, 100, {}, {}, 0), 200.0);
  EXPECT_DOUBLE_EQ(PerCustomer(7, 2), 3.5);
}

TEST(FunnelTest, Conversions) {
  EXPECT_THAT(FunnelConversions({1000, 500, 0, 10, 20, 5}),
              ::testing::ElementsAre(5000, 0, 0, 20000, 2500, 0));
  EXPECT_EQ(Bps(1, 3), 3333);
  EXPECT_EQ(Bps(5, 0), 0);
}

TEST(ScorecardTest, KpisAgainstTargets) {
  AgreementInfo a;
  a.agreement = "partners/1/agreements/2";
  a.target_new_customers = 10;
  a.target_gmv = 1'000'000;
  a.target_orders = 100;
  a.target_repeat_rate_bps = 2000;
  a.target_redemption_rate_bps = 0;
  PartnerFigures f;
  f.new_customers = 10;
  f.gmv = 999'999;
  f.orders = 150;
  f.buyers = 50;
  f.repeat_buyers = 10;  // 2000 bps
  f.codes_issued = 0;
  PartnerScorecard s = BuildScorecard(
      "partners/1", "P", a,
      {absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 1, 31)}, f);
  ASSERT_EQ(s.kpis.size(), 5u);
  EXPECT_TRUE(s.kpis[0].met);
  EXPECT_FALSE(s.kpis[1].met);
  EXPECT_EQ(s.kpis[1].actual, 999'999);
  EXPECT_TRUE(s.kpis[2].met);
  EXPECT_EQ(s.kpis[3].actual, 2000);
  EXPECT_TRUE(s.kpis[3].met);
  EXPECT_TRUE(s.kpis[4].met);  // no target
  EXPECT_FALSE(s.all_kpis_met);
  PartnerScorecard none =
      BuildScorecard("partners/1", "P", std::nullopt, s.period, f);
  EXPECT_TRUE(none.kpis.empty());
  EXPECT_FALSE(none.all_kpis_met);
}

TEST(NameTest, CheckName) {
  EXPECT_TRUE(CheckName("campaign", "campaigns/12", "campaigns").ok());
  EXPECT_THAT(MessageOf(CheckName("campaign", "", "campaigns")),
              HasSubstr("campaign is required"));
  EXPECT_THAT(MessageOf(CheckName("campaign", "partners/1", "campaigns")),
              HasSubstr("campaign must be"));
  EXPECT_FALSE(CheckName("campaign", "campaigns/1/offers/2", "campaigns").ok());
  EXPECT_EQ(ParentName("campaigns/7/redemptions/9"), "campaigns/7");
  EXPECT_TRUE(IsRegionCode("KR-11"));
  EXPECT_TRUE(IsRegionCode("KR-A1B"));
  EXPECT_FALSE(IsRegionCode("*"));
  EXPECT_FALSE(IsRegionCode("kr-11"));
  EXPECT_FALSE(IsRegionCode("KR-1234"));
  EXPECT_FALSE(IsRegionCode("KR11"));
  EXPECT_EQ(ParentName("campaigns"), "");
}

// ---- Applying facts ----

absl::Time At(int y, int m, int d, int h = 12) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, 0, 0),
                         absl::UTCTimeZone());
}

PurchaseRecordedFact Purchase(std::string name, std::string customer,
                              std::string partner, absl::Time t, int64_t total,
                              std::string campaign = "") {
  PurchaseInfo p{std::move(name),
                 std::move(customer),
                 std::move(partner),
                 std::move(campaign),
                 t,
                 total,
                 "KRW",
                 {{"books", 1, total}}};
  return {std::move(p)};
}

// The batch's figures of `campaign` on `day` (zero when none).
CampaignFigures Day(const CampaignDaily& daily, const std::string& campaign,
                    int32_t day) {
  auto it = daily.find({campaign, day});
  return it != daily.end() ? it->second : CampaignFigures{};
}

// The aggregate of (campaign, group, period); zero when none.
LiftAggRow Agg(
    const std::map<std::tuple<std::string, int, int>, LiftAggRow>& aggs,
    const std::string& campaign, int grp, int period) {
  auto it = aggs.find({campaign, grp, period});
  return it != aggs.end() ? it->second : LiftAggRow{};
}

TEST(ApplySalesTest, NewBuyerOncePerPartner) {
  SalesContext context;
  context.known_buyers.emplace("customers/2", "partners/1");  // bought before
  CampaignDaily daily;
  SalesRollup rollup(std::move(context), daily);
  const absl::Time t = At(2026, 3, 2);
  rollup.Add(Purchase("purchases/1", "customers/1", "partners/1", t, 100,
                      "campaigns/1"));
  rollup.Add(Purchase("purchases/2", "customers/1", "partners/1", t, 50,
                      "campaigns/1"));
  rollup.Add(Purchase("purchases/3", "customers/2", "partners/1", t, 10,
                      "campaigns/1"));
  rollup.Add(Purchase("purchases/4", "customers/1", "partners/2", t, 1));
  const std::vector<PartnerDayRow> days = rollup.PartnerDayRows();
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].partner, "partners/1");
  EXPECT_EQ(days[0].day, 20260302);
  EXPECT_EQ(days[0].orders, 3);
  EXPECT_EQ(days[0].gmv, 160);
  EXPECT_EQ(days[0].new_customers, 1);
  EXPECT_EQ(days[1].new_customers, 1);  // another partner: new again
  const CampaignFigures f = Day(daily, "campaigns/1", 20260302);
  EXPECT_EQ(f.orders, 3);
  EXPECT_EQ(f.new_customer_orders, 1);
  EXPECT_EQ(f.returning_customer_orders, 2);
  EXPECT_EQ(daily.count(std::pair<std::string, int32_t>("", 20260302)),
            0u);  // no campaign: none
}

TEST(ApplySalesTest, CubeCellsCombineEveryAttributeWithAny) {
  const std::array<CustomerDims, 8> cells = CubeCells({3, 2, "KR-11"});
  EXPECT_EQ(cells[0].age_band, 3);
  EXPECT_EQ(cells[0].gender, 2);
  EXPECT_EQ(cells[0].region, "KR-11");
  EXPECT_EQ(cells[7].age_band, kAnyAttribute);
  EXPECT_EQ(cells[7].gender, kAnyAttribute);
  EXPECT_EQ(cells[7].region, kAnyRegion);
  std::set<std::tuple<int, int, std::string>> distinct;
  for (const CustomerDims& c : cells) {
    distinct.emplace(c.age_band, c.gender, c.region);
  }
  EXPECT_EQ(distinct.size(), 8u);

  // A line counts in all eight cells of its category and partner; an
  // unknown customer's in those of the unknown attributes.
  CampaignDaily daily;
  SalesRollup rollup(SalesContext{}, daily);
  rollup.Add(
      Purchase("purchases/1", "customers/9", "partners/1", At(2026, 3, 2), 70));
  const std::vector<PatternRow> rows =
      rollup.PatternRows(PatternRollup::kCategory);
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[0].age_band, kAnyAttribute);  // in key order
  for (const PatternRow& r : rows) {
    EXPECT_EQ(r.key, "books");
    EXPECT_EQ(r.amount, 70);
    EXPECT_EQ(r.lines, 1);
  }
  EXPECT_EQ(rollup.PatternRows(PatternRollup::kPartner)[0].key, "partners/1");
}

TEST(ApplySalesTest, LiftCountsMembersInTheirGroupAndPeriod) {
  ReadyLiftRow lift{"campaigns/1", 1000, {At(2026, 3, 10), At(2026, 3, 20)}};
  SalesContext context;
  context.lifts.push_back(MakeReadyLift(lift));
  ReadyLiftRow rest = lift;  // no holdout: the rest are the control
  rest.campaign = "campaigns/2";
  rest.holdout_bps = 0;
  context.lifts.push_back(MakeReadyLift(rest));
  context.lift_groups[{"campaigns/1", "customers/1"}] = kTreated;
  context.lift_groups[{"campaigns/1", "customers/2"}] = kControl;
  context.lift_groups[{"campaigns/2", "customers/1"}] = kTreated;
  CampaignDaily daily;
  SalesRollup rollup(std::move(context), daily);
  EXPECT_EQ(rollup.GroupOf(MakeReadyLift(lift), "customers/3"), 0);
  rollup.Add(Purchase("purchases/1", "customers/1", "partners/1",
                      At(2026, 3, 12), 100));  // during
  rollup.Add(Purchase("purchases/2", "customers/1", "partners/1",
                      At(2026, 3, 13), 20));  // during, same buyer
  rollup.Add(Purchase("purchases/3", "customers/2", "partners/1",
                      At(2026, 3, 5), 30));  // before
  rollup.Add(Purchase("purchases/4", "customers/3", "partners/1",
                      At(2026, 3, 25), 40));  // after; only the rest lift
  rollup.Add(Purchase("purchases/5", "customers/1", "partners/1",
                      At(2026, 4, 30), 50));  // outside every range
  std::map<std::tuple<std::string, int, int>, LiftAggRow> aggs;
  for (const LiftAggRow& a : rollup.LiftAggRows()) {
    aggs[{a.campaign, a.grp, static_cast<int>(a.period)}] = a;
  }
  ASSERT_EQ(aggs.size(), 5u);
  const LiftAggRow during = Agg(aggs, "campaigns/1", kTreated, 2);
  EXPECT_EQ(during.buyers, 1);
  EXPECT_EQ(during.orders, 2);
  EXPECT_EQ(during.sales, 120);
  EXPECT_EQ(Agg(aggs, "campaigns/1", kControl, 1).sales, 30);
  EXPECT_EQ(Agg(aggs, "campaigns/2", kTreated, 2).orders, 2);
  EXPECT_EQ(Agg(aggs, "campaigns/2", kControl, 1).sales, 30);  // the rest
  EXPECT_EQ(Agg(aggs, "campaigns/2", kControl, 3).sales, 40);
  EXPECT_EQ(rollup.LiftCustomerRows().size(), 5u);
}

TEST(ApplySalesTest, RefundsCountOnTheirDayAndOnlyOnStoredLiftRows) {
  ReadyLiftRow lift{"campaigns/1", 1000, {At(2026, 3, 10), At(2026, 3, 20)}};
  SalesContext context;
  context.lifts.push_back(MakeReadyLift(lift));
  context.lift_groups[{"campaigns/1", "customers/1"}] = kTreated;
  context.lift_groups[{"campaigns/1", "customers/2"}] = kTreated;
  context.lift_rows.emplace("campaigns/1", "customers/1", 2);
  CampaignDaily daily;
  SalesRollup rollup(std::move(context), daily);
  PurchaseRefundedFact refund;
  refund.purchase = Purchase("purchases/1", "customers/1", "partners/1",
                             At(2026, 3, 12), 100, "campaigns/1")
                        .purchase;
  refund.amount = 30;
  refund.currency = "KRW";
  refund.event_time = At(2026, 3, 15);
  EXPECT_EQ(RefundDay(refund), 20260315);  // no refund time: the event's
  refund.refund_time = At(2026, 3, 14);
  EXPECT_EQ(RefundDay(refund), 20260314);
  rollup.Add(refund);
  PurchaseRefundedFact other = refund;  // no lift row stored: not counted
  other.purchase.purchase = "purchases/2";
  other.purchase.customer = "customers/2";
  rollup.Add(other);
  EXPECT_EQ(Day(daily, "campaigns/1", 20260314).refunds, 60);
  const std::vector<PurchaseFactRow> facts = rollup.FactRows();
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(facts[0].total, 100);
  EXPECT_EQ(facts[0].refunded, 30);
  EXPECT_EQ(facts[0].day, 20260312);
  const std::vector<LiftAggRow> aggs = rollup.LiftAggRows();
  ASSERT_EQ(aggs.size(), 1u);
  EXPECT_EQ(aggs[0].sales, -30);
  EXPECT_EQ(aggs[0].buyers, 0);
}

TEST(ApplyCampaignsTest, RedemptionsAndVoidsCountOnTheirDays) {
  CampaignDaily daily;
  RedemptionFact r;
  r.redemption = "campaigns/1/redemptions/9";
  r.redeem_time = At(2026, 3, 2);
  r.event_time = At(2026, 3, 2);
  r.discount = 500;
  r.partner_cost = 300;
  r.platform_cost = 200;
  AddRedemption(r, daily);
  r.voided = true;
  r.event_time = At(2026, 3, 4);
  AddRedemption(r, daily);  // no void time: the event's day
  r.void_time = At(2026, 3, 3);
  AddRedemption(r, daily);
  AddCodesIssued({"campaigns/1/offers/2/issuances/3", 40, At(2026, 3, 2)},
                 daily);
  EXPECT_EQ(Day(daily, "campaigns/1", 20260302).redemptions, 1);
  EXPECT_EQ(Day(daily, "campaigns/1", 20260302).discount, 500);
  EXPECT_EQ(Day(daily, "campaigns/1", 20260302).codes_issued, 40);
  EXPECT_EQ(Day(daily, "campaigns/1", 20260304).voids, 1);
  EXPECT_EQ(Day(daily, "campaigns/1", 20260304).partner_cost, -300);
  EXPECT_EQ(Day(daily, "campaigns/1", 20260303).platform_cost, -200);
}

TEST(ApplyLiftTest, GroupsFollowTheHoldout) {
  std::vector<std::string> members;
  for (int i = 0; i < 200; ++i)
    members.push_back(absl::StrCat("customers/", i));
  const LiftGroups g = AssignLiftGroups("campaigns/1", members, 2500);
  EXPECT_EQ(g.treated + g.holdout, 200);
  EXPECT_GT(g.holdout, 0);
  EXPECT_GT(g.treated, g.holdout);
  for (const LiftMemberRow& m : g.members) {
    EXPECT_EQ(m.grp == kControl, IsHoldout("campaigns/1", m.customer, 2500));
  }
  EXPECT_EQ(AssignLiftGroups("campaigns/1", members, 0).holdout, 0);
  EXPECT_EQ(AssignLiftGroups("campaigns/1", members, 10000).treated, 0);
}

}  // namespace
}  // namespace partnerhub::reporting
