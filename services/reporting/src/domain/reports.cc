#include "services/reporting/src/domain/reports.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"

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
  if (name.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
  }
  const std::string prefix = absl::StrCat(collection, "/");
  if (!absl::StartsWith(name, prefix) || name.size() == prefix.size() ||
      name.size() - prefix.size() > 64 ||
      absl::StrContains(name.substr(prefix.size()), "/")) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " must be \"", collection, "/{id}\", got \"", name, "\""));
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

absl::StatusOr<CampaignPerformance> Reports::GetCampaignPerformance(
    const std::string& campaign, std::optional<absl::CivilDay> start,
    std::optional<absl::CivilDay> end) {
  PH_RETURN_IF_ERROR(CheckName("campaign", campaign, "campaigns"));
  PH_ASSIGN_OR_RETURN(std::optional<Period> period,
                      CheckPeriod(start, end, /*required=*/false));
  CampaignPerformance out;
  PH_ASSIGN_OR_RETURN(out.campaign, store_.GetCampaign(campaign));
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
  PH_ASSIGN_OR_RETURN(CampaignInfo info, store_.GetCampaign(campaign));
  PH_ASSIGN_OR_RETURN(std::optional<LiftData> data, store_.GetLift(campaign));
  if (!data.has_value()) {
    if (info.segment_snapshot.empty()) {
      return absl::FailedPreconditionError(absl::StrCat(
          campaign, " has no target segment_snapshot: a lift needs one"));
    }
    return absl::FailedPreconditionError(absl::StrCat(
        "the members of ", info.segment_snapshot, " (target of ", campaign,
        ") have not all been received yet; see GetFeedStatus"));
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
    std::optional<absl::CivilDay> start, std::optional<absl::CivilDay> end,
    const PatternFilter& filter, int top_n) {
  PH_ASSIGN_OR_RETURN(std::optional<Period> period,
                      CheckPeriod(start, end, /*required=*/true));
  if (top_n < 1 || top_n > 100) {
    return absl::InvalidArgumentError(
        absl::StrCat("top_n must be 1 to 100, got ", top_n));
  }
  if (filter.region.has_value() && !IsRegionCode(*filter.region)) {
    return absl::InvalidArgumentError(
        absl::StrCat("region must be an ISO 3166-2 code like \"KR-11\", got \"",
                     *filter.region, "\""));
  }
  return store_.Patterns(*period, filter, top_n);
}

absl::StatusOr<StageCounts> Reports::GetFunnel(
    const std::string& partner, const std::string& campaign,
    std::optional<absl::CivilDay> start, std::optional<absl::CivilDay> end) {
  if (partner.empty() && campaign.empty()) {
    return absl::InvalidArgumentError(
        "partner or campaign is required (at least one)");
  }
  if (!partner.empty()) {
    PH_RETURN_IF_ERROR(CheckName("partner", partner, "partners"));
  }
  if (!campaign.empty()) {
    PH_RETURN_IF_ERROR(CheckName("campaign", campaign, "campaigns"));
  }
  PH_ASSIGN_OR_RETURN(std::optional<Period> period,
                      CheckPeriod(start, end, /*required=*/true));
  return store_.Funnel(partner, campaign, *period);
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
    const std::string& partner, std::optional<absl::CivilDay> start,
    std::optional<absl::CivilDay> end) {
  PH_RETURN_IF_ERROR(CheckName("partner", partner, "partners"));
  PH_ASSIGN_OR_RETURN(std::optional<Period> period,
                      CheckPeriod(start, end, /*required=*/false));
  PH_ASSIGN_OR_RETURN(std::string display_name,
                      store_.PartnerDisplayName(partner));
  std::optional<AgreementInfo> agreement;
  if (period.has_value()) {
    PH_ASSIGN_OR_RETURN(agreement,
                        store_.AgreementInForce(partner, period->end_key()));
  } else {
    PH_ASSIGN_OR_RETURN(
        agreement, store_.AgreementInForce(partner, DayKeyOf(clock_.Now())));
    if (!agreement.has_value()) {
      return absl::FailedPreconditionError(absl::StrCat(
          partner,
          " has no SIGNED agreement in force today: give start_date and "
          "end_date"));
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
    return absl::InvalidArgumentError(
        "confirm must be true: a rebuild empties every read model until the "
        "feeds are replayed");
  }
  PH_RETURN_IF_ERROR(store_.Rebuild());
  return GetFeedStatus();
}

}  // namespace partnerhub::reporting
