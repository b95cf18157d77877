#include "services/reporting/src/domain/reports.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/reporting/src/domain/errors.h"

namespace partnerhub::reporting {

void CampaignFigures::Add(const CampaignFigures& o) {
  redemptions += o.redemptions;
  voids += o.voids;
  discount += o.discount;
  partner_cost += o.partner_cost;
  platform_cost += o.platform_cost;
  codes_issued += o.codes_issued;
  orders += o.orders;
  gmv += o.gmv;
  refunds += o.refunds;
  new_customer_orders += o.new_customer_orders;
  returning_customer_orders += o.returning_customer_orders;
}

absl::Status CheckName(absl::string_view field, absl::string_view name,
                       absl::string_view collection) {
  if (name.empty()) return InvalidField(field, "is required");
  const std::string prefix = absl::StrCat(collection, "/");
  if (!absl::StartsWith(name, prefix) || name.size() == prefix.size() ||
      name.size() - prefix.size() > 64 ||
      absl::StrContains(name.substr(prefix.size()), "/")) {
    return InvalidField(field, absl::StrCat("must be \"", collection,
                                            "/{id}\", got \"", name, "\""));
  }
  return absl::OkStatus();
}

bool IsRegionCode(absl::string_view code) {
  if (code.size() < 4 || code.size() > 6 || code[2] != '-') return false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (i == 2) continue;
    const bool upper = c >= 'A' && c <= 'Z';
    const bool digit = c >= '0' && c <= '9';
    if (i < 2 ? !upper : !(upper || digit)) return false;
  }
  return true;
}

absl::Status Reports::RetryIfBehind(absl::Status status,
                                    absl::string_view feed) {
  if (status.code() != absl::StatusCode::kNotFound) return status;
  absl::StatusOr<std::vector<FeedStatus>> feeds = GetFeedStatus();
  if (!feeds.ok()) return status;
  for (const FeedStatus& f : *feeds) {
    if (f.stored.feed == feed && f.lag > 0) {
      return WithRetryDelay(std::move(status), kCatchUpRetryDelay);
    }
  }
  return status;
}

absl::StatusOr<CampaignInfo> Reports::KnownCampaign(
    const std::string& campaign) {
  absl::StatusOr<CampaignInfo> info = store_.GetCampaign(campaign);
  // kFeeds[1]: the campaign feed.
  if (!info.ok()) return RetryIfBehind(info.status(), kFeeds[1]);
  return info;
}

absl::StatusOr<std::string> Reports::KnownPartnerName(
    const std::string& partner) {
  absl::StatusOr<std::string> name = store_.PartnerDisplayName(partner);
  // kFeeds[0]: the partner-registry feed.
  if (!name.ok()) return RetryIfBehind(name.status(), kFeeds[0]);
  return name;
}

absl::StatusOr<CampaignPerformance> Reports::GetCampaignPerformance(
    const std::string& campaign, const DateArg& start, const DateArg& end) {
  FieldErrors errors;
  errors.Add(CheckName("campaign", campaign, "campaigns"));
  absl::StatusOr<std::optional<Period>> checked =
      CheckPeriod(start, end, /*required=*/false);
  errors.Add(checked.status());
  PH_RETURN_IF_ERROR(errors.Result());
  const std::optional<Period> period = *checked;
  CampaignPerformance out;
  PH_ASSIGN_OR_RETURN(out.campaign, KnownCampaign(campaign));
  PH_ASSIGN_OR_RETURN(out.days, store_.CampaignDays(campaign, period));
  for (const CampaignDay& d : out.days) out.totals.Add(d.figures);
  if (period.has_value()) {
    out.period = *period;
  } else if (!out.days.empty()) {
    out.period = {DayFromKey(out.days.front().day),
                  DayFromKey(out.days.back().day)};
  } else {
    const absl::CivilDay today = KstDayOf(clock_.Now());
    out.period = {today, today};
  }
  PH_ASSIGN_OR_RETURN(out.budget_used, store_.CampaignDiscount(campaign));
  return out;
}

absl::StatusOr<PromotionLift> Reports::GetPromotionLift(
    const std::string& campaign) {
  PH_RETURN_IF_ERROR(CheckName("campaign", campaign, "campaigns"));
  PH_ASSIGN_OR_RETURN(CampaignInfo info, KnownCampaign(campaign));
  PH_ASSIGN_OR_RETURN(std::optional<LiftData> data, store_.GetLift(campaign));
  if (!data.has_value()) {
    if (info.segment_snapshot.empty()) {
      return FailedPrecondition(
          reason::kNoTargetSnapshot, campaign,
          absl::StrCat(campaign,
                       " has no target segment_snapshot: a lift needs one"));
    }
    if (!info.start_time.has_value() || !info.end_time.has_value() ||
        *info.end_time <= *info.start_time) {
      return FailedPrecondition(
          reason::kNoCampaignWindow, campaign,
          absl::StrCat(campaign,
                       " has no window (start_time before end_time): a lift "
                       "needs one"));
    }
    // The snapshot's members are on their way (customer-experience feed).
    return WithRetryDelay(
        FailedPrecondition(
            reason::kSnapshotNotReceived, info.segment_snapshot,
            absl::StrCat("the members of ", info.segment_snapshot,
                         " (target of ", campaign,
                         ") have not all been received yet; see "
                         "GetFeedStatus")),
        kCatchUpRetryDelay);
  }
  PromotionLift out;
  out.campaign = campaign;
  out.data = *std::move(data);
  out.rest_control = out.data.holdout_bps == 0;
  out.control_customers =
      out.rest_control ? std::max<int64_t>(0, out.data.known_customers -
                                                  out.data.treated_customers)
                       : out.data.holdout_customers;
  const auto& t = out.data.figures[kTreated - 1];
  const auto& c = out.data.figures[kControl - 1];
  out.did_during =
      DifferenceInDifferences(t[0], t[1], out.data.treated_customers, c[0],
                              c[1], out.control_customers);
  out.did_after =
      DifferenceInDifferences(t[0], t[2], out.data.treated_customers, c[0],
                              c[2], out.control_customers);
  out.complete = clock_.Now() >= out.data.window.after_end();
  return out;
}

absl::StatusOr<PurchasePatterns> Reports::GetPurchasePatterns(
    const DateArg& start, const DateArg& end, const PatternFilter& filter,
    int top_n) {
  FieldErrors errors;
  absl::StatusOr<std::optional<Period>> period =
      CheckPeriod(start, end, /*required=*/true);
  errors.Add(period.status());
  if (top_n < 1 || top_n > 100) {
    errors.Add("top_n", absl::StrCat("must be 1 to 100, got ", top_n));
  }
  if (filter.region.has_value() && !IsRegionCode(*filter.region)) {
    errors.Add("region",
               absl::StrCat("must be an ISO 3166-2 code like \"KR-11\", got \"",
                            *filter.region, "\""));
  }
  if (filter.age_band.has_value() &&
      (*filter.age_band < 0 || *filter.age_band > kMaxAgeBand)) {
    errors.Add("age_band",
               absl::StrCat(*filter.age_band, " is not a known value"));
  }
  if (filter.gender.has_value() &&
      (*filter.gender < 0 || *filter.gender > kMaxGender)) {
    errors.Add("gender", absl::StrCat(*filter.gender, " is not a known value"));
  }
  PH_RETURN_IF_ERROR(errors.Result());
  return store_.Patterns(**period, filter, top_n);
}

absl::StatusOr<StageCounts> Reports::GetFunnel(const std::string& partner,
                                               const std::string& campaign,
                                               const DateArg& start,
                                               const DateArg& end) {
  FieldErrors errors;
  if (partner.empty() && campaign.empty()) {
    errors.Add("partner", "or campaign is required (at least one)");
  }
  if (!partner.empty()) errors.Add(CheckName("partner", partner, "partners"));
  if (!campaign.empty()) {
    errors.Add(CheckName("campaign", campaign, "campaigns"));
  }
  absl::StatusOr<std::optional<Period>> period =
      CheckPeriod(start, end, /*required=*/true);
  errors.Add(period.status());
  PH_RETURN_IF_ERROR(errors.Result());
  return store_.Funnel(partner, campaign, **period);
}

PartnerScorecard BuildScorecard(std::string partner, std::string display_name,
                                std::optional<AgreementInfo> agreement,
                                Period period, PartnerFigures figures) {
  PartnerScorecard out;
  out.partner = std::move(partner);
  out.display_name = std::move(display_name);
  out.period = period;
  out.figures = figures;
  out.repeat_rate_bps = Bps(figures.repeat_buyers, figures.buyers);
  out.redemption_rate_bps = Bps(figures.redemptions, figures.codes_issued);
  out.agreement = std::move(agreement);
  out.all_kpis_met = out.agreement.has_value();
  if (out.agreement.has_value()) {
    const AgreementInfo& a = *out.agreement;
    const std::pair<Kpi, std::pair<int64_t, int64_t>> kpis[] = {
        {Kpi::kNewCustomers, {a.target_new_customers, figures.new_customers}},
        {Kpi::kGmv, {a.target_gmv, figures.gmv}},
        {Kpi::kOrders, {a.target_orders, figures.orders}},
        {Kpi::kRepeatRate, {a.target_repeat_rate_bps, out.repeat_rate_bps}},
        {Kpi::kRedemptionRate,
         {a.target_redemption_rate_bps, out.redemption_rate_bps}},
    };
    for (const auto& [kpi, v] : kpis) {
      KpiResult r{kpi, v.first, v.second, v.second >= v.first};
      out.all_kpis_met = out.all_kpis_met && r.met;
      out.kpis.push_back(r);
    }
  }
  return out;
}

absl::StatusOr<PartnerScorecard> Reports::GetPartnerScorecard(
    const std::string& partner, const DateArg& start, const DateArg& end) {
  FieldErrors errors;
  errors.Add(CheckName("partner", partner, "partners"));
  absl::StatusOr<std::optional<Period>> checked =
      CheckPeriod(start, end, /*required=*/false);
  errors.Add(checked.status());
  PH_RETURN_IF_ERROR(errors.Result());
  std::optional<Period> period = *checked;
  PH_ASSIGN_OR_RETURN(std::string display_name, KnownPartnerName(partner));
  std::optional<AgreementInfo> agreement;
  if (period.has_value()) {
    PH_ASSIGN_OR_RETURN(agreement,
                        store_.AgreementInForce(partner, period->end_key()));
  } else {
    PH_ASSIGN_OR_RETURN(
        agreement, store_.AgreementInForce(partner, DayKeyOf(clock_.Now())));
    if (!agreement.has_value()) {
      return FailedPrecondition(
          reason::kNoAgreementInForce, partner,
          absl::StrCat(partner,
                       " has no SIGNED agreement in force today: give "
                       "start_date and end_date"));
    }
    period = Period{DayFromKey(agreement->start_day),
                    DayFromKey(agreement->end_day)};
  }
  PH_ASSIGN_OR_RETURN(PartnerFigures figures,
                      store_.PartnerFiguresOver(partner, *period));
  return BuildScorecard(partner, std::move(display_name), std::move(agreement),
                        *period, figures);
}

absl::StatusOr<std::vector<FeedStatus>> Reports::GetFeedStatus() {
  PH_ASSIGN_OR_RETURN(std::vector<StoredPosition> stored, store_.Positions());
  std::vector<LocalFeedState> local =
      local_ ? local_() : std::vector<LocalFeedState>();
  std::vector<FeedStatus> out;
  for (size_t i = 0; i < std::size(kFeeds); ++i) {
    FeedStatus s;
    s.stored.feed = kFeeds[i];
    for (const StoredPosition& p : stored) {
      if (p.feed == kFeeds[i]) s.stored = p;
    }
    if (i < local.size()) s.local = local[i];
    s.head_position = std::max(s.stored.head_position, s.local.head_position);
    s.head_position = std::max(s.head_position, s.stored.position);
    s.lag = s.head_position - s.stored.position;
    out.push_back(std::move(s));
  }
  return out;
}

absl::StatusOr<std::vector<FeedStatus>> Reports::Rebuild(bool confirm) {
  if (!confirm) {
    return InvalidField("confirm",
                        "must be true: a rebuild empties every read model "
                        "until the feeds are replayed");
  }
  PH_RETURN_IF_ERROR(store_.Rebuild());
  return GetFeedStatus();
}

}  // namespace partnerhub::reporting
