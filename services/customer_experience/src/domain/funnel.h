// Moving the stored funnel with newly recorded touchpoints, inside the
// transaction that stored them, and publishing the stages reached for the
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
// TouchpointsRecorded, then locks the funnel rows of their customers, merges
// what they contribute (overall and per partner) and publishes the first
// reaches as one FunnelStagesReached. `recorded`: touchpoints stored by this
// transaction (not duplicates), customer_key set; `now`: the event time.
absl::Status PublishAndAdvanceFunnel(
    CxTx& tx, const std::vector<const Touchpoint*>& recorded, absl::Time now);

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_FUNNEL_H_
