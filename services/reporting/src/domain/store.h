// The read models as the domain sees them: applying a feed's events, and
// the queries. Implemented over MySQL in storage/.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_STORE_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "partnerhub/events/v1/events.pb.h"
#include "services/reporting/src/domain/types.h"

namespace partnerhub::reporting {

class ReadModelStore {
 public:
  virtual ~ReadModelStore() = default;

  // ---- Feeds ----
  // The position stored for `feed`.
  virtual absl::StatusOr<int64_t> LoadPosition(const std::string& feed) = 0;
  // Applies `events` of `feed` (consecutive) and stores the position of
  // the last one and `head_position`, in one transaction. ABORTED when the
  // stored position is not the one before the first event.
  virtual absl::Status Apply(const std::string& feed,
                             const std::vector<events::v1::Event>& events,
                             int64_t head_position) = 0;
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
