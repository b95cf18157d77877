// Domain events (domain/events.h) as partnerhub.events.v1.Event, with the
// service's own proto converters (handler/convert.h). Personal data of
// customers never gets into an event.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_EVENTS_EVENT_BUILDER_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_EVENTS_EVENT_BUILDER_H_

#include "partnerhub/events/v1/events.pb.h"
#include "services/customer_experience/src/domain/events.h"

namespace partnerhub::customer_experience {

// The event with its payload and event_time (position and feed are the
// outbox's).
events::v1::Event BuildEvent(const DomainEvent& event);

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_EVENTS_EVENT_BUILDER_H_
