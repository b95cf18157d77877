#include "services/reporting/src/handler/reporting_handler.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/grpc/handler_support.h"
#include "common/grpc/proto_convert.h"
#include "common/status/status_macros.h"

namespace partnerhub::reporting {
namespace {

// Campaign.State names (partnerhub.campaign.v1), by number.
constexpr const char* kCampaignStates[] = {
    "STATE_UNSPECIFIED", "DRAFT", "SCHEDULED", "RUNNING", "PAUSED", "ENDED",
    "CANCELLED"};

// A date field: nullopt when not set (all zero); INVALID_ARGUMENT naming
// the field unless a real date (the domain reports it with the request's
// other bad fields).
DateArg OptionalDate(absl::string_view field, bool has,
                     const type::v1::Date& d) {
  if (!has || (d.year() == 0 && d.month() == 0 && d.day() == 0)) {
    return std::optional<absl::CivilDay>();
  }
  PH_ASSIGN_OR_RETURN(absl::CivilDay day, FromProtoDate(field, d));
  return std::optional<absl::CivilDay>(day);
}

// A request's start_date and end_date, as given.
using DateRange = std::pair<DateArg, DateArg>;

template <typename Request>
DateRange DatesOf(const Request& request) {
  return DateRange(
      OptionalDate("start_date", request.has_start_date(),
                   request.start_date()),
      OptionalDate("end_date", request.has_end_date(), request.end_date()));
}

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

grpc::Status ReportingHandler::GetCampaignPerformance(
    grpc::ServerContext*, const v1::GetCampaignPerformanceRequest* request,
    v1::CampaignPerformance* response) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    const DateRange dates = DatesOf(*request);
    const auto& [start, end] = dates;
    PH_ASSIGN_OR_RETURN(
        CampaignPerformance p,
        reports_.GetCampaignPerformance(request->campaign(), start, end));
    const std::string& currency = p.campaign.currency;
    response->set_campaign(p.campaign.campaign);
    response->set_partner(p.campaign.partner);
    response->set_display_name(p.campaign.display_name);
    const int state = p.campaign.state;
    response->set_state(state >= 0 && state < 7 ? kCampaignStates[state]
                                                : absl::StrCat(state));
    if (p.campaign.start_time.has_value()) {
      *response->mutable_start_time() = ToProtoTime(*p.campaign.start_time);
    }
    if (p.campaign.end_time.has_value()) {
      *response->mutable_end_time() = ToProtoTime(*p.campaign.end_time);
    }
    *response->mutable_start_date() = ToProtoDate(p.period.start);
    *response->mutable_end_date() = ToProtoDate(p.period.end);
    ToProto(p.totals, currency, response->mutable_totals());
    for (const CampaignDay& d : p.days) {
      v1::DailyPerformance* day = response->add_days();
      *day->mutable_date() = ToProtoDate(DayFromKey(d.day));
      ToProto(d.figures, currency, day->mutable_figures());
    }
    *response->mutable_budget() = Money(currency, p.campaign.budget);
    *response->mutable_budget_used() = Money(currency, p.budget_used);
    response->set_budget_used_bps(Bps(p.budget_used, p.campaign.budget));
    return absl::OkStatus();
  });
}

grpc::Status ReportingHandler::GetPromotionLift(
    grpc::ServerContext*, const v1::GetPromotionLiftRequest* request,
    v1::PromotionLift* response) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(PromotionLift lift,
                        reports_.GetPromotionLift(request->campaign()));
    const LiftData& d = lift.data;
    const std::string currency = reports_.currency();
    response->set_campaign(lift.campaign);
    response->set_segment_snapshot(d.snapshot);
    response->set_holdout_bps(d.holdout_bps);
    response->set_control_group(lift.rest_control
                                    ? v1::PromotionLift::REST_OF_CUSTOMERS
                                    : v1::PromotionLift::HOLDOUT);
    *response->mutable_before_start_time() =
        ToProtoTime(d.window.before_start());
    *response->mutable_start_time() = ToProtoTime(d.window.start);
    *response->mutable_end_time() = ToProtoTime(d.window.end);
    *response->mutable_after_end_time() = ToProtoTime(d.window.after_end());
    ToProto(d, kTreated, d.treated_customers, currency,
            response->mutable_treated());
    ToProto(d, kControl, lift.control_customers, currency,
            response->mutable_control());
    response->set_did_during(lift.did_during);
    response->set_did_after(lift.did_after);
    response->set_complete(lift.complete);
    return absl::OkStatus();
  });
}

grpc::Status ReportingHandler::GetPurchasePatterns(
    grpc::ServerContext*, const v1::GetPurchasePatternsRequest* request,
    v1::PurchasePatterns* response) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    const DateRange dates = DatesOf(*request);
    const auto& [start, end] = dates;
    // UNSPECIFIED filters nothing; *_UNKNOWN is Customer's 0 (not given);
    // the other numbers are Customer's, and Reports refuses unknown ones.
    PatternFilter filter;
    const int age = request->age_band();
    if (age != v1::AGE_BAND_UNSPECIFIED) {
      filter.age_band = age == v1::AGE_BAND_UNKNOWN ? 0 : age;
    }
    const int gender = request->gender();
    if (gender != v1::GENDER_UNSPECIFIED) {
      filter.gender = gender == v1::GENDER_UNKNOWN ? 0 : gender;
    }
    if (!request->region().empty()) filter.region = request->region();
    PH_ASSIGN_OR_RETURN(
        PurchasePatterns p,
        reports_.GetPurchasePatterns(start, end, filter, request->top_n()));
    const std::string currency = reports_.currency();
    for (const PatternEntry& e : p.top_categories) {
      ToProto(e, p.total_amount, currency, response->add_top_categories());
    }
    for (const PatternEntry& e : p.top_partners) {
      ToProto(e, p.total_amount, currency, response->add_top_partners());
    }
    response->set_total_lines(p.total_lines);
    response->set_total_quantity(p.total_quantity);
    *response->mutable_total_amount() = Money(currency, p.total_amount);
    return absl::OkStatus();
  });
}

grpc::Status ReportingHandler::GetFunnel(grpc::ServerContext*,
                                         const v1::GetFunnelRequest* request,
                                         v1::Funnel* response) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    const DateRange dates = DatesOf(*request);
    const auto& [start, end] = dates;
    PH_ASSIGN_OR_RETURN(StageCounts counts,
                        reports_.GetFunnel(request->partner(),
                                           request->campaign(), start, end));
    response->set_partner(request->partner());
    response->set_campaign(request->campaign());
    ToProto(counts, response->mutable_stages());
    return absl::OkStatus();
  });
}

grpc::Status ReportingHandler::GetPartnerScorecard(
    grpc::ServerContext*, const v1::GetPartnerScorecardRequest* request,
    v1::PartnerScorecard* response) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    const DateRange dates = DatesOf(*request);
    const auto& [start, end] = dates;
    PH_ASSIGN_OR_RETURN(
        PartnerScorecard s,
        reports_.GetPartnerScorecard(request->partner(), start, end));
    const std::string currency = reports_.currency();
    response->set_partner(s.partner);
    response->set_display_name(s.display_name);
    if (s.agreement.has_value())
      response->set_agreement(s.agreement->agreement);
    *response->mutable_start_date() = ToProtoDate(s.period.start);
    *response->mutable_end_date() = ToProtoDate(s.period.end);
    *response->mutable_gmv() = Money(currency, s.figures.gmv);
    response->set_orders(s.figures.orders);
    response->set_buyers(s.figures.buyers);
    response->set_new_customers(s.figures.new_customers);
    response->set_repeat_buyers(s.figures.repeat_buyers);
    response->set_repeat_purchase_rate_bps(s.repeat_rate_bps);
    response->set_codes_issued(s.figures.codes_issued);
    response->set_redemptions(s.figures.redemptions);
    response->set_coupon_redemption_rate_bps(s.redemption_rate_bps);
    ToProto(s.figures.funnel, response->mutable_funnel());
    for (const KpiResult& k : s.kpis) {
      v1::KpiResult* r = response->add_kpis();
      r->set_kpi(static_cast<v1::Kpi>(static_cast<int>(k.kpi)));
      r->set_target(k.target);
      r->set_actual(k.actual);
      r->set_met(k.met);
    }
    response->set_all_kpis_met(s.all_kpis_met);
    return absl::OkStatus();
  });
}

grpc::Status ReportingHandler::GetFeedStatus(grpc::ServerContext*,
                                             const v1::GetFeedStatusRequest*,
                                             v1::FeedStatusList* response) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::vector<FeedStatus> feeds,
                        reports_.GetFeedStatus());
    for (const FeedStatus& f : feeds) ToProto(f, response->add_feeds());
    return absl::OkStatus();
  });
}

grpc::Status ReportingHandler::RebuildReadModels(
    grpc::ServerContext*, const v1::RebuildReadModelsRequest* request,
    v1::RebuildReadModelsResponse* response) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::vector<FeedStatus> feeds,
                        reports_.Rebuild(request->confirm()));
    for (const FeedStatus& f : feeds) ToProto(f, response->add_feeds());
    return absl::OkStatus();
  });
}

}  // namespace partnerhub::reporting
