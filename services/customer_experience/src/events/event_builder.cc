#include "services/customer_experience/src/events/event_builder.h"

#include <type_traits>

#include "common/grpc/proto_convert.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/handler/convert.h"

namespace partnerhub::customer_experience {
namespace {

namespace ev = ::partnerhub::events::v1;
namespace api = ::partnerhub::customer_experience::v1;

void Fill(const CustomerChanged& e, absl::Time now, ev::Event& out) {
  ev::CustomerChanged* p = out.mutable_customer_changed();
  p->set_change(static_cast<ev::CustomerChanged::Change>(
      static_cast<int>(e.change)));
  // The customer as the API shows it, without personal data (not even
  // masked); the age band as of the change.
  Customer anonymous = e.customer;
  anonymous.personal_data = PersonalData{};
  *p->mutable_customer() = ToProto(anonymous, /*full=*/false, now);
  p->mutable_customer()->clear_personal_data();
}

void Fill(const TouchpointRecorded& e, absl::Time, ev::Event& out) {
  *out.mutable_touchpoint_recorded()->mutable_touchpoint() =
      ToProto(e.touchpoint);
}

void Fill(const PurchaseRecorded& e, absl::Time, ev::Event& out) {
  *out.mutable_purchase_recorded()->mutable_purchase() = ToProto(e.purchase);
}

void Fill(const PurchaseRefunded& e, absl::Time, ev::Event& out) {
  ev::PurchaseRefunded* p = out.mutable_purchase_refunded();
  *p->mutable_purchase() = ToProto(e.purchase);
  // The refund as it appears in the purchase.
  for (const api::Refund& r : p->purchase().refunds()) {
    if (r.name() == RefundName(e.purchase.purchase_id, e.refund.id)) {
      *p->mutable_refund() = r;
      break;
    }
  }
}

void Fill(const FunnelStageReached& e, absl::Time, ev::Event& out) {
  ev::FunnelStageReached* p = out.mutable_funnel_stage_reached();
  p->set_customer(CustomerName(e.customer_id));
  p->set_partner(PartnerName(e.partner_id));
  p->set_campaign(CampaignName(e.campaign_id));
  p->set_stage(
      static_cast<api::FunnelProgress::Stage>(static_cast<int>(e.stage)));
  *p->mutable_reach_time() = ToProtoTime(e.reach_time);
}

void Fill(const SegmentSnapshotTaken& e, absl::Time, ev::Event& out) {
  *out.mutable_segment_snapshot_taken()->mutable_snapshot() =
      ToProto(e.snapshot);
}

void Fill(const SegmentSnapshotMembers& e, absl::Time, ev::Event& out) {
  ev::SegmentSnapshotMembers* p = out.mutable_segment_snapshot_members();
  p->set_snapshot(SnapshotName(e.segment_id, e.snapshot_id));
  p->mutable_customers()->Reserve(static_cast<int>(e.customer_ids.size()));
  for (const std::string& id : e.customer_ids) p->add_customers(CustomerName(id));
  p->set_last(e.last);
}

}  // namespace

events::v1::Event BuildEvent(const DomainEvent& event) {
  ev::Event out;
  *out.mutable_event_time() = ToProtoTime(event.time);
  std::visit([&](const auto& payload) { Fill(payload, event.time, out); },
             event.payload);
  return out;
}

}  // namespace partnerhub::customer_experience
