// The funnel is moved off the recording path: a change that stores
// touchpoints publishes them (PublishTouchpoints), and the funnel projector
// (funnel_projector.h), following this service's own feed, moves the stored
// funnel with them (MoveFunnel) and publishes the stages reached for the
// first time (see AdvanceFunnel in rules.h for what "first" means).
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_FUNNEL_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_FUNNEL_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/customer_experience/src/domain/store.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience {

// Publishes the touchpoints of `recorded` (in order) as one
// TouchpointsRecorded; nothing when it is empty. `recorded`: touchpoints
// stored by this transaction (not duplicates); `now`: the event time.
void PublishTouchpoints(CxTx& tx,
                        const std::vector<const Touchpoint*>& recorded,
                        absl::Time now);

// Feed events the funnel projector may trail by before touchpoint
// ingestion is refused, unless configured otherwise (--funnel_max_lag):
// 10,000 TouchpointsRecorded events, up to 10M touchpoints, a few minutes
// of the projector's work.
inline constexpr int64_t kDefaultFunnelMaxLag = 10000;

// What the RetryInfo of a refusal by CheckFunnelLag asks a caller to wait
// at least: a few steps of the projector (it polls every 200 ms).
inline constexpr absl::Duration kFunnelLagRetryDelay = absl::Seconds(1);

// RESOURCE_EXHAUSTED, reason FUNNEL_LAG_LIMIT_REACHED, when the funnel
// projector is `max_lag` feed events or more behind (0: no limit), so that
// a sustained overload of ingestion cannot leave the stored funnel ever
// further behind; callers retry with backoff (recording is idempotent by
// event id): the error has a RetryInfo of kFunnelLagRetryDelay and the lag
// and the limit in its metadata ("lag", "max_lag").
absl::Status CheckFunnelLag(CxTx& tx, int64_t max_lag);

// Locks the funnel rows of the customers of `touchpoints`, merges what they
// contribute (overall and per partner) and publishes the first reaches as
// one FunnelStagesReached. `touchpoints`: recorded touchpoints, customer_key
// set, each applied once; `now`: the event time.
absl::Status MoveFunnel(CxTx& tx,
                        const std::vector<const Touchpoint*>& touchpoints,
                        absl::Time now);

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_FUNNEL_H_
