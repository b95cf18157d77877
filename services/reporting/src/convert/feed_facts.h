// The producers' feed events (partnerhub.events.v1.Event) as reporting's
// facts (domain/facts.h).
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_CONVERT_FEED_FACTS_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_CONVERT_FEED_FACTS_H_

#include <optional>
#include <vector>

#include "partnerhub/events/v1/events.pb.h"
#include "services/reporting/src/domain/facts.h"

namespace partnerhub::reporting {

// The fact of `event`; nullopt for a kind of event reporting does not use.
std::optional<Fact> FactOf(const events::v1::Event& event);

// Consecutive events of one feed as a batch of facts, in the same order.
FactBatch FactsOf(const std::vector<events::v1::Event>& events);

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_CONVERT_FEED_FACTS_H_
