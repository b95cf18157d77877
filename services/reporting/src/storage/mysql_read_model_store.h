// The read models on MySQL/MariaDB: the apply transaction of a feed batch
// (its rows written by MySqlApplyTx), the feed positions, and the queries.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_STORAGE_MYSQL_READ_MODEL_STORE_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_STORAGE_MYSQL_READ_MODEL_STORE_H_

#include <string>
#include <vector>

#include "common/mysql/connection_pool.h"
#include "services/reporting/src/domain/store.h"

namespace partnerhub::reporting {

class MySqlReadModelStore final : public ReadModelStore {
 public:
  explicit MySqlReadModelStore(mysql::ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<int64_t> LoadPosition(const std::string& feed) override;
  absl::Status Apply(const std::string& feed, int64_t first_position,
                     int64_t last_position, int64_t head_position,
                     absl::FunctionRef<void(ApplyTx&)> work) override;
  absl::StatusOr<std::vector<StoredPosition>> Positions() override;
  absl::Status Rebuild() override;

  absl::StatusOr<CampaignInfo> GetCampaign(
      const std::string& campaign) override;
  absl::StatusOr<std::vector<CampaignDay>> CampaignDays(
      const std::string& campaign,
      const std::optional<Period>& period) override;
  absl::StatusOr<int64_t> CampaignDiscount(
      const std::string& campaign) override;
  absl::StatusOr<std::optional<LiftData>> GetLift(
      const std::string& campaign) override;
  absl::StatusOr<PurchasePatterns> Patterns(const Period& period,
                                            const PatternFilter& filter,
                                            int top_n) override;
  absl::StatusOr<StageCounts> Funnel(const std::string& partner,
                                     const std::string& campaign,
                                     const Period& period) override;
  absl::StatusOr<std::string> PartnerDisplayName(
      const std::string& partner) override;
  absl::StatusOr<std::optional<AgreementInfo>> AgreementInForce(
      const std::string& partner, int32_t day) override;
  absl::StatusOr<PartnerFigures> PartnerFiguresOver(
      const std::string& partner, const Period& period) override;

 private:
  mysql::ConnectionPool& pool_;
};

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_STORAGE_MYSQL_READ_MODEL_STORE_H_
