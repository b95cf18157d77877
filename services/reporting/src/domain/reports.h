// The queries of the Reporting API: validation of names, periods and
// filters, and the figures assembled from the read models.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_REPORTS_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_REPORTS_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/time/clock.h"
#include "services/reporting/src/domain/store.h"
#include "services/reporting/src/domain/types.h"

namespace partnerhub::reporting {

// INVALID_ARGUMENT naming `field` unless `name` is "<collection>/<id>" with
// a non-empty id of at most 64 characters; "is required" when empty.
absl::Status CheckName(absl::string_view field, absl::string_view name,
                       absl::string_view collection);

// Whether `code` is an ISO 3166-2 subdivision code: two capital letters,
// '-', 1 to 3 capital letters or digits.
bool IsRegionCode(absl::string_view code);

// Scorecard assembly from figures and the agreement (pure, for tests).
PartnerScorecard BuildScorecard(std::string partner, std::string display_name,
                                std::optional<AgreementInfo> agreement,
                                Period period, PartnerFigures figures);

// Errors (common/status/error_details.h; reasons in errors.h): every query
// reports all the bad fields of a request at once (INVALID_ARGUMENT with a
// BadRequest); NOT_FOUND (CAMPAIGN_NOT_FOUND, PARTNER_NOT_FOUND) with a
// ResourceInfo, and a RetryInfo while the feed that would bring the
// resource is behind (lag > 0); FAILED_PRECONDITION with a
// PreconditionFailure (SNAPSHOT_NOT_RECEIVED also with a RetryInfo).
class Reports {
 public:
  // The local state of this replica's subscription to each feed.
  using LocalStates = std::function<std::vector<LocalFeedState>()>;

  // `currency`: the reporting currency (sales figures are in it).
  Reports(ReadModelStore& store, const Clock& clock, LocalStates local,
          std::string currency = "KRW")
      : store_(store),
        clock_(clock),
        local_(std::move(local)),
        currency_(std::move(currency)) {}

  const std::string& currency() const { return currency_; }

  absl::StatusOr<CampaignPerformance> GetCampaignPerformance(
      const std::string& campaign, const DateArg& start, const DateArg& end);
  absl::StatusOr<PromotionLift> GetPromotionLift(const std::string& campaign);
  absl::StatusOr<PurchasePatterns> GetPurchasePatterns(
      const DateArg& start, const DateArg& end, const PatternFilter& filter,
      int top_n);
  absl::StatusOr<StageCounts> GetFunnel(const std::string& partner,
                                        const std::string& campaign,
                                        const DateArg& start,
                                        const DateArg& end);
  absl::StatusOr<PartnerScorecard> GetPartnerScorecard(
      const std::string& partner, const DateArg& start, const DateArg& end);
  absl::StatusOr<std::vector<FeedStatus>> GetFeedStatus();
  absl::StatusOr<std::vector<FeedStatus>> Rebuild(bool confirm);

 private:
  // The store's campaign / partner name; its NOT_FOUND gets a RetryInfo
  // while the feed that brings campaigns / partners is behind.
  absl::StatusOr<CampaignInfo> KnownCampaign(const std::string& campaign);
  absl::StatusOr<std::string> KnownPartnerName(const std::string& partner);
  // `status`, with a RetryInfo if it is a NOT_FOUND and `feed` is behind.
  absl::Status RetryIfBehind(absl::Status status, absl::string_view feed);

  ReadModelStore& store_;
  const Clock& clock_;
  LocalStates local_;
  const std::string currency_;
};

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_REPORTS_H_
