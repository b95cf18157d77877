// The domain events customer-experience publishes on its feed, as plain
// values. A use case publishes them into its transaction (CxTx::Publish);
// storage appends them to the outbox in the same transaction, converted to
// partnerhub.events.v1.Event by src/convert/feed_events.h.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_EVENTS_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_EVENTS_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/time/time.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience {

// Customers per SegmentSnapshotMembers event (the contract's maximum).
inline constexpr int kSnapshotMembersPerEvent = 5000;

// A customer was registered or changed. The customer after the change; its
// personal data is never published (the builder drops it).
struct CustomerChanged {
  enum class Change {
    kCreated = 1,
    kUpdated = 2,
    kConsentChanged = 3,
    kPersonalDataErased = 4,
  };
  Change change = Change::kUpdated;
  Customer customer;
};

// Touchpoints a change stored (each the first time its event id was seen),
// in request order; the builder splits them into events of bounded size.
struct TouchpointsRecorded {
  std::vector<Touchpoint> touchpoints;
};

struct PurchaseRecorded {
  Purchase purchase;
};

// The purchase after the refund, and the refund.
struct PurchaseRefunded {
  Purchase purchase;
  Refund refund;
};

// A customer reached a funnel stage for the first time, overall
// (partner_id 0) or with a partner.
struct FunnelStageReached {
  std::string customer_id;
  int64_t partner_id = 0;
  // Of the touchpoint that reached it; 0 for none.
  int64_t campaign_id = 0;
  FunnelStage stage = FunnelStage::kNone;
  absl::Time reach_time;
};

// The first reaches a change caused; split like TouchpointsRecorded.
struct FunnelStagesReached {
  std::vector<FunnelStageReached> reaches;
};

struct SegmentSnapshotTaken {
  SegmentSnapshot snapshot;
};

// A chunk of a snapshot's members (customer ids, ascending).
struct SegmentSnapshotMembers {
  int64_t segment_id = 0;
  int64_t snapshot_id = 0;
  std::vector<std::string> customer_ids;
  bool last = false;
};

struct DomainEvent {
  // When the change was made (the use case's `now`).
  absl::Time time;
  std::variant<CustomerChanged, TouchpointsRecorded, PurchaseRecorded,
               PurchaseRefunded, FunnelStagesReached, SegmentSnapshotTaken,
               SegmentSnapshotMembers>
      payload;
};

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_EVENTS_H_
