// The read models on MySQL/MariaDB: applying feed batches set-based (a few
// multi-row statements per batch), and the queries.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_STORAGE_MYSQL_READ_MODEL_STORE_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_STORAGE_MYSQL_READ_MODEL_STORE_H_

#include <string>
#include <vector>

#include "common/mysql/connection_pool.h"
#include "services/reporting/src/domain/store.h"

namespace partnerhub::reporting {

struct StoreOptions {
  // Purchases in other currencies are left out of sales figures.
  std::string currency = "KRW";
};

class MySqlReadModelStore final : public ReadModelStore {
 public:
  explicit MySqlReadModelStore(mysql::ConnectionPool& pool,
                               StoreOptions options = {})
      : pool_(pool), options_(std::move(options)) {}

  absl::StatusOr<int64_t> LoadPosition(const std::string& feed) override;
  absl::Status Apply(const std::string& feed,
                     const std::vector<events::v1::Event>& events,
                     int64_t head_position) override;
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
  const StoreOptions options_;
};

// Applies `events` on `conn` inside the caller's transaction, after the
// position and apply_lock rows are locked (exposed for tests).
void ApplyEvents(mysql::Connection& conn,
                 const std::vector<events::v1::Event>& events,
                 const StoreOptions& options);

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_STORAGE_MYSQL_READ_MODEL_STORE_H_
