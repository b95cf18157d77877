// What the campaign domain needs from storage: typed operations inside one
// transaction (CampaignTx), and a way to run a unit of work as a transaction
// (CampaignStore). The MySQL implementation is in storage/.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_STORE_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/api/idempotency.h"
#include "common/api/list_request.h"
#include "common/api/pagination.h"
#include "common/api/request_key.h"
#include "services/campaign/src/domain/events.h"
#include "services/campaign/src/domain/types.h"

namespace partnerhub::campaign {

// What the service's lists accept: no filter, and the order of ids (the
// lists of the API have no order_by), pages of `limits`.
inline ListSpec IdListSpec(PageSizeLimits limits = {}) {
  return ListSpec{.filter_fields = {},
                  .order_fields = {"id"},
                  .default_descending = false,
                  .limits = limits};
}

// The counters a redemption takes, and a void gives back.
struct RedemptionCharge {
  int64_t code_id = 0;
  int64_t offer_id = 0;
  int64_t campaign_id = 0;
  std::string customer;
  int64_t discount_minor = 0;
  // Whether the offer has a per-customer limit (then the customer's usage
  // row is counted too).
  bool per_customer = false;
};

// Operations inside one transaction. Reads that precede a write of the same
// rows lock them (Lock*). Every Update* of a resource with a version writes
// the row only if its stored version is one less than the given one (the
// caller bumped it) and gives ABORTED otherwise: no update is lost.
// Lists run a query of common's ResolveList (ordered by id: query.after is
// the last id of the previous page) and return common's Slice, whose
// continue_after is the last row's id when more rows follow; a query.after
// that is not one id gives BadPageToken (common/api/pagination.h).
// A RequestLedger: request_id bookkeeping (common/api/idempotency.h).
class CampaignTx : public RequestLedger {
 public:
  // Campaigns. Get/Lock give NOT_FOUND naming the campaign when absent.
  virtual absl::StatusOr<Campaign> GetCampaign(int64_t id) = 0;
  virtual absl::StatusOr<Campaign> LockCampaign(int64_t id) = 0;
  // Of `partner_id` (0: any) in `state` (nullopt: any).
  virtual absl::StatusOr<Slice<Campaign>> ListCampaigns(
      int64_t partner_id, std::optional<CampaignState> state,
      const ListQuery& query) = 0;
  virtual absl::StatusOr<int64_t> InsertCampaign(const Campaign& campaign) = 0;
  // Writes the settings, state, share and snapshot of campaign.id, and its
  // version; never the counters (spent_minor, redemption_count).
  virtual absl::Status UpdateCampaign(const Campaign& campaign) = 0;
  // Ids of campaigns the lifecycle should move at `now`: SCHEDULED ones
  // whose start_time has come, RUNNING or PAUSED ones whose end_time has.
  virtual absl::StatusOr<std::vector<int64_t>> DueCampaigns(absl::Time now,
                                                            int limit) = 0;

  // Offers of one campaign.
  virtual absl::StatusOr<Offer> GetOffer(int64_t campaign_id, int64_t id) = 0;
  virtual absl::StatusOr<Slice<Offer>> ListOffers(int64_t campaign_id,
                                                  const ListQuery& query) = 0;
  virtual absl::StatusOr<int64_t> CountOffers(int64_t campaign_id) = 0;
  virtual absl::StatusOr<int64_t> InsertOffer(const Offer& offer) = 0;
  // Settings and version; never redemption_count.
  virtual absl::Status UpdateOffer(const Offer& offer) = 0;

  // Code issuances.
  virtual absl::StatusOr<int64_t> InsertIssuance(
      const CodeIssuance& issuance) = 0;
  // NOT_FOUND naming the issuance when it is not one of that offer of that
  // campaign.
  virtual absl::StatusOr<CodeIssuance> GetIssuance(int64_t campaign_id,
                                                   int64_t offer_id,
                                                   int64_t id) = 0;
  // By an id read from the table (only the background jobs lock issuances,
  // and none is ever deleted): INTERNAL when absent.
  virtual absl::StatusOr<CodeIssuance> LockIssuance(int64_t id) = 0;
  // Ids of RUNNING issuances, oldest first.
  virtual absl::StatusOr<std::vector<int64_t>> RunningIssuances(int limit) = 0;
  // Writes the progress fields of issuance.id (counts, page token, snapshot,
  // state, error, update_time).
  virtual absl::Status UpdateIssuance(const CodeIssuance& issuance) = 0;
  // Inserts the codes that do not collide with an existing code; returns
  // how many were inserted (the rest collided and need new codes).
  virtual absl::StatusOr<int64_t> InsertCodes(const CodeIssuance& issuance,
                                              const std::vector<NewCode>& codes,
                                              absl::Time now) = 0;
  // Of `customers`, those that have a code of the issuance.
  virtual absl::StatusOr<std::vector<std::string>> CustomersWithCodes(
      int64_t issuance_id, const std::vector<std::string>& customers) = 0;
  virtual absl::StatusOr<Slice<CouponCode>> ListCodes(
      int64_t issuance_id, const ListQuery& query) = 0;
  // Sets the campaign's snapshot if it has none yet; returns the snapshot
  // the campaign has afterwards.
  virtual absl::StatusOr<std::string> SetCampaignSnapshot(
      int64_t campaign_id, const std::string& snapshot) = 0;

  // Redemption. One query: the code, its offer and campaign, the customer's
  // use of the offer, and the redemption of `request_id` if there is one.
  // std::nullopt when there is no such code.
  virtual absl::StatusOr<std::optional<CouponContext>> LookupCoupon(
      const std::string& code, const std::string& customer,
      const std::string& request_id) = 0;
  virtual absl::StatusOr<std::optional<Redemption>> FindRedemption(
      const std::string& request_id) = 0;
  // ALREADY_EXISTS when its request_id has a redemption (waits for a
  // concurrent insert of the same request_id to commit or roll back).
  virtual absl::StatusOr<int64_t> InsertRedemption(const Redemption& r) = 0;
  // Makes sure the customer's usage row of the offer exists (for a
  // per-customer limit), so Charge can count it.
  virtual absl::Status EnsureCustomerUsage(int64_t offer_id,
                                           const std::string& customer) = 0;
  // Takes one use of the code, one of the offer's cap (and of the
  // customer's limit) and the discount from the budget, in one conditional
  // statement: all of it when every condition holds at `now` (code not used
  // up, cap and limit not reached, campaign RUNNING inside its window,
  // budget not exceeded), else nothing. Returns whether it was taken.
  virtual absl::StatusOr<bool> Charge(const RedemptionCharge& charge,
                                      int32_t per_customer_limit,
                                      absl::Time now) = 0;
  // Gives back what Charge took.
  virtual absl::Status Refund(const RedemptionCharge& charge) = 0;
  virtual absl::StatusOr<Redemption> GetRedemption(int64_t campaign_id,
                                                   int64_t id) = 0;
  virtual absl::StatusOr<Redemption> LockRedemption(int64_t campaign_id,
                                                    int64_t id) = 0;
  // Writes state, void_time and void_reason.
  virtual absl::Status UpdateRedemption(const Redemption& r) = 0;
  virtual absl::StatusOr<Slice<Redemption>> ListRedemptions(
      int64_t campaign_id, const ListQuery& query) = 0;

  // Publishes a domain event (domain/events.h) on the service's feed: it
  // is appended to the outbox as the transaction's last write and commits
  // with it, or not at all. Only inside CampaignStore::Transact.
  virtual void Publish(DomainEvent event) = 0;
};

class CampaignStore {
 public:
  using TxWork = absl::FunctionRef<absl::Status(CampaignTx&)>;

  virtual ~CampaignStore() = default;
  // Runs `work` as one transaction: all of it or none. `work` may run more
  // than once (after a deadlock), so it must not keep state across runs;
  // each run starts with no event published. The events `work` published
  // are appended to the outbox just before COMMIT (locking the feed's head
  // row until COMMIT: the last write, to keep that lock short).
  virtual absl::Status Transact(TxWork work) = 0;
  // Runs read-only `work` without a transaction (publishing is a bug:
  // INTERNAL).
  virtual absl::Status Read(TxWork work) = 0;
};

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_STORE_H_
