// Domain events (domain/events.h) as partnerhub.events.v1.Event
// (events.proto): what the partner registry publishes on its feed,
// "partner-registry". The payload is the resource after the change,
// converted as the API returns it (convert/convert.h).
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_CONVERT_FEED_EVENTS_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_CONVERT_FEED_EVENTS_H_

#include <vector>

#include "partnerhub/events/v1/events.pb.h"
#include "services/partner_registry/src/domain/events.h"

namespace partnerhub::partner_registry {

// The feed's name.
inline constexpr char kFeedName[] = "partner-registry";

// Appends the feed event of `event` to `out`, with event_time set
// (position and feed are the outbox's).
void AppendFeedEvents(const DomainEvent& event,
                      std::vector<events::v1::Event>& out);

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_CONVERT_FEED_EVENTS_H_
