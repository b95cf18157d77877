// CxTx on one MySQL connection. Every method turns Connector/C++
// exceptions into statuses (mysql::Guarded).
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_MYSQL_CX_TX_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_MYSQL_CX_TX_H_

#include <vector>

#include "common/events/outbox.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/guarded.h"
#include "common/mysql/tx_store.h"
#include "services/customer_experience/src/convert/feed_events.h"
#include "services/customer_experience/src/domain/store.h"

namespace partnerhub::customer_experience {

// The request_id ledger is common's (mysql::WithRequestLedger).
class MySqlCxTx final : public mysql::WithRequestLedger<CxTx> {
 public:
  explicit MySqlCxTx(mysql::Connection& conn)
      : WithRequestLedger<CxTx>(conn), conn_(conn) {}

  // Keeps `event` until FlushEvents.
  void Publish(DomainEvent event) override { events_.Add(std::move(event)); }
  // Whether anything was published and not flushed.
  bool HasEvents() const { return !events_.empty(); }
  // Appends the published events to the outbox as partnerhub.events.v1.Event
  // (convert/feed_events.h), locking the feed's head row until the
  // transaction ends: the transaction's last write. Forgets them.
  absl::Status FlushEvents() {
    return mysql::Guarded(conn_, [&] { events_.Flush(conn_); });
  }

  absl::StatusOr<int64_t> InsertCustomer(const Customer& customer) override;
  absl::StatusOr<Customer> GetCustomer(const std::string& customer_id) override;
  absl::StatusOr<Customer> LockCustomer(
      const std::string& customer_id) override;
  absl::Status UpdateCustomer(const Customer& customer) override;
  absl::Status WritePersonalData(int64_t customer_key,
                                 const PersonalData& data) override;
  absl::StatusOr<Slice<Customer>> ListCustomers(const ListQuery& query,
                                                absl::Time now) override;
  absl::StatusOr<absl::flat_hash_map<std::string, int64_t>> CustomerKeys(
      const std::vector<std::string>& customer_ids) override;
  absl::Status InsertConsentChange(const ConsentChange& change) override;
  absl::StatusOr<Slice<ConsentChange>> ListConsentChanges(
      const Customer& customer, const ListQuery& query) override;

  absl::StatusOr<std::vector<bool>> InsertTouchpoints(
      const std::vector<const Touchpoint*>& touchpoints) override;
  absl::StatusOr<Touchpoint> GetTouchpoint(
      const Customer& customer, const std::string& event_id) override;
  absl::StatusOr<Slice<Touchpoint>> ListJourney(
      const Customer& customer, const ListQuery& query) override;
  absl::Status MergeFunnel(const std::vector<FunnelDelta>& deltas) override;
  absl::StatusOr<absl::flat_hash_map<int64_t, StageTimes>> LockFunnel(
      const std::vector<int64_t>& customer_keys) override;
  absl::StatusOr<absl::flat_hash_map<PartnerKey, StageTimes>> PartnerFunnel(
      const std::vector<PartnerKey>& pairs) override;
  absl::Status MergePartnerFunnel(
      const std::vector<PartnerFunnelDelta>& deltas) override;
  absl::StatusOr<int64_t> PurchaseCampaignAt(int64_t customer_key,
                                             int64_t partner_id,
                                             absl::Time occur_time) override;
  absl::StatusOr<std::vector<Touchpoint>> FunnelTouchpoints(
      int64_t customer_key) override;
  absl::StatusOr<int64_t> LockFunnelPosition() override;
  absl::StatusOr<FeedTouchpoints> TouchpointsAfter(int64_t position,
                                                   int max_events) override;
  absl::Status SetFunnelPosition(int64_t position, absl::Time now) override;
  absl::StatusOr<int64_t> FunnelLag() override;
  absl::StatusOr<FunnelCounts> CountFunnel(int64_t partner_id,
                                           int64_t campaign_id,
                                           absl::Time start,
                                           absl::Time end) override;

  absl::StatusOr<Purchase> GetPurchase(const std::string& purchase_id) override;
  absl::StatusOr<Purchase> LockPurchase(
      const std::string& purchase_id) override;
  absl::StatusOr<int64_t> InsertPurchase(const Purchase& purchase) override;
  absl::StatusOr<bool> HasEarlierPurchase(int64_t customer_key,
                                          int64_t partner_id,
                                          absl::Time time) override;
  absl::StatusOr<int64_t> InsertRefund(const Purchase& purchase,
                                       const Refund& refund) override;
  absl::StatusOr<Slice<Purchase>> ListPurchases(
      const Customer& customer, const ListQuery& query) override;

  absl::StatusOr<int64_t> InsertSegment(const Segment& segment) override;
  absl::StatusOr<Segment> GetSegment(int64_t id) override;
  absl::StatusOr<Segment> LockSegment(int64_t id) override;
  absl::Status UpdateSegment(const Segment& segment) override;
  absl::StatusOr<Slice<Segment>> ListSegments(const ListQuery& query) override;
  absl::StatusOr<SegmentSize> CountSegment(const Condition& condition,
                                           absl::Time now) override;
  absl::StatusOr<Membership> CheckMembership(const Condition& condition,
                                             int64_t customer_key,
                                             absl::Time now) override;
  absl::StatusOr<std::vector<std::string>> SegmentMembers(
      const Condition& condition, absl::Time now, const std::string& after,
      int limit) override;
  absl::StatusOr<SegmentSnapshot> InsertSnapshot(
      SegmentSnapshot snapshot, std::vector<std::string>* members) override;
  absl::StatusOr<SegmentSnapshot> GetSnapshot(int64_t segment_id,
                                              int64_t id) override;
  absl::StatusOr<Slice<SegmentSnapshot>> ListSnapshots(
      int64_t segment_id, const ListQuery& query) override;
  absl::StatusOr<std::vector<std::string>> SnapshotMembers(
      int64_t snapshot_id, const std::string& after, int limit) override;

 private:
  // Inserts one chunk of touchpoints; see InsertTouchpoints.
  void InsertTouchpointChunk(const Touchpoint* const* rows, int count,
                             bool* inserted);

  mysql::Connection& conn_;
  events::DomainEventBuffer<DomainEvent> events_{&AppendFeedEvents};
};

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_MYSQL_CX_TX_H_
