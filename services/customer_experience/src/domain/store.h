// What the customer-experience domain needs from storage: typed operations
// inside one transaction (CxTx), and a way to run a unit of work as a
// transaction (CxStore). The MySQL implementation is in storage/.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_STORE_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/api/idempotency.h"
#include "common/api/list_request.h"
#include "common/api/pagination.h"
#include "common/api/request_key.h"
#include "services/customer_experience/src/domain/events.h"
#include "services/customer_experience/src/domain/rules.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience {

// Touchpoints read back from the feed, for the funnel projector.
struct FeedTouchpoints {
  std::vector<Touchpoint> touchpoints;
  int64_t last_position = 0;
};

// Operations inside one transaction. Lock* read a row FOR UPDATE, so a
// check and the change it guards are atomic. Update* write the row only if
// its stored version is one less than the given one, ABORTED otherwise.
// Get/Lock give NOT_FOUND naming the resource when it is absent.
// A RequestLedger: request_id bookkeeping (common/api/idempotency.h).
class CxTx : public RequestLedger {
 public:
  // Adds a domain event to the transaction's feed: it is appended to the
  // outbox when (and only if) the transaction commits, after every other
  // write of it, in the order published. Only inside CxStore::Transact.
  virtual void Publish(DomainEvent event) = 0;

  // Customers (with personal data and overall funnel stage).
  // ALREADY_EXISTS when the customer id is taken. Returns the key.
  virtual absl::StatusOr<int64_t> InsertCustomer(const Customer& customer) = 0;
  virtual absl::StatusOr<Customer> GetCustomer(
      const std::string& customer_id) = 0;
  virtual absl::StatusOr<Customer> LockCustomer(
      const std::string& customer_id) = 0;
  // Writes the profile columns, consent and erase time (not personal data).
  virtual absl::Status UpdateCustomer(const Customer& customer) = 0;
  // Replaces the personal data row; an empty `data` deletes it.
  virtual absl::Status WritePersonalData(int64_t customer_key,
                                         const PersonalData& data) = 0;
  // `now` resolves the age_band filter.
  virtual absl::StatusOr<Slice<Customer>> ListCustomers(const ListQuery& query,
                                                        absl::Time now) = 0;
  // The keys of those of `customer_ids` that exist.
  virtual absl::StatusOr<absl::flat_hash_map<std::string, int64_t>>
  CustomerKeys(const std::vector<std::string>& customer_ids) = 0;

  virtual absl::Status InsertConsentChange(const ConsentChange& change) = 0;
  // Newest first.
  virtual absl::StatusOr<Slice<ConsentChange>> ListConsentChanges(
      const Customer& customer, const ListQuery& query) = 0;

  // Touchpoints (customer_key set). Inserts those whose (customer, event
  // id) is new; returns, per row, whether it was inserted (false: stored
  // before).
  virtual absl::StatusOr<std::vector<bool>> InsertTouchpoints(
      const std::vector<const Touchpoint*>& touchpoints) = 0;
  virtual absl::StatusOr<Touchpoint> GetTouchpoint(
      const Customer& customer, const std::string& event_id) = 0;
  // Newest occur_time first.
  virtual absl::StatusOr<Slice<Touchpoint>> ListJourney(
      const Customer& customer, const ListQuery& query) = 0;

  // Funnel: merges deltas into the stored overall rows (MergeFunnel in
  // rules.h).
  virtual absl::Status MergeFunnel(const std::vector<FunnelDelta>& deltas) = 0;
  // Locks the overall funnel rows of `customer_keys` (sorted, distinct;
  // rows are created empty where missing) and returns what they hold:
  // while a transaction holds a customer's row, no other changes the
  // customer's funnel, overall or with a partner.
  virtual absl::StatusOr<absl::flat_hash_map<int64_t, StageTimes>> LockFunnel(
      const std::vector<int64_t>& customer_keys) = 0;
  // The stored progress of (customer, partner) pairs (sorted, distinct);
  // absent pairs have reached nothing. Read under LockFunnel.
  virtual absl::StatusOr<absl::flat_hash_map<PartnerKey, StageTimes>>
  PartnerFunnel(const std::vector<PartnerKey>& pairs) = 0;
  // Merges deltas into the rows per (customer, partner), as MergeFunnel.
  virtual absl::Status MergePartnerFunnel(
      const std::vector<PartnerFunnelDelta>& deltas) = 0;
  // The campaign (0 for none) of the customer's stored PURCHASE touchpoint
  // at `occur_time` (with `partner_id` unless 0); 0 when there is none.
  virtual absl::StatusOr<int64_t> PurchaseCampaignAt(int64_t customer_key,
                                                     int64_t partner_id,
                                                     absl::Time occur_time) = 0;
  // A customer's touchpoints: type, partner_id and occur_time only.
  virtual absl::StatusOr<std::vector<Touchpoint>> FunnelTouchpoints(
      int64_t customer_key) = 0;
  // The funnel projector's place on this service's own feed
  // (funnel_projector.h): every TouchpointsRecorded event up to it has
  // moved the funnel. Locked, so that one projector applies at a time,
  // across replicas.
  virtual absl::StatusOr<int64_t> LockFunnelPosition() = 0;
  // The feed's events after `position`, at most `max_events`: the
  // touchpoints their TouchpointsRecorded carry (customer_key not set) and
  // the position of the last event read (`position` if none).
  virtual absl::StatusOr<FeedTouchpoints> TouchpointsAfter(int64_t position,
                                                           int max_events) = 0;
  // Moves the projector's place (under LockFunnelPosition).
  virtual absl::Status SetFunnelPosition(int64_t position, absl::Time now) = 0;
  // How many feed events the projector has yet to apply: the feed's head
  // position less its place (as of this transaction's snapshot).
  virtual absl::StatusOr<int64_t> FunnelLag() = 0;
  // Per stage, distinct customers with touchpoints counting toward it.
  virtual absl::StatusOr<FunnelCounts> CountFunnel(int64_t partner_id,
                                                   int64_t campaign_id,
                                                   absl::Time start,
                                                   absl::Time end) = 0;

  // Purchases (with items and refunds).
  virtual absl::StatusOr<Purchase> GetPurchase(
      const std::string& purchase_id) = 0;
  virtual absl::StatusOr<Purchase> LockPurchase(
      const std::string& purchase_id) = 0;
  // ALREADY_EXISTS when the order id is taken. Returns the key.
  virtual absl::StatusOr<int64_t> InsertPurchase(const Purchase& purchase) = 0;
  // Whether the customer bought from the partner before `time`.
  virtual absl::StatusOr<bool> HasEarlierPurchase(int64_t customer_key,
                                                  int64_t partner_id,
                                                  absl::Time time) = 0;
  // Adds a refund and sets the purchase's refunded total.
  virtual absl::StatusOr<int64_t> InsertRefund(const Purchase& purchase,
                                               const Refund& refund) = 0;
  // Newest purchase_time first.
  virtual absl::StatusOr<Slice<Purchase>> ListPurchases(
      const Customer& customer, const ListQuery& query) = 0;

  // Segments.
  virtual absl::StatusOr<int64_t> InsertSegment(const Segment& segment) = 0;
  virtual absl::StatusOr<Segment> GetSegment(int64_t id) = 0;
  virtual absl::StatusOr<Segment> LockSegment(int64_t id) = 0;
  virtual absl::Status UpdateSegment(const Segment& segment) = 0;
  virtual absl::StatusOr<Slice<Segment>> ListSegments(
      const ListQuery& query) = 0;

  // Segment evaluation at `now`.
  virtual absl::StatusOr<SegmentSize> CountSegment(const Condition& condition,
                                                   absl::Time now) = 0;
  virtual absl::StatusOr<Membership> CheckMembership(const Condition& condition,
                                                     int64_t customer_key,
                                                     absl::Time now) = 0;
  // Members (matching, consent GRANTED) with customer_id > `after`, at most
  // `limit`, ascending.
  virtual absl::StatusOr<std::vector<std::string>> SegmentMembers(
      const Condition& condition, absl::Time now, const std::string& after,
      int limit) = 0;

  // Snapshots. InsertSnapshot writes the snapshot row and its members
  // (evaluated at snapshot.snapshot_time) and returns its id and count;
  // the members' customer ids, ascending, go to `members` unless null.
  virtual absl::StatusOr<SegmentSnapshot> InsertSnapshot(
      SegmentSnapshot snapshot, std::vector<std::string>* members) = 0;
  virtual absl::StatusOr<SegmentSnapshot> GetSnapshot(int64_t segment_id,
                                                      int64_t id) = 0;
  // Newest first.
  virtual absl::StatusOr<Slice<SegmentSnapshot>> ListSnapshots(
      int64_t segment_id, const ListQuery& query) = 0;
  virtual absl::StatusOr<std::vector<std::string>> SnapshotMembers(
      int64_t snapshot_id, const std::string& after, int limit) = 0;
};

class CxStore {
 public:
  using TxWork = absl::FunctionRef<absl::Status(CxTx&)>;

  virtual ~CxStore() = default;
  // Runs `work` as one transaction: all of it or none. `work` may run more
  // than once (after a deadlock), so it must not keep state across runs.
  virtual absl::Status Transact(TxWork work) = 0;
  // Runs read-only `work` without a transaction.
  virtual absl::Status Read(TxWork work) = 0;
};

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_STORE_H_
