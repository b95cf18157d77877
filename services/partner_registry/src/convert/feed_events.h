// Domain events (domain/events.h) as partnerhub.events.v1.Event
// (events.proto): what the partner registry publishes on its feed,
// "partner-registry". The payload is the resource after the change,
// converted as the API returns it (convert/convert.h).
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_CONVERT_FEED_EVENTS_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_CONVERT_FEED_EVENTS_H_

#include "partnerhub/events/v1/events.pb.h"
#include "services/partner_registry/src/domain/events.h"

namespace partnerhub::partner_registry {

// The feed's name.
inline constexpr char kFeedName[] = "partner-registry";

// The feed event of `event`, with event_time set (position and feed are
// the outbox's).
events::v1::Event ToFeedEvent(const DomainEvent& event);

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_CONVERT_FEED_EVENTS_H_
