#include "services/reporting/src/handler/reporting_handler.h"

#include <vector>

#include "common/grpc/handler_support.h"
#include "common/status/status_macros.h"
#include "services/reporting/src/convert/reporting_api.h"

namespace partnerhub::reporting {

grpc::Status ReportingHandler::GetCampaignPerformance(
    grpc::ServerContext*, const v1::GetCampaignPerformanceRequest* request,
    v1::CampaignPerformance* response) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    const DateRange dates = DatesOf(*request);
    const auto& [start, end] = dates;
    PH_ASSIGN_OR_RETURN(
        CampaignPerformance p,
        reports_.GetCampaignPerformance(request->campaign(), start, end));
    ToProto(p, response);
    return absl::OkStatus();
  });
}

grpc::Status ReportingHandler::GetPromotionLift(
    grpc::ServerContext*, const v1::GetPromotionLiftRequest* request,
    v1::PromotionLift* response) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(PromotionLift lift,
                        reports_.GetPromotionLift(request->campaign()));
    ToProto(lift, reports_.currency(), response);
    return absl::OkStatus();
  });
}

grpc::Status ReportingHandler::GetPurchasePatterns(
    grpc::ServerContext*, const v1::GetPurchasePatternsRequest* request,
    v1::PurchasePatterns* response) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    const DateRange dates = DatesOf(*request);
    const auto& [start, end] = dates;
    PH_ASSIGN_OR_RETURN(PurchasePatterns p,
                        reports_.GetPurchasePatterns(
                            start, end, FilterOf(*request), request->top_n()));
    ToProto(p, reports_.currency(), response);
    return absl::OkStatus();
  });
}

grpc::Status ReportingHandler::GetFunnel(grpc::ServerContext*,
                                         const v1::GetFunnelRequest* request,
                                         v1::Funnel* response) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    const DateRange dates = DatesOf(*request);
    const auto& [start, end] = dates;
    PH_ASSIGN_OR_RETURN(StageCounts counts,
                        reports_.GetFunnel(request->partner(),
                                           request->campaign(), start, end));
    response->set_partner(request->partner());
    response->set_campaign(request->campaign());
    ToProto(counts, response->mutable_stages());
    return absl::OkStatus();
  });
}

grpc::Status ReportingHandler::GetPartnerScorecard(
    grpc::ServerContext*, const v1::GetPartnerScorecardRequest* request,
    v1::PartnerScorecard* response) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    const DateRange dates = DatesOf(*request);
    const auto& [start, end] = dates;
    PH_ASSIGN_OR_RETURN(
        PartnerScorecard s,
        reports_.GetPartnerScorecard(request->partner(), start, end));
    ToProto(s, reports_.currency(), response);
    return absl::OkStatus();
  });
}

grpc::Status ReportingHandler::GetFeedStatus(grpc::ServerContext*,
                                             const v1::GetFeedStatusRequest*,
                                             v1::FeedStatusList* response) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::vector<FeedStatus> feeds,
                        reports_.GetFeedStatus());
    for (const FeedStatus& f : feeds) ToProto(f, response->add_feeds());
    return absl::OkStatus();
  });
}

grpc::Status ReportingHandler::RebuildReadModels(
    grpc::ServerContext*, const v1::RebuildReadModelsRequest* request,
    v1::RebuildReadModelsResponse* response) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::vector<FeedStatus> feeds,
                        reports_.Rebuild(request->confirm()));
    for (const FeedStatus& f : feeds) ToProto(f, response->add_feeds());
    return absl::OkStatus();
  });
}

}  // namespace partnerhub::reporting
