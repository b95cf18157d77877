// The read models as the domain sees them: the rows of one apply
// transaction (ApplyTx), the feed positions, and the queries. Implemented
// over MySQL in storage/.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_STORE_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/reporting/src/domain/read_model_rows.h"
#include "services/reporting/src/domain/types.h"

namespace partnerhub::reporting {

// The reads and writes of one apply transaction, while nothing else changes
// the read models. Upsert*/Add* write rows whose figures are added to the
// stored ones (Upsert* of descriptions replace them). A failure aborts the
// transaction: the implementation throws out of the work given to
// ReadModelStore::Apply, which retries it or returns the error.
class ApplyTx {
 public:
  virtual ~ApplyTx() = default;

  // ---- partner-registry ----
  virtual void UpsertPartners(const std::vector<PartnerRow>& rows) = 0;
  virtual void UpsertAgreements(const std::vector<AgreementInfo>& rows) = 0;
  virtual void DeleteAgreement(const std::string& agreement) = 0;

  // ---- campaign ----
  virtual void UpsertCampaigns(const std::vector<CampaignInfo>& rows) = 0;
  virtual void AddCampaignDays(const std::vector<CampaignDayRow>& rows) = 0;

  // ---- customers and snapshots ----
  // How many of `customers` are stored.
  virtual int64_t CountKnownCustomers(
      const std::vector<std::string>& customers) = 0;
  virtual void UpsertCustomers(const std::vector<CustomerRow>& rows) = 0;
  // Adds `added` to the count of known customers.
  virtual void AddCustomerCount(int64_t added) = 0;
  // The stored dimensions of those of `customers` that are known.
  virtual absl::flat_hash_map<std::string, CustomerDims> DimsOf(
      const std::vector<std::string>& customers) = 0;
  virtual void UpsertSnapshots(const std::vector<SnapshotRow>& rows) = 0;
  virtual void InsertSnapshotMembers(
      const std::vector<SnapshotMemberRow>& rows) = 0;
  virtual void AddMembersReceived(
      const std::vector<MembersReceivedRow>& rows) = 0;
  // The members of `snapshot`.
  virtual std::vector<std::string> SnapshotMembers(
      const std::string& snapshot) = 0;

  // ---- sales ----
  // Those of the (customer, partner) pairs that have a stored purchase.
  virtual absl::flat_hash_set<std::pair<std::string, std::string>> KnownBuyers(
      const std::vector<std::pair<std::string, std::string>>& pairs) = 0;
  virtual void UpsertPurchaseFacts(
      const std::vector<PurchaseFactRow>& rows) = 0;
  virtual void AddPartnerDays(const std::vector<PartnerDayRow>& rows) = 0;
  virtual void AddPatterns(PatternRollup rollup,
                           const std::vector<PatternRow>& rows) = 0;

  // ---- funnel ----
  virtual void AddFunnel(const std::vector<FunnelRow>& rows) = 0;

  // ---- lift ----
  // The lifts set up.
  virtual std::vector<ReadyLiftRow> ReadyLifts() = 0;
  // (campaign, customer) -> group of the lift members among `customers`.
  virtual absl::flat_hash_map<std::pair<std::string, std::string>, int>
  LiftGroupsOf(const std::vector<std::string>& customers) = 0;
  // The (campaign, customer, period) lift rows stored for `customers`.
  virtual absl::flat_hash_set<std::tuple<std::string, std::string, int>>
  LiftRowsOf(const std::vector<std::string>& customers) = 0;
  virtual void AddLiftCustomerRows(
      const std::vector<LiftCustomerRow>& rows) = 0;
  virtual void AddLiftAggs(const std::vector<LiftAggRow>& rows) = 0;
  // The lifts whose set-up is due.
  virtual std::vector<DueLiftRow> DueLifts() = 0;
  // Deletes the members, rows and aggregates of `campaign`'s lift.
  virtual void ClearLift(const std::string& campaign) = 0;
  virtual void InsertLiftMembers(const std::vector<LiftMemberRow>& rows) = 0;
  // Fills the lift rows and aggregates of `campaign` from the stored
  // purchases in the window's periods: the members' purchases, and with
  // `rest_control` every other known customer's as the control group.
  virtual void BackfillLift(const std::string& campaign,
                            const LiftWindow& window, bool rest_control) = 0;
  virtual void UpsertLiftState(const LiftStateRow& row) = 0;
};

class ReadModelStore {
 public:
  virtual ~ReadModelStore() = default;

  // ---- Feeds ----
  // The position stored for `feed`.
  virtual absl::StatusOr<int64_t> LoadPosition(const std::string& feed) = 0;
  // Runs `work` (the rows of events first_position..last_position of
  // `feed`) and stores last_position and `head_position`, in one
  // transaction; `work` may run again when the transaction is retried.
  // ABORTED when the stored position is not first_position - 1 (the events
  // were applied already, or the feed was rebuilt meanwhile).
  virtual absl::Status Apply(const std::string& feed, int64_t first_position,
                             int64_t last_position, int64_t head_position,
                             absl::FunctionRef<void(ApplyTx&)> work) = 0;
  virtual absl::StatusOr<std::vector<StoredPosition>> Positions() = 0;
  // Empties every read model and sets every position to 0.
  virtual absl::Status Rebuild() = 0;

  // ---- Queries ----
  // NOT_FOUND when unknown.
  virtual absl::StatusOr<CampaignInfo> GetCampaign(
      const std::string& campaign) = 0;
  // The days with activity, in the period (every day when nullopt).
  virtual absl::StatusOr<std::vector<CampaignDay>> CampaignDays(
      const std::string& campaign, const std::optional<Period>& period) = 0;
  // Discount net of voids over the campaign's whole life.
  virtual absl::StatusOr<int64_t> CampaignDiscount(
      const std::string& campaign) = 0;
  // nullopt when the lift is not set up (no window or complete snapshot).
  virtual absl::StatusOr<std::optional<LiftData>> GetLift(
      const std::string& campaign) = 0;
  virtual absl::StatusOr<PurchasePatterns> Patterns(const Period& period,
                                                    const PatternFilter& filter,
                                                    int top_n) = 0;
  // Reaches per stage. partner and/or campaign non-empty.
  virtual absl::StatusOr<StageCounts> Funnel(const std::string& partner,
                                             const std::string& campaign,
                                             const Period& period) = 0;
  // The partner's display name; NOT_FOUND when unknown.
  virtual absl::StatusOr<std::string> PartnerDisplayName(
      const std::string& partner) = 0;
  // The SIGNED agreement of `partner` in force on `day` (yyyymmdd); the
  // latest-starting one if several.
  virtual absl::StatusOr<std::optional<AgreementInfo>> AgreementInForce(
      const std::string& partner, int32_t day) = 0;
  virtual absl::StatusOr<PartnerFigures> PartnerFiguresOver(
      const std::string& partner, const Period& period) = 0;
};

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_STORE_H_
