// partnerhub.reporting.v1.ReportingService: converts requests and answers
// between proto and the domain (Reports); nothing else.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_HANDLER_REPORTING_HANDLER_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_HANDLER_REPORTING_HANDLER_H_

#include "partnerhub/reporting/v1/reporting.grpc.pb.h"
#include "services/reporting/src/domain/reports.h"

namespace partnerhub::reporting {

class ReportingHandler final : public v1::ReportingService::Service {
 public:
  // ErrorInfo.domain of this service's errors.
  static constexpr absl::string_view kErrorDomain = "reporting.partnerhub";

  explicit ReportingHandler(Reports& reports) : reports_(reports) {}

  grpc::Status GetCampaignPerformance(
      grpc::ServerContext* context,
      const v1::GetCampaignPerformanceRequest* request,
      v1::CampaignPerformance* response) override;
  grpc::Status GetPromotionLift(grpc::ServerContext* context,
                                const v1::GetPromotionLiftRequest* request,
                                v1::PromotionLift* response) override;
  grpc::Status GetPurchasePatterns(
      grpc::ServerContext* context,
      const v1::GetPurchasePatternsRequest* request,
      v1::PurchasePatterns* response) override;
  grpc::Status GetFunnel(grpc::ServerContext* context,
                         const v1::GetFunnelRequest* request,
                         v1::Funnel* response) override;
  grpc::Status GetPartnerScorecard(
      grpc::ServerContext* context,
      const v1::GetPartnerScorecardRequest* request,
      v1::PartnerScorecard* response) override;
  grpc::Status GetFeedStatus(grpc::ServerContext* context,
                             const v1::GetFeedStatusRequest* request,
                             v1::FeedStatusList* response) override;
  grpc::Status RebuildReadModels(
      grpc::ServerContext* context, const v1::RebuildReadModelsRequest* request,
      v1::RebuildReadModelsResponse* response) override;

 private:
  Reports& reports_;
};

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_HANDLER_REPORTING_HANDLER_H_
