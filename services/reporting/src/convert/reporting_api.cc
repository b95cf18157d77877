#include "services/reporting/src/convert/reporting_api.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/grpc/proto_convert.h"
#include "common/status/status_macros.h"

namespace partnerhub::reporting {
namespace {

// Campaign.State names (partnerhub.campaign.v1), by number.
constexpr const char* kCampaignStates[] = {
    "STATE_UNSPECIFIED", "DRAFT", "SCHEDULED", "RUNNING", "PAUSED", "ENDED",
    "CANCELLED"};

type::v1::Money Money(const std::string& currency, int64_t amount) {
  type::v1::Money m;
  m.set_currency_code(currency);
  m.set_amount_minor(amount);
  return m;
}

void ToProto(const CampaignFigures& f, const std::string& currency,
             v1::PerformanceFigures* out) {
  out->set_redemptions(f.redemptions);
  out->set_voids(f.voids);
  *out->mutable_discount() = Money(currency, f.discount);
  *out->mutable_partner_cost() = Money(currency, f.partner_cost);
  *out->mutable_platform_cost() = Money(currency, f.platform_cost);
  out->set_orders(f.orders);
  *out->mutable_gmv() = Money(currency, f.gmv);
  *out->mutable_refunds() = Money(currency, f.refunds);
  out->set_new_customer_orders(f.new_customer_orders);
  out->set_returning_customer_orders(f.returning_customer_orders);
  out->set_codes_issued(f.codes_issued);
}

void ToProto(const LiftData& d, int grp, int64_t customers,
             const std::string& currency, v1::LiftGroup* out) {
  out->set_customers(customers);
  for (int p = 0; p < 3; ++p) {
    const GroupPeriod& g = d.figures[grp - 1][p];
    v1::LiftPeriodFigures* f = out->add_periods();
    f->set_period(static_cast<v1::LiftPeriod>(p + 1));
    f->set_buyers(g.buyers);
    f->set_orders(g.orders);
    *f->mutable_sales() = Money(currency, g.sales);
    f->set_sales_per_customer(PerCustomer(g.sales, customers));
    f->set_average_order_value(PerCustomer(g.sales, g.orders));
    f->set_buyer_rate_bps(Bps(g.buyers, customers));
  }
}

void ToProto(const PatternEntry& e, int64_t total, const std::string& currency,
             v1::PatternEntry* out) {
  out->set_key(e.key);
  out->set_display_name(e.display_name);
  out->set_lines(e.lines);
  out->set_quantity(e.quantity);
  *out->mutable_amount() = Money(currency, e.amount);
  out->set_share_bps(Bps(e.amount, total));
}

}  // namespace

DateArg OptionalDate(absl::string_view field, bool has,
                     const type::v1::Date& d) {
  if (!has || (d.year() == 0 && d.month() == 0 && d.day() == 0)) {
    return std::optional<absl::CivilDay>();
  }
  PH_ASSIGN_OR_RETURN(absl::CivilDay day, FromProtoDate(field, d));
  return std::optional<absl::CivilDay>(day);
}

PatternFilter FilterOf(const v1::GetPurchasePatternsRequest& request) {
  PatternFilter filter;
  const int age = request.age_band();
  if (age != v1::AGE_BAND_UNSPECIFIED) {
    filter.age_band = age == v1::AGE_BAND_UNKNOWN ? 0 : age;
  }
  const int gender = request.gender();
  if (gender != v1::GENDER_UNSPECIFIED) {
    filter.gender = gender == v1::GENDER_UNKNOWN ? 0 : gender;
  }
  if (!request.region().empty()) filter.region = request.region();
  return filter;
}

void ToProto(const CampaignPerformance& p, v1::CampaignPerformance* out) {
  const std::string& currency = p.campaign.currency;
  out->set_campaign(p.campaign.campaign);
  out->set_partner(p.campaign.partner);
  out->set_display_name(p.campaign.display_name);
  const int state = p.campaign.state;
  out->set_state(state >= 0 && state < 7 ? kCampaignStates[state]
                                         : absl::StrCat(state));
  if (p.campaign.start_time.has_value()) {
    *out->mutable_start_time() = ToProtoTime(*p.campaign.start_time);
  }
  if (p.campaign.end_time.has_value()) {
    *out->mutable_end_time() = ToProtoTime(*p.campaign.end_time);
  }
  *out->mutable_start_date() = ToProtoDate(p.period.start);
  *out->mutable_end_date() = ToProtoDate(p.period.end);
  ToProto(p.totals, currency, out->mutable_totals());
  for (const CampaignDay& d : p.days) {
    v1::DailyPerformance* day = out->add_days();
    *day->mutable_date() = ToProtoDate(DayFromKey(d.day));
    ToProto(d.figures, currency, day->mutable_figures());
  }
  *out->mutable_budget() = Money(currency, p.campaign.budget);
  *out->mutable_budget_used() = Money(currency, p.budget_used);
  out->set_budget_used_bps(Bps(p.budget_used, p.campaign.budget));
}

void ToProto(const PromotionLift& lift, const std::string& currency,
             v1::PromotionLift* out) {
  const LiftData& d = lift.data;
  out->set_campaign(lift.campaign);
  out->set_segment_snapshot(d.snapshot);
  out->set_holdout_bps(d.holdout_bps);
  out->set_control_group(lift.rest_control
                             ? v1::PromotionLift::REST_OF_CUSTOMERS
                             : v1::PromotionLift::HOLDOUT);
  *out->mutable_before_start_time() = ToProtoTime(d.window.before_start());
  *out->mutable_start_time() = ToProtoTime(d.window.start);
  *out->mutable_end_time() = ToProtoTime(d.window.end);
  *out->mutable_after_end_time() = ToProtoTime(d.window.after_end());
  ToProto(d, kTreated, d.treated_customers, currency, out->mutable_treated());
  ToProto(d, kControl, lift.control_customers, currency,
          out->mutable_control());
  out->set_did_during(lift.did_during);
  out->set_did_after(lift.did_after);
  out->set_complete(lift.complete);
}

void ToProto(const PurchasePatterns& p, const std::string& currency,
             v1::PurchasePatterns* out) {
  for (const PatternEntry& e : p.top_categories) {
    ToProto(e, p.total_amount, currency, out->add_top_categories());
  }
  for (const PatternEntry& e : p.top_partners) {
    ToProto(e, p.total_amount, currency, out->add_top_partners());
  }
  out->set_total_lines(p.total_lines);
  out->set_total_quantity(p.total_quantity);
  *out->mutable_total_amount() = Money(currency, p.total_amount);
}

void ToProto(const StageCounts& counts,
             google::protobuf::RepeatedPtrField<v1::FunnelStageCount>* out) {
  const std::vector<int64_t> v(counts.begin(), counts.end());
  const std::vector<int32_t> conversions = FunnelConversions(v);
  for (int i = 0; i < kStages; ++i) {
    v1::FunnelStageCount* s = out->Add();
    s->set_stage(static_cast<v1::FunnelStage>(i + 1));
    s->set_customers(counts[i]);
    s->set_conversion_to_next_bps(conversions[i]);
  }
}

void ToProto(const PartnerScorecard& s, const std::string& currency,
             v1::PartnerScorecard* out) {
  out->set_partner(s.partner);
  out->set_display_name(s.display_name);
  if (s.agreement.has_value()) out->set_agreement(s.agreement->agreement);
  *out->mutable_start_date() = ToProtoDate(s.period.start);
  *out->mutable_end_date() = ToProtoDate(s.period.end);
  *out->mutable_gmv() = Money(currency, s.figures.gmv);
  out->set_orders(s.figures.orders);
  out->set_buyers(s.figures.buyers);
  out->set_new_customers(s.figures.new_customers);
  out->set_repeat_buyers(s.figures.repeat_buyers);
  out->set_repeat_purchase_rate_bps(s.repeat_rate_bps);
  out->set_codes_issued(s.figures.codes_issued);
  out->set_redemptions(s.figures.redemptions);
  out->set_coupon_redemption_rate_bps(s.redemption_rate_bps);
  ToProto(s.figures.funnel, out->mutable_funnel());
  for (const KpiResult& k : s.kpis) {
    v1::KpiResult* r = out->add_kpis();
    r->set_kpi(static_cast<v1::Kpi>(static_cast<int>(k.kpi)));
    r->set_target(k.target);
    r->set_actual(k.actual);
    r->set_met(k.met);
  }
  out->set_all_kpis_met(s.all_kpis_met);
}

void ToProto(const FeedStatus& s, v1::FeedStatus* out) {
  out->set_feed(s.stored.feed);
  out->set_position(s.stored.position);
  out->set_head_position(s.head_position);
  out->set_lag(s.lag);
  out->set_connected(s.local.connected);
  out->set_active(s.local.active);
  out->set_last_error(s.local.last_error);
  if (s.stored.update_time != absl::Time()) {
    *out->mutable_update_time() = ToProtoTime(s.stored.update_time);
  }
  if (s.local.last_contact != absl::InfinitePast()) {
    *out->mutable_last_contact_time() = ToProtoTime(s.local.last_contact);
  }
}

}  // namespace partnerhub::reporting
