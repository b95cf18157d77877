// The customer-experience errors of the touchpoint and funnel RPCs, as cases
// of the errors table (errors_fixture.h); and the per-event results of the
// batch and stream RPCs, which are not errors of the call but carry the
// code, reason and field paths of the event's own.
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/grpc/proto_convert.h"
#include "common/server/server.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "services/customer_experience/src/domain/errors.h"
#include "services/customer_experience/src/domain/funnel.h"
#include "services/customer_experience/tests/errors_fixture.h"

namespace partnerhub::customer_experience {

namespace common_reason = ::partnerhub::reason;

std::vector<ErrorCase> ErrorsTest::TouchpointAndFunnelCases() {
  using T = ErrorsTest;
  using v1::Touchpoint;
  return {
      {.name = "RecordTouchpointReportsEveryBadFieldAtOnce",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::RecordTouchpointRequest req;
             Touchpoint tp =
                 MakeTouchpoint("c1", "bad id!", Touchpoint::PAGE_VIEW, 10);
             *tp.mutable_occur_time() = Future();
             (*tp.mutable_properties())["sku"] = std::string(300, 'x');
             *req.mutable_touchpoint() = tp;
             return t.Rpc(&Stub::RecordTouchpoint, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"touchpoint.event_id", "touchpoint.occur_time",
                             "touchpoint.properties[sku]"}},
       .table = "touchpoints"},
      {.name = "RecordTouchpointReportsEveryUnconvertibleFieldAtOnce",
       .call =
           [](T& t) {
             v1::RecordTouchpointRequest req;
             Touchpoint tp =
                 MakeTouchpoint("c1", "e1", Touchpoint::PAGE_VIEW, 10);
             tp.set_customer("customer/c1");
             tp.clear_type();
             tp.set_partner("partner/3");
             *req.mutable_touchpoint() = tp;
             return t.Rpc(&Stub::RecordTouchpoint, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"touchpoint.customer", "touchpoint.type",
                             "touchpoint.partner"}},
       .table = "touchpoints"},
      {.name = "RecordTouchpointOfAnUnknownCustomer",
       .call =
           [](T& t) {
             v1::RecordTouchpointRequest req;
             *req.mutable_touchpoint() =
                 MakeTouchpoint("ghost", "e1", Touchpoint::PAGE_VIEW, 10);
             return t.Rpc(&Stub::RecordTouchpoint, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCustomerNotFound,
                  .resource = "customers/ghost"},
       .table = "touchpoints"},
      {.name = "RecordTouchpointWhileTheFunnelLagsTooFar",
       .setup =
           [](T& t) {
             t.StartLaggingServer();
             t.CreateCustomer("c1");  // one feed event, not projected
           },
       .call =
           [](T& t) {
             v1::RecordTouchpointRequest req;
             *req.mutable_touchpoint() =
                 MakeTouchpoint("c1", "e1", Touchpoint::PAGE_VIEW, 10);
             return t.Rpc(&Stub::RecordTouchpoint, req, t.lag_stub_.get());
           },
       .expect = {.code = Code::RESOURCE_EXHAUSTED,
                  .reason = reason::kFunnelLagLimitReached,
                  .retry = true},
       .table = "touchpoints"},
      {.name = "BatchRecordTouchpointsWhileTheFunnelLagsTooFar",
       .setup =
           [](T& t) {
             t.StartLaggingServer();
             t.CreateCustomer("c1");
           },
       .call =
           [](T& t) {
             v1::BatchRecordTouchpointsRequest req;
             *req.add_touchpoints() =
                 MakeTouchpoint("c1", "e1", Touchpoint::PAGE_VIEW, 10);
             *req.add_touchpoints() =
                 MakeTouchpoint("c1", "e2", Touchpoint::SEARCH, 9);
             return t.Rpc(&Stub::BatchRecordTouchpoints, req,
                          t.lag_stub_.get());
           },
       .expect = {.code = Code::RESOURCE_EXHAUSTED,
                  .reason = reason::kFunnelLagLimitReached,
                  .retry = true},
       .table = "touchpoints"},
      {.name = "RecordTouchpointsStreamWhileTheFunnelLagsTooFar",
       .setup =
           [](T& t) {
             t.StartLaggingServer();
             t.CreateCustomer("c1");
           },
       .call =
           [](T& t) {
             v1::RecordTouchpointsRequest m;
             *m.add_touchpoints() =
                 MakeTouchpoint("c1", "e1", Touchpoint::PAGE_VIEW, 10);
             v1::RecordTouchpointsResponse resp;
             return t.RecordStream(*t.lag_stub_, {m}, &resp);
           },
       .expect = {.code = Code::RESOURCE_EXHAUSTED,
                  .reason = reason::kFunnelLagLimitReached,
                  .retry = true},
       .table = "touchpoints"},
      {.name = "BatchRecordTouchpointsWithoutEvents",
       .call =
           [](T& t) {
             return t.Rpc(&Stub::BatchRecordTouchpoints,
                          v1::BatchRecordTouchpointsRequest());
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"touchpoints"}}},
      {.name = "RecordTouchpointsStreamWithAnOversizedMessage",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::RecordTouchpointsRequest m;
             for (int i = 0; i <= kMaxBatchTouchpoints; ++i) {
               *m.add_touchpoints() = MakeTouchpoint("c1", absl::StrCat("e", i),
                                                     Touchpoint::PAGE_VIEW, 10);
             }
             v1::RecordTouchpointsResponse resp;
             return t.RecordStream(*t.stub_, {m}, &resp);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"touchpoints"}},
       .table = "touchpoints"},
      {.name = "GetTouchpointThatDoesNotExist",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::GetTouchpointRequest req;
             req.set_name("customers/c1/touchpoints/nope");
             return t.Rpc(&Stub::GetTouchpoint, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kTouchpointNotFound,
                  .resource = "customers/c1/touchpoints/nope"}},
      {.name = "ListCustomerJourneyWithANegativePageSize",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::ListCustomerJourneyRequest req;
             req.set_parent("customers/c1");
             req.set_page_size(-1);
             return t.Rpc(&Stub::ListCustomerJourney, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"page_size"}}},

      {.name = "GetCustomerFunnelOfAMissingCustomer",
       .call =
           [](T& t) {
             v1::GetCustomerFunnelRequest req;
             req.set_name("customers/ghost/funnel");
             return t.Rpc(&Stub::GetCustomerFunnel, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCustomerNotFound,
                  .resource = "customers/ghost"}},
      {.name = "GetFunnelCountsReportsEveryUnconvertibleFieldAtOnce",
       .call =
           [](T& t) {
             v1::GetFunnelCountsRequest req;
             req.set_partner("partner/3");
             return t.Rpc(&Stub::GetFunnelCounts, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"partner", "start_time", "end_time"}}},
      {.name = "GetFunnelCountsReportsEveryBadFieldAtOnce",
       .call =
           [](T& t) {
             v1::GetFunnelCountsRequest req;
             *req.mutable_start_time() = ToProtoTime(Start());
             *req.mutable_end_time() = ToProtoTime(Start() - absl::Hours(1));
             return t.Rpc(&Stub::GetFunnelCounts, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"partner", "end_time"}}},

  };
}

namespace {

using ::partnerhub::testing::ErrorOf;
using v1::Touchpoint;

// The funnel lag refusal tells a client how far behind the projector is and
// how long to wait.
TEST_F(CxTest, FunnelLagRefusalSaysHowFarBehindAndWhenToRetry) {
  auto handler = std::make_unique<CustomerExperienceHandler>(
      *store_, clock_, /*funnel_max_lag=*/1);
  auto server = Server::Start(LagServerOptions(), {handler.get()});
  ASSERT_TRUE(server.ok()) << server.status();
  auto stub = v1::CustomerExperienceService::NewStub(grpc::CreateChannel(
      (*server)->address(), grpc::InsecureChannelCredentials()));
  CreateCustomer("c1");
  CreateCustomer("c2");  // two feed events behind

  v1::RecordTouchpointRequest req;
  *req.mutable_touchpoint() =
      MakeTouchpoint("c1", "e1", Touchpoint::PAGE_VIEW, 10);
  v1::Touchpoint resp;
  grpc::ClientContext ctx;
  const grpc::Status s = stub->RecordTouchpoint(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::RESOURCE_EXHAUSTED);
  const absl::Status e = ErrorOf(s);
  EXPECT_EQ(ReasonOf(e), reason::kFunnelLagLimitReached);
  EXPECT_EQ(ErrorMetadataOf(e, "lag"), "2");
  EXPECT_EQ(ErrorMetadataOf(e, "max_lag"), "1");
  EXPECT_EQ(RetryDelayOf(e), kFunnelLagRetryDelay);
  (*server)->Shutdown();
}

// A batch is not refused for its bad events: each rejected one has its own
// code, reason and message, the message naming the event's fields by its
// index in the request (of a stream: in the whole stream).
TEST_F(CxTest, RejectedEventsCarryTheirReasonAndIndexedFieldPaths) {
  CreateCustomer("c1");
  v1::BatchRecordTouchpointsRequest req;
  *req.add_touchpoints() =
      MakeTouchpoint("c1", "e0", Touchpoint::PAGE_VIEW, 10);  // 0 recorded
  Touchpoint bad = MakeTouchpoint("c1", "bad id!", Touchpoint::PAGE_VIEW, 10);
  *bad.mutable_occur_time() = Future();
  *req.add_touchpoints() = bad;  // 1: two violations
  *req.add_touchpoints() =
      MakeTouchpoint("ghost", "e2", Touchpoint::SEARCH, 9);  // 2: no customer
  Touchpoint refund = MakeTouchpoint("c1", "e3", Touchpoint::REFUND, 8);
  *req.add_touchpoints() = refund;  // 3: REFUND is not for clients
  v1::BatchRecordTouchpointsResponse resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(stub_->BatchRecordTouchpoints(&ctx, req, &resp).ok());
  ASSERT_EQ(resp.results_size(), 4);

  EXPECT_EQ(resp.results(0).outcome(), v1::TouchpointResult::RECORDED);
  EXPECT_EQ(resp.results(0).reason(), "");
  EXPECT_EQ(resp.results(0).code(), 0);

  EXPECT_EQ(resp.results(1).outcome(), v1::TouchpointResult::REJECTED);
  EXPECT_EQ(resp.results(1).code(), grpc::INVALID_ARGUMENT);
  EXPECT_EQ(resp.results(1).reason(), common_reason::kInvalidField);
  EXPECT_TRUE(absl::StartsWith(resp.results(1).message(),
                               "touchpoints[1].event_id must be"))
      << resp.results(1).message();
  EXPECT_TRUE(absl::StrContains(resp.results(1).message(),
                                "; touchpoints[1].occur_time lies in the "
                                "future"))
      << resp.results(1).message();

  EXPECT_EQ(resp.results(2).code(), grpc::NOT_FOUND);
  EXPECT_EQ(resp.results(2).reason(), reason::kCustomerNotFound);
  EXPECT_EQ(resp.results(2).message(),
            "touchpoints[2].customer: customers/ghost does not exist");

  EXPECT_EQ(resp.results(3).code(), grpc::INVALID_ARGUMENT);
  EXPECT_EQ(resp.results(3).reason(), common_reason::kInvalidField);
  EXPECT_EQ(resp.results(3).message(),
            "touchpoints[3].type REFUND is recorded by RefundPurchase only");
  EXPECT_EQ(resp.rejected_count(), 3);
  EXPECT_EQ(RowCount("touchpoints"), 1);

  // A stream counts the index over all its messages.
  v1::RecordTouchpointsRequest first, second;
  *first.add_touchpoints() =
      MakeTouchpoint("c1", "s0", Touchpoint::PAGE_VIEW, 10);
  *first.add_touchpoints() =
      MakeTouchpoint("c1", "s1", Touchpoint::PAGE_VIEW, 10);
  Touchpoint no_type = MakeTouchpoint("c1", "s2", Touchpoint::PAGE_VIEW, 10);
  no_type.clear_type();
  *second.add_touchpoints() = no_type;  // stream index 2
  v1::RecordTouchpointsResponse streamed;
  grpc::ClientContext stream_ctx;
  auto writer = stub_->RecordTouchpoints(&stream_ctx, &streamed);
  ASSERT_TRUE(writer->Write(first));
  ASSERT_TRUE(writer->Write(second));
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(streamed.recorded_count(), 2);
  ASSERT_EQ(streamed.rejected_size(), 1);
  EXPECT_EQ(streamed.rejected(0).index(), 2);
  EXPECT_EQ(streamed.rejected(0).reason(), common_reason::kInvalidField);
  EXPECT_EQ(streamed.rejected(0).message(), "touchpoints[2].type is required");
}

}  // namespace
}  // namespace partnerhub::customer_experience
