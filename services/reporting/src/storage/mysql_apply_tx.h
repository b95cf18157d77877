// The reads and writes of one apply transaction on MySQL/MariaDB: each
// write is one multi-row INSERT ... ON DUPLICATE KEY UPDATE per chunk of
// rows (a few chunk sizes, so that a connection prepares a handful of
// statements). Used by MySqlReadModelStore::Apply inside its transaction,
// after the feed position and apply_lock rows are locked, so nothing else
// changes the read models meanwhile. SQL errors are thrown (the
// transaction turns them into its status).
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_STORAGE_MYSQL_APPLY_TX_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_STORAGE_MYSQL_APPLY_TX_H_

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "common/mysql/connection_pool.h"
#include "services/reporting/src/domain/store.h"

namespace partnerhub::reporting {

class MySqlApplyTx final : public ApplyTx {
 public:
  explicit MySqlApplyTx(mysql::Connection& c) : c_(c) {}

  void UpsertPartners(const std::vector<PartnerRow>& rows) override;
  void UpsertAgreements(const std::vector<AgreementInfo>& rows) override;
  void DeleteAgreement(const std::string& agreement) override;

  void UpsertCampaigns(const std::vector<CampaignInfo>& rows) override;
  void AddCampaignDays(const std::vector<CampaignDayRow>& rows) override;

  int64_t CountKnownCustomers(
      const std::vector<std::string>& customers) override;
  void UpsertCustomers(const std::vector<CustomerRow>& rows) override;
  void AddCustomerCount(int64_t added) override;
  absl::flat_hash_map<std::string, CustomerDims> DimsOf(
      const std::vector<std::string>& customers) override;
  void UpsertSnapshots(const std::vector<SnapshotRow>& rows) override;
  void InsertSnapshotMembers(
      const std::vector<SnapshotMemberRow>& rows) override;
  void AddMembersReceived(const std::vector<MembersReceivedRow>& rows) override;
  std::vector<std::string> SnapshotMembers(
      const std::string& snapshot) override;

  absl::flat_hash_set<std::pair<std::string, std::string>> KnownBuyers(
      const std::vector<std::pair<std::string, std::string>>& pairs) override;
  void UpsertPurchaseFacts(const std::vector<PurchaseFactRow>& rows) override;
  void AddPartnerDays(const std::vector<PartnerDayRow>& rows) override;
  void AddPatterns(PatternRollup rollup,
                   const std::vector<PatternRow>& rows) override;

  void AddFunnel(const std::vector<FunnelRow>& rows) override;

  std::vector<ReadyLiftRow> ReadyLifts() override;
  absl::flat_hash_map<std::pair<std::string, std::string>, int> LiftGroupsOf(
      const std::vector<std::string>& customers) override;
  absl::flat_hash_set<std::tuple<std::string, std::string, int>> LiftRowsOf(
      const std::vector<std::string>& customers) override;
  void AddLiftCustomerRows(const std::vector<LiftCustomerRow>& rows) override;
  void AddLiftAggs(const std::vector<LiftAggRow>& rows) override;
  std::vector<DueLiftRow> DueLifts() override;
  void ClearLift(const std::string& campaign) override;
  void InsertLiftMembers(const std::vector<LiftMemberRow>& rows) override;
  void BackfillLift(const std::string& campaign, const LiftWindow& window,
                    bool rest_control) override;
  void UpsertLiftState(const LiftStateRow& row) override;

 private:
  mysql::Connection& c_;
};

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_STORAGE_MYSQL_APPLY_TX_H_
