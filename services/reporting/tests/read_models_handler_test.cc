// The handler over the read models validates each request and names the
// bad field in its message (read_models_fixture.h; every error's details
// through the gRPC stub in errors_test.cc).
#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/reporting/src/handler/reporting_handler.h"
#include "services/reporting/tests/fixture.h"
#include "services/reporting/tests/read_models_fixture.h"

namespace partnerhub::reporting {
namespace {

using ::testing::HasSubstr;
using namespace ::partnerhub::reporting::testing;  // NOLINT

TEST_F(ReadModelsTest, HandlerValidatesAndNamesTheField) {
  auto r = Reporting::Create(absl::StrCat("rm_", TestName()));
  ASSERT_NE(r, nullptr);
  ReportingHandler handler(*r->reports);
  auto date = [](int y, int m, int dd) {
    type::v1::Date date;
    date.set_year(y);
    date.set_month(m);
    date.set_day(dd);
    return date;
  };
  {
    v1::GetPurchasePatternsRequest req;
    v1::PurchasePatterns resp;
    *req.mutable_start_date() = date(2026, 3, 1);
    *req.mutable_end_date() = date(2026, 2, 1);
    req.set_top_n(5);
    grpc::Status s = handler.GetPurchasePatterns(nullptr, &req, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(s.error_message(), HasSubstr("end_date"));
    *req.mutable_end_date() = date(2026, 3, 31);
    req.set_top_n(0);
    s = handler.GetPurchasePatterns(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("top_n"));
    req.set_top_n(101);
    EXPECT_EQ(handler.GetPurchasePatterns(nullptr, &req, &resp).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
    req.set_top_n(10);
    *req.mutable_start_date() = date(2026, 2, 30);
    s = handler.GetPurchasePatterns(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("start_date"));
    *req.mutable_start_date() = date(2026, 3, 1);
    req.set_age_band(static_cast<v1::AgeBand>(42));
    s = handler.GetPurchasePatterns(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("age_band"));
    req.set_age_band(v1::TWENTIES);
    EXPECT_TRUE(handler.GetPurchasePatterns(nullptr, &req, &resp).ok());
    req.set_region("*");
    s = handler.GetPurchasePatterns(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("region"));
    req.set_region("KR-11");
    EXPECT_TRUE(handler.GetPurchasePatterns(nullptr, &req, &resp).ok());
    req.clear_end_date();
    s = handler.GetPurchasePatterns(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("end_date is required"));
  }
  {
    v1::GetFunnelRequest req;
    v1::Funnel resp;
    *req.mutable_start_date() = date(2026, 3, 1);
    *req.mutable_end_date() = date(2026, 3, 2);
    grpc::Status s = handler.GetFunnel(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("partner or campaign"));
    req.set_partner("partners/1");
    ASSERT_TRUE(handler.GetFunnel(nullptr, &req, &resp).ok());
    ASSERT_EQ(resp.stages_size(), 6);
    EXPECT_EQ(resp.stages(0).stage(), v1::AWARE);
    req.set_campaign("bogus");
    s = handler.GetFunnel(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("campaign must be"));
  }
  {
    v1::GetCampaignPerformanceRequest req;
    v1::CampaignPerformance resp;
    grpc::Status s = handler.GetCampaignPerformance(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("campaign is required"));
    req.set_campaign("campaigns/9");
    *req.mutable_start_date() = date(2026, 3, 1);
    s = handler.GetCampaignPerformance(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("end_date is required"));
    req.clear_start_date();
    EXPECT_EQ(handler.GetCampaignPerformance(nullptr, &req, &resp).error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  {
    v1::GetPartnerScorecardRequest req;
    v1::PartnerScorecard resp;
    req.set_partner("partners/1");
    EXPECT_EQ(handler.GetPartnerScorecard(nullptr, &req, &resp).error_code(),
              grpc::StatusCode::NOT_FOUND);
    v1::RebuildReadModelsRequest rebuild;
    v1::RebuildReadModelsResponse rebuilt;
    grpc::Status s = handler.RebuildReadModels(nullptr, &rebuild, &rebuilt);
    EXPECT_THAT(s.error_message(), HasSubstr("confirm"));
  }
}

}  // namespace
}  // namespace partnerhub::reporting
