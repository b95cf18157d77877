// The feed's events both ways: domain events (domain/events.h) to
// partnerhub.events.v1.Event, for storage to append to the outbox, with the
// service's proto converters (convert/convert.h); and this service's own
// events back into the domain, for the funnel projector. Personal data of
// customers never gets into an event.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_CONVERT_FEED_EVENTS_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_CONVERT_FEED_EVENTS_H_

#include <vector>

#include "absl/status/status.h"
#include "partnerhub/events/v1/events.pb.h"
#include "services/customer_experience/src/domain/events.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience {

// Appends the event(s) of `event` to `out`, with their payload and
// event_time (position and feed are the outbox's): one event, or for the
// batched payloads (TouchpointsRecorded, FunnelStagesReached) as many as
// the contract's bounds per event need, none for an empty batch.
void AppendFeedEvents(const DomainEvent& event,
                      std::vector<events::v1::Event>& out);

// Appends the touchpoints of a TouchpointsRecorded event that count toward
// a funnel stage (REFUND counts toward none) to `out`, customer_key not
// set; other events append nothing. An error names what does not convert.
absl::Status AppendFunnelTouchpoints(const events::v1::Event& event,
                                     std::vector<Touchpoint>& out);

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_CONVERT_FEED_EVENTS_H_
