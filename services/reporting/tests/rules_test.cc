// Reporting's rules without a database: periods and their validation, lift
// periods, difference-in-differences, funnel conversion, scorecard KPIs.
// (The holdout formula is common's: common/api/holdout_test.cc.)
#include "services/reporting/src/domain/rules.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
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

}  // namespace
}  // namespace partnerhub::reporting
