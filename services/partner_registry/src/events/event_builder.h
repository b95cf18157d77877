// Domain changes as partnerhub.events.v1.Event (events.proto): what the
// partner registry publishes on its feed, "partner-registry". The payload
// is the resource after the change, converted as the API returns it
// (handler/convert). Contacts publish nothing: the personal data of named
// people stays in the registry.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_EVENTS_EVENT_BUILDER_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_EVENTS_EVENT_BUILDER_H_

#include "absl/time/time.h"
#include "partnerhub/events/v1/events.pb.h"
#include "services/partner_registry/src/domain/types.h"

namespace partnerhub::partner_registry {

// The feed's name.
inline constexpr char kFeedName[] = "partner-registry";

namespace ev = ::partnerhub::events::v1;

// `now` is the change's time (event_time).
ev::Event PartnerEvent(ev::PartnerChanged::Change change,
                       const Partner& partner, absl::Time now);
// Agreement.in_force is as of `now`.
ev::Event AgreementEvent(ev::AgreementChanged::Change change,
                         const Agreement& agreement, absl::Time now);
ev::Event SalesActivityEvent(ev::SalesActivityChanged::Change change,
                             const SalesActivity& activity, absl::Time now);

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_EVENTS_EVENT_BUILDER_H_
