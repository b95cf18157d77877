// CampaignTx on one MySQL connection. Every method turns Connector/C++
// exceptions into statuses (mysql::Guarded).
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_MYSQL_CAMPAIGN_TX_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_MYSQL_CAMPAIGN_TX_H_

#include <vector>

#include "common/events/outbox.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/guarded.h"
#include "common/mysql/tx_store.h"
#include "services/campaign/src/convert/feed_events.h"
#include "services/campaign/src/domain/store.h"

namespace partnerhub::campaign {

// The request_id ledger is common's (mysql::WithRequestLedger).
class MySqlCampaignTx final : public mysql::WithRequestLedger<CampaignTx> {
 public:
  explicit MySqlCampaignTx(mysql::Connection& conn)
      : WithRequestLedger<CampaignTx>(conn), conn_(conn) {}

  absl::StatusOr<Campaign> GetCampaign(int64_t id) override;
  absl::StatusOr<Campaign> LockCampaign(int64_t id) override;
  absl::StatusOr<Slice<Campaign>> ListCampaigns(
      int64_t partner_id, std::optional<CampaignState> state,
      const ListQuery& query) override;
  absl::StatusOr<int64_t> InsertCampaign(const Campaign& campaign) override;
  absl::Status UpdateCampaign(const Campaign& campaign) override;
  absl::StatusOr<std::vector<int64_t>> DueCampaigns(absl::Time now,
                                                    int limit) override;

  absl::StatusOr<Offer> GetOffer(int64_t campaign_id, int64_t id) override;
  absl::StatusOr<Slice<Offer>> ListOffers(int64_t campaign_id,
                                          const ListQuery& query) override;
  absl::StatusOr<int64_t> CountOffers(int64_t campaign_id) override;
  absl::StatusOr<int64_t> InsertOffer(const Offer& offer) override;
  absl::Status UpdateOffer(const Offer& offer) override;

  absl::StatusOr<int64_t> InsertIssuance(const CodeIssuance& issuance) override;
  absl::StatusOr<CodeIssuance> GetIssuance(int64_t campaign_id,
                                           int64_t offer_id,
                                           int64_t id) override;
  absl::StatusOr<CodeIssuance> LockIssuance(int64_t id) override;
  absl::StatusOr<std::vector<int64_t>> RunningIssuances(int limit) override;
  absl::Status UpdateIssuance(const CodeIssuance& issuance) override;
  absl::StatusOr<int64_t> InsertCodes(const CodeIssuance& issuance,
                                      const std::vector<NewCode>& codes,
                                      absl::Time now) override;
  absl::StatusOr<std::vector<std::string>> CustomersWithCodes(
      int64_t issuance_id, const std::vector<std::string>& customers) override;
  absl::StatusOr<Slice<CouponCode>> ListCodes(int64_t issuance_id,
                                              const ListQuery& query) override;
  absl::StatusOr<std::string> SetCampaignSnapshot(
      int64_t campaign_id, const std::string& snapshot) override;

  absl::StatusOr<std::optional<CouponContext>> LookupCoupon(
      const std::string& code, const std::string& customer,
      const std::string& request_id) override;
  absl::StatusOr<std::optional<Redemption>> FindRedemption(
      const std::string& request_id) override;
  absl::StatusOr<int64_t> InsertRedemption(const Redemption& r) override;
  absl::Status EnsureCustomerUsage(int64_t offer_id,
                                   const std::string& customer) override;
  absl::StatusOr<bool> Charge(const RedemptionCharge& charge,
                              int32_t per_customer_limit,
                              absl::Time now) override;
  absl::Status Refund(const RedemptionCharge& charge) override;
  absl::StatusOr<Redemption> GetRedemption(int64_t campaign_id,
                                           int64_t id) override;
  absl::StatusOr<Redemption> LockRedemption(int64_t campaign_id,
                                            int64_t id) override;
  absl::Status UpdateRedemption(const Redemption& r) override;
  absl::StatusOr<Slice<Redemption>> ListRedemptions(
      int64_t campaign_id, const ListQuery& query) override;

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

 private:
  mysql::Connection& conn_;
  events::DomainEventBuffer<DomainEvent> events_{&AppendFeedEvents};
};

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_MYSQL_CAMPAIGN_TX_H_
