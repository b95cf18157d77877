// Domain changes as partnerhub.events.v1.Event (events.proto): what the
// campaign service publishes on its feed, "campaign". The payload is the
// resource after the change, converted as the API returns it
// (handler/convert).
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_EVENTS_EVENT_BUILDER_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_EVENTS_EVENT_BUILDER_H_

#include <cstdint>

#include "absl/time/time.h"
#include "partnerhub/events/v1/events.pb.h"
#include "services/campaign/src/domain/types.h"

namespace partnerhub::campaign {

// The feed's name.
inline constexpr char kFeedName[] = "campaign";

namespace ev = ::partnerhub::events::v1;

// `now` is the change's time (event_time).
ev::Event CampaignEvent(ev::CampaignChanged::Change change,
                        const Campaign& campaign, absl::Time now);
ev::Event OfferEvent(ev::OfferChanged::Change change, const Offer& offer,
                     absl::Time now);
// A committed chunk of an issuance: `issuance` after it, `issued_in_chunk`
// codes in it.
ev::Event CodeIssuanceEvent(const CodeIssuance& issuance,
                            int64_t issued_in_chunk, absl::Time now);
ev::Event RedemptionEvent(ev::RedemptionChanged::Change change,
                          const Redemption& redemption, absl::Time now);

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_EVENTS_EVENT_BUILDER_H_
