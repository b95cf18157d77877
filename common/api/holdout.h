// Holdout assignment: which customers a campaign leaves out on purpose, so
// that reporting can compare them with the ones it targeted. Campaign
// applies it when issuing coupons to a segment and reporting applies it
// again to the feed; both call this one function, so they always agree.
#ifndef PARTNERHUB_COMMON_API_HOLDOUT_H_
#define PARTNERHUB_COMMON_API_HOLDOUT_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace partnerhub {

// Whether `customer` ("customers/{c}") is in the holdout of campaign
// `campaign` ("campaigns/{k}"): Fingerprint("campaign|customer") (FNV-1a-64)
// modulo 10000, below `holdout_bps`. Deterministic across processes and
// releases; the formula of partnerhub.campaign.v1.Campaign.holdout_bps.
bool IsHoldout(absl::string_view campaign, absl::string_view customer,
               int32_t holdout_bps);

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_API_HOLDOUT_H_
