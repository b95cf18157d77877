#include "services/customer_experience/src/convert/feed_events.h"

#include <type_traits>

#include "common/grpc/proto_convert.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/convert/convert.h"
#include "services/customer_experience/src/domain/resource_names.h"

namespace partnerhub::customer_experience {
namespace {

namespace ev = ::partnerhub::events::v1;
namespace api = ::partnerhub::customer_experience::v1;

// The bounds of a batched event (TouchpointsRecorded, FunnelStagesReached),
// as the contract states them.
constexpr int kItemsPerEvent = 1000;
constexpr size_t kBytesPerEvent = 512 * 1024;

ev::Event Header(absl::Time time) {
  ev::Event out;
  *out.mutable_event_time() = ToProtoTime(time);
  return out;
}

// Hands out the event each next item of a batched event goes into: the
// last one in `out`, or a new one when that is full.
class Chunker {
 public:
  Chunker(absl::Time time, std::vector<ev::Event>& out)
      : time_(time), out_(out) {}
  // The event for an item of `bytes` bytes.
  ev::Event& For(size_t bytes) {
    if (count_ == 0 || count_ == kItemsPerEvent ||
        bytes_ + bytes > kBytesPerEvent) {
      out_.push_back(Header(time_));
      count_ = 0;
      bytes_ = 0;
    }
    ++count_;
    bytes_ += bytes;
    return out_.back();
  }

 private:
  const absl::Time time_;
  std::vector<ev::Event>& out_;
  int count_ = 0;
  size_t bytes_ = 0;
};

void Fill(const CustomerChanged& e, absl::Time now, ev::Event& out) {
  ev::CustomerChanged* p = out.mutable_customer_changed();
  p->set_change(
      static_cast<ev::CustomerChanged::Change>(static_cast<int>(e.change)));
  // The customer as the API shows it, without personal data (not even
  // masked); the age band as of the change.
  Customer anonymous = e.customer;
  anonymous.personal_data = PersonalData{};
  *p->mutable_customer() = ToProto(anonymous, /*full=*/false, now);
  p->mutable_customer()->clear_personal_data();
}

void Append(const TouchpointsRecorded& e, absl::Time time,
            std::vector<ev::Event>& out) {
  Chunker chunks(time, out);
  for (const Touchpoint& t : e.touchpoints) {
    api::Touchpoint p = ToProto(t);
    *chunks.For(p.ByteSizeLong())
         .mutable_touchpoints_recorded()
         ->add_touchpoints() = std::move(p);
  }
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

void Append(const FunnelStagesReached& e, absl::Time time,
            std::vector<ev::Event>& out) {
  Chunker chunks(time, out);
  for (const FunnelStageReached& r : e.reaches) {
    ev::FunnelStageReached p;
    p.set_customer(CustomerName(r.customer_id));
    p.set_partner(PartnerName(r.partner_id));
    p.set_campaign(CampaignName(r.campaign_id));
    p.set_stage(
        static_cast<api::FunnelProgress::Stage>(static_cast<int>(r.stage)));
    *p.mutable_reach_time() = ToProtoTime(r.reach_time);
    *chunks.For(p.ByteSizeLong())
         .mutable_funnel_stages_reached()
         ->add_reaches() = std::move(p);
  }
}

void Fill(const SegmentSnapshotTaken& e, absl::Time, ev::Event& out) {
  *out.mutable_segment_snapshot_taken()->mutable_snapshot() =
      ToProto(e.snapshot);
}

void Fill(const SegmentSnapshotMembers& e, absl::Time, ev::Event& out) {
  ev::SegmentSnapshotMembers* p = out.mutable_segment_snapshot_members();
  p->set_snapshot(SnapshotName(e.segment_id, e.snapshot_id));
  p->mutable_customers()->Reserve(static_cast<int>(e.customer_ids.size()));
  for (const std::string& id : e.customer_ids)
    p->add_customers(CustomerName(id));
  p->set_last(e.last);
}

// Any other payload is one event.
template <typename Payload>
void Append(const Payload& e, absl::Time time, std::vector<ev::Event>& out) {
  out.push_back(Header(time));
  Fill(e, time, out.back());
}

}  // namespace

void AppendFeedEvents(const DomainEvent& event,
                      std::vector<events::v1::Event>& out) {
  std::visit([&](const auto& payload) { Append(payload, event.time, out); },
             event.payload);
}

absl::Status AppendFunnelTouchpoints(const events::v1::Event& event,
                                     std::vector<Touchpoint>& out) {
  if (!event.has_touchpoints_recorded()) return absl::OkStatus();
  const auto& touchpoints = event.touchpoints_recorded().touchpoints();
  for (int i = 0; i < touchpoints.size(); ++i) {
    if (touchpoints[i].type() ==
        partnerhub::customer_experience::v1::Touchpoint::REFUND) {
      continue;
    }
    PH_ASSIGN_OR_RETURN(
        Touchpoint t,
        FromProto(touchpoints[i],
                  absl::StrCat("touchpoints_recorded.touchpoints[", i, "]")));
    out.push_back(std::move(t));
  }
  return absl::OkStatus();
}

}  // namespace partnerhub::customer_experience
