// The campaign service's domain events (domain/events.h) as
// partnerhub.events.v1.Event (events.proto): what it publishes on its feed,
// "campaign". The payload is the resource after the change, converted as the
// API returns it (convert/convert.h).
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_CONVERT_FEED_EVENTS_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_CONVERT_FEED_EVENTS_H_

#include <vector>

#include "partnerhub/events/v1/events.pb.h"
#include "services/campaign/src/domain/events.h"

namespace partnerhub::campaign {

// The feed's name.
inline constexpr char kFeedName[] = "campaign";

// Appends the feed event of `event` to `out`, with event_time set
// (position and feed are the outbox's).
void AppendFeedEvents(const DomainEvent& event,
                      std::vector<events::v1::Event>& out);

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_CONVERT_FEED_EVENTS_H_
