// Domain events (domain/events.h) as partnerhub.events.v1.Event, with the
// service's own proto converters (handler/convert.h). Personal data of
// customers never gets into an event.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_EVENTS_EVENT_BUILDER_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_EVENTS_EVENT_BUILDER_H_

#include <vector>

#include "partnerhub/events/v1/events.pb.h"
#include "services/customer_experience/src/domain/events.h"

namespace partnerhub::customer_experience {

// Appends the event(s) of `event` to `out`, with their payload and
// event_time (position and feed are the outbox's): one event, or for the
// batched payloads (TouchpointsRecorded, FunnelStagesReached) as many as
// the contract's bounds per event need, none for an empty batch.
void BuildEvents(const DomainEvent& event, std::vector<events::v1::Event>& out);

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_EVENTS_EVENT_BUILDER_H_
