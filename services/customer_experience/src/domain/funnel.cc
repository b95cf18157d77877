#include "services/customer_experience/src/domain/funnel.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/domain/errors.h"
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {

void PublishTouchpoints(CxTx& tx,
                        const std::vector<const Touchpoint*>& recorded,
                        absl::Time now) {
  if (recorded.empty()) return;
  TouchpointsRecorded touchpoints;
  touchpoints.touchpoints.reserve(recorded.size());
  for (const Touchpoint* t : recorded) touchpoints.touchpoints.push_back(*t);
  tx.Publish({now, std::move(touchpoints)});
}

absl::Status CheckFunnelLag(CxTx& tx, int64_t max_lag) {
  if (max_lag <= 0) return absl::OkStatus();
  PH_ASSIGN_OR_RETURN(const int64_t lag, tx.FunnelLag());
  if (lag < max_lag) return absl::OkStatus();
  return RetryableError(
      absl::StatusCode::kResourceExhausted, reason::kFunnelLagLimitReached,
      absl::StrCat("the funnel projector is ", lag,
                   " feed events behind (the limit is ", max_lag,
                   "); these events were not recorded: retry them with "
                   "backoff"),
      kFunnelLagRetryDelay,
      {{"lag", absl::StrCat(lag)}, {"max_lag", absl::StrCat(max_lag)}});
}

absl::Status MoveFunnel(CxTx& tx,
                        const std::vector<const Touchpoint*>& touchpoints,
                        absl::Time now) {
  const std::vector<int64_t> customers = FunnelCustomers(touchpoints);
  if (customers.empty()) return absl::OkStatus();
  PH_ASSIGN_OR_RETURN(auto stored_overall, tx.LockFunnel(customers));
  const std::vector<PartnerKey> pairs = FunnelPartners(touchpoints);
  absl::flat_hash_map<PartnerKey, StageTimes> stored_partners;
  if (!pairs.empty()) {
    PH_ASSIGN_OR_RETURN(stored_partners, tx.PartnerFunnel(pairs));
  }
  FunnelAdvance advance =
      AdvanceFunnel(touchpoints, stored_overall, stored_partners);
  if (!advance.overall.empty()) {
    PH_RETURN_IF_ERROR(tx.MergeFunnel(advance.overall));
  }
  if (!advance.partners.empty()) {
    PH_RETURN_IF_ERROR(tx.MergePartnerFunnel(advance.partners));
  }
  if (advance.reaches.empty()) return absl::OkStatus();
  FunnelStagesReached reached;
  reached.reaches.reserve(advance.reaches.size());
  for (StageReach& r : advance.reaches) {
    if (r.at_stored_purchase) {
      PH_ASSIGN_OR_RETURN(
          r.campaign_id,
          tx.PurchaseCampaignAt(r.customer_key, r.partner_id, r.reach_time));
    }
    reached.reaches.push_back({.customer_id = std::move(r.customer_id),
                               .partner_id = r.partner_id,
                               .campaign_id = r.campaign_id,
                               .stage = r.stage,
                               .reach_time = r.reach_time});
  }
  tx.Publish({now, std::move(reached)});
  return absl::OkStatus();
}

}  // namespace partnerhub::customer_experience
