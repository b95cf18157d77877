#include "services/campaign/src/convert/feed_events.h"

#include <type_traits>
#include <variant>

#include "common/grpc/proto_convert.h"
#include "services/campaign/src/convert/convert.h"

namespace partnerhub::campaign {
namespace {

namespace ev = ::partnerhub::events::v1;

// A domain Change as the proto's (the same numbers).
template <typename Proto, typename Domain>
Proto ChangeToProto(Domain change) {
  return static_cast<Proto>(static_cast<int>(change));
}

void SetPayload(const CampaignChanged& e, ev::Event& event) {
  ev::CampaignChanged* payload = event.mutable_campaign_changed();
  payload->set_change(ChangeToProto<ev::CampaignChanged::Change>(e.change));
  *payload->mutable_campaign() = ToProto(e.campaign);
}

void SetPayload(const OfferChanged& e, ev::Event& event) {
  ev::OfferChanged* payload = event.mutable_offer_changed();
  payload->set_change(ChangeToProto<ev::OfferChanged::Change>(e.change));
  *payload->mutable_offer() = ToProto(e.offer);
}

void SetPayload(const CodeIssuanceChanged& e, ev::Event& event) {
  ev::CodeIssuanceChanged* payload = event.mutable_code_issuance_changed();
  *payload->mutable_issuance() = ToProto(e.issuance);
  payload->set_issued_in_chunk(e.issued_in_chunk);
}

void SetPayload(const RedemptionChanged& e, ev::Event& event) {
  ev::RedemptionChanged* payload = event.mutable_redemption_changed();
  payload->set_change(ChangeToProto<ev::RedemptionChanged::Change>(e.change));
  *payload->mutable_redemption() = ToProto(e.redemption);
}

ev::Event ToFeedEvent(const DomainEvent& event) {
  ev::Event out;
  *out.mutable_event_time() = ToProtoTime(event.time);
  std::visit([&](const auto& payload) { SetPayload(payload, out); },
             event.payload);
  return out;
}

}  // namespace

void AppendFeedEvents(const DomainEvent& event, std::vector<ev::Event>& out) {
  out.push_back(ToFeedEvent(event));
}

}  // namespace partnerhub::campaign
