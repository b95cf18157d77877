#include "services/campaign/src/events/event_builder.h"

#include "common/grpc/proto_convert.h"
#include "services/campaign/src/handler/convert.h"

namespace partnerhub::campaign {
namespace {

ev::Event At(absl::Time now) {
  ev::Event event;
  *event.mutable_event_time() = ToProtoTime(now);
  return event;
}

}  // namespace

ev::Event CampaignEvent(ev::CampaignChanged::Change change,
                        const Campaign& campaign, absl::Time now) {
  ev::Event event = At(now);
  ev::CampaignChanged* payload = event.mutable_campaign_changed();
  payload->set_change(change);
  *payload->mutable_campaign() = ToProto(campaign);
  return event;
}

ev::Event OfferEvent(ev::OfferChanged::Change change, const Offer& offer,
                     absl::Time now) {
  ev::Event event = At(now);
  ev::OfferChanged* payload = event.mutable_offer_changed();
  payload->set_change(change);
  *payload->mutable_offer() = ToProto(offer);
  return event;
}

ev::Event CodeIssuanceEvent(const CodeIssuance& issuance,
                            int64_t issued_in_chunk, absl::Time now) {
  ev::Event event = At(now);
  ev::CodeIssuanceChanged* payload = event.mutable_code_issuance_changed();
  *payload->mutable_issuance() = ToProto(issuance);
  payload->set_issued_in_chunk(issued_in_chunk);
  return event;
}

ev::Event RedemptionEvent(ev::RedemptionChanged::Change change,
                          const Redemption& redemption, absl::Time now) {
  ev::Event event = At(now);
  ev::RedemptionChanged* payload = event.mutable_redemption_changed();
  payload->set_change(change);
  *payload->mutable_redemption() = ToProto(redemption);
  return event;
}

}  // namespace partnerhub::campaign
