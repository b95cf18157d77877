// The errors of the CustomerExperience service as its clients see them
// (AIP-193): through the gRPC stub, over a real MariaDB, cases of every RPC
// group and of each reason reachable without a race, asserting the code,
// the ErrorInfo (reason, domain) and the detail the code carries; and the
// per-event results of the batch and stream RPCs, which are not errors of
// the call but carry the code, reason and field paths of the event's own.
//
// Longer than most files (about 1,100 lines) because it is one table, a case
// per failure, to be read against ErrorReason in the proto; split by RPC
// group, the table would be in four places.
#include "services/customer_experience/src/domain/errors.h"

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <iterator>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/grpc/proto_convert.h"
#include "common/server/server.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "services/customer_experience/src/domain/funnel.h"
#include "services/customer_experience/tests/fixture.h"
#include "tests/harness/harness.h"

namespace partnerhub::customer_experience {
namespace {

namespace common_reason = ::partnerhub::reason;
using ::partnerhub::testing::ErrorMatches;
using ::partnerhub::testing::ErrorOf;
using Code = grpc::StatusCode;
using Stub = v1::CustomerExperienceService::Stub;
using v1::Touchpoint;

constexpr absl::string_view kDomain = "customer-experience.partnerhub";

TEST(ErrorReasonTest, EnumListsEveryReason) {
  ::partnerhub::testing::ExpectReasonEnumMatches(
      *v1::ErrorReason_descriptor(),
      {std::begin(reason::kServiceReasons), std::end(reason::kServiceReasons)});
}

// The domain writes the ResourceInfo types out; they must be the protos'.
TEST(ErrorReasonTest, ResourceTypesAreTheProtoMessages) {
  EXPECT_EQ(kCustomerType, v1::Customer::descriptor()->full_name());
  EXPECT_EQ(kTouchpointType, v1::Touchpoint::descriptor()->full_name());
  EXPECT_EQ(kPurchaseType, v1::Purchase::descriptor()->full_name());
  EXPECT_EQ(kSegmentType, v1::Segment::descriptor()->full_name());
  EXPECT_EQ(kSegmentSnapshotType,
            v1::SegmentSnapshot::descriptor()->full_name());
}

class ErrorsTest;

// One failure: how to provoke it, and what a client must see.
struct ErrorCase {
  std::string name;
  // Puts the service in the state the failure needs; may be empty. Every
  // case runs on a new schema, so the first segment is segments/1.
  std::function<void(ErrorsTest&)> setup = nullptr;
  // The failing call.
  std::function<grpc::Status(ErrorsTest&)> call = nullptr;
  // What the client must see; an empty domain is the service's own.
  ::partnerhub::testing::ExpectedError expect;
  // A table whose row count the failed call must leave as it was.
  std::string table = "";
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

// 2 hours after the fixture's clock: beyond the allowed clock skew.
google::protobuf::Timestamp Future() {
  return ToProtoTime(CxTest::Start() + absl::Hours(2));
}

v1::Purchase ValidPurchase(const std::string& customer, int64_t total) {
  v1::Purchase p;
  p.set_customer(absl::StrCat("customers/", customer));
  p.set_partner("partners/3");
  v1::PurchaseItem* item = p.add_items();
  item->set_category("fashion.shoes");
  item->set_quantity(1);
  item->mutable_amount()->set_currency_code("KRW");
  item->mutable_amount()->set_amount_minor(total);
  p.mutable_total()->set_currency_code("KRW");
  p.mutable_total()->set_amount_minor(total);
  *p.mutable_purchase_time() = ToProtoTime(CxTest::Start() - absl::Minutes(30));
  return p;
}

// A second in-process server on port 0, for a handler of its own.
ServerOptions LagServerOptions() {
  ServerOptions options;
  options.name = "customer-experience-lag-test";
  options.listen_address = "127.0.0.1:0";
  options.log_requests = false;
  return options;
}

v1::SegmentCondition TwentiesCondition() {
  v1::SegmentCondition c;
  c.mutable_age_band()->add_age_bands(v1::Customer::TWENTIES);
  return c;
}

class ErrorsTest : public CxTest,
                   public ::testing::WithParamInterface<ErrorCase> {
 public:
  static std::vector<ErrorCase> Cases();

 protected:
  void TearDown() override {
    if (lag_server_) lag_server_->Shutdown();
    CxTest::TearDown();
  }

  template <typename Req, typename Resp>
  grpc::Status Rpc(grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                const Req&, Resp*),
                   const Req& req, Stub* stub = nullptr) {
    Resp resp;
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(30));
    return ((stub != nullptr ? *stub : *stub_).*method)(&ctx, req, &resp);
  }

  // A server-streaming call read to its end; its final status.
  template <typename Req, typename Item>
  grpc::Status Stream(std::unique_ptr<grpc::ClientReader<Item>> (Stub::*method)(
                          grpc::ClientContext*, const Req&),
                      const Req& req) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(30));
    std::unique_ptr<grpc::ClientReader<Item>> reader =
        ((*stub_).*method)(&ctx, req);
    Item item;
    while (reader->Read(&item)) {
    }
    return reader->Finish();
  }

  // RecordTouchpoints with `messages`, on `stub`.
  grpc::Status RecordStream(
      Stub& stub, const std::vector<v1::RecordTouchpointsRequest>& messages,
      v1::RecordTouchpointsResponse* resp) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(30));
    std::unique_ptr<grpc::ClientWriter<v1::RecordTouchpointsRequest>> writer =
        stub.RecordTouchpoints(&ctx, resp);
    for (const auto& m : messages) {
      if (!writer->Write(m)) break;
    }
    writer->WritesDone();
    return writer->Finish();
  }

  // A second server over the same schema whose touchpoint ingestion
  // refuses once the funnel projector is 1 feed event behind (which it is
  // as soon as anything was published, since no projector runs here).
  void StartLaggingServer() {
    lag_handler_ = std::make_unique<CustomerExperienceHandler>(
        *store_, clock_, /*funnel_max_lag=*/1);
    auto server = Server::Start(LagServerOptions(), {lag_handler_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    lag_server_ = *std::move(server);
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    lag_stub_ =
        v1::CustomerExperienceService::NewStub(grpc::CreateCustomChannel(
            lag_server_->address(), grpc::InsecureChannelCredentials(), args));
  }

  void RecordPurchaseOk(const std::string& id, const v1::Purchase& p) {
    v1::RecordPurchaseRequest req;
    req.set_purchase_id(id);
    *req.mutable_purchase() = p;
    grpc::Status s = Rpc(&Stub::RecordPurchase, req);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }

  void CreateSegmentOk() {
    v1::CreateSegmentRequest req;
    req.mutable_segment()->set_display_name("twenties");
    *req.mutable_segment()->mutable_condition() = TwentiesCondition();
    grpc::Status s = Rpc(&Stub::CreateSegment, req);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }

  std::unique_ptr<CustomerExperienceHandler> lag_handler_;
  std::unique_ptr<Server> lag_server_;
  std::unique_ptr<Stub> lag_stub_;
};

std::vector<ErrorCase> ErrorsTest::Cases() {
  using T = ErrorsTest;
  const std::string kLongId(65, 'r');
  return {
      // ---- Customers ----
      {.name = "CreateCustomerReportsEveryBadFieldAtOnce",
       .call =
           [kLongId](T& t) {
             v1::CreateCustomerRequest req;
             req.set_request_id(kLongId);
             req.set_customer_id("bad id");
             req.mutable_customer()->set_birth_year(1800);
             req.mutable_customer()->set_region("kr-11");
             req.mutable_customer()->mutable_personal_data()->set_email(
                 "not-an-email");
             return t.Rpc(&Stub::CreateCustomer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"request_id", "customer_id", "customer.birth_year",
                             "customer.region",
                             "customer.personal_data.email"}},
       .table = "customers"},
      {.name = "CreateCustomerReportsEveryUnconvertibleFieldAtOnce",
       .call =
           [](T& t) {
             v1::CreateCustomerRequest req;
             req.set_customer_id("c1");
             req.mutable_customer()->set_gender(
                 static_cast<v1::Customer::Gender>(42));
             req.mutable_customer()->mutable_marketing_consent()->set_state(
                 static_cast<v1::MarketingConsent::State>(9));
             return t.Rpc(&Stub::CreateCustomer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"customer.gender",
                             "customer.marketing_consent.state"}},
       .table = "customers"},
      {.name = "CreateCustomerWithATakenId",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::CreateCustomerRequest req;
             req.set_customer_id("c1");
             return t.Rpc(&Stub::CreateCustomer, req);
           },
       .expect = {.code = Code::ALREADY_EXISTS,
                  .reason = reason::kCustomerAlreadyExists,
                  .metadata_resource = "customers/c1"},
       .table = "customers"},
      {.name = "CreateCustomerReusingARequestId",
       .setup =
           [](T& t) {
             v1::CreateCustomerRequest req;
             req.set_customer_id("c1");
             req.set_request_id("req-1");
             EXPECT_TRUE(t.Rpc(&Stub::CreateCustomer, req).ok());
           },
       .call =
           [](T& t) {
             v1::CreateCustomerRequest req;
             req.set_customer_id("c2");
             req.set_request_id("req-1");
             return t.Rpc(&Stub::CreateCustomer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kRequestIdReused,
                  .fields = {"request_id"}},
       .table = "customers"},
      {.name = "GetCustomerThatDoesNotExist",
       .call =
           [](T& t) {
             v1::GetCustomerRequest req;
             req.set_name("customers/nobody");
             return t.Rpc(&Stub::GetCustomer, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCustomerNotFound,
                  .resource = "customers/nobody"}},
      {.name = "GetCustomerWithAMalformedName",
       .call =
           [](T& t) {
             v1::GetCustomerRequest req;
             req.set_name("customer/c1");
             return t.Rpc(&Stub::GetCustomer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"name"}}},
      {.name = "ListCustomersWithAnUnknownFilterValue",
       .call =
           [](T& t) {
             v1::ListCustomersRequest req;
             req.set_filter("gender = PURPLE");
             return t.Rpc(&Stub::ListCustomers, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"filter"}}},
      {.name = "ListCustomersWithAForeignPageToken",
       .call =
           [](T& t) {
             v1::ListCustomersRequest req;
             req.set_page_token("not-a-token");
             return t.Rpc(&Stub::ListCustomers, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidPageToken,
                  .fields = {"page_token"}}},
      {.name = "UpdateCustomerWithoutAMask",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::UpdateCustomerRequest req;
             req.mutable_customer()->set_name("customers/c1");
             return t.Rpc(&Stub::UpdateCustomer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"update_mask"}}},
      {.name = "UpdateCustomerReportsEveryPathThatCannotBeUpdated",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::UpdateCustomerRequest req;
             req.mutable_customer()->set_name("customers/c1");
             req.mutable_update_mask()->add_paths("region");
             req.mutable_update_mask()->add_paths("marketing_consent");
             req.mutable_update_mask()->add_paths("etag");
             return t.Rpc(&Stub::UpdateCustomer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"update_mask.paths[1]", "update_mask.paths[2]"}}},
      {.name = "UpdateCustomerReportsEveryBadValueAtOnce",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::UpdateCustomerRequest req;
             v1::Customer* c = req.mutable_customer();
             c->set_name("customers/c1");
             c->set_birth_year(1800);
             c->set_region("Seoul");
             c->mutable_personal_data()->set_email("no-at-sign");
             for (const char* p : {"birth_year", "region", "personal_data"})
               req.mutable_update_mask()->add_paths(p);
             return t.Rpc(&Stub::UpdateCustomer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"customer.birth_year", "customer.region",
                             "customer.personal_data.email"}}},
      {.name = "UpdateCustomerWithAStaleEtag",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::UpdateCustomerRequest req;
             req.mutable_customer()->set_name("customers/c1");
             req.mutable_customer()->set_region("KR-26");
             req.mutable_customer()->set_etag("7");
             req.mutable_update_mask()->add_paths("region");
             return t.Rpc(&Stub::UpdateCustomer, req);
           },
       .expect = {.code = Code::ABORTED,
                  .reason = common_reason::kStaleEtag,
                  .metadata_resource = "customers/c1"}},
      {.name = "UpdateCustomerThatDoesNotExist",
       .call =
           [](T& t) {
             v1::UpdateCustomerRequest req;
             req.mutable_customer()->set_name("customers/nobody");
             req.mutable_update_mask()->add_paths("region");
             return t.Rpc(&Stub::UpdateCustomer, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCustomerNotFound,
                  .resource = "customers/nobody"}},
      {.name = "SetMarketingConsentToDeniedAfterCreate",
       .setup = [](T& t) { t.CreateCustomer("c1"); },  // GRANTED
       .call =
           [](T& t) {
             v1::SetMarketingConsentRequest req;
             req.set_name("customers/c1");
             req.set_state(v1::MarketingConsent::DENIED);
             req.set_source("app-settings");
             return t.Rpc(&Stub::SetMarketingConsent, req);
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kConsentDeniedOnlyOnCreate,
                  .subject = "customers/c1"},
       .table = "consent_changes"},
      {.name = "SetMarketingConsentRevokingADeniedConsent",
       .setup =
           [](T& t) {
             t.CreateCustomer("c1", 1998, v1::Customer::FEMALE,
                              v1::MarketingConsent::DENIED);
           },
       .call =
           [](T& t) {
             v1::SetMarketingConsentRequest req;
             req.set_name("customers/c1");
             req.set_state(v1::MarketingConsent::REVOKED);
             req.set_source("app-settings");
             return t.Rpc(&Stub::SetMarketingConsent, req);
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kConsentNotGranted,
                  .subject = "customers/c1"},
       .table = "consent_changes"},
      {.name = "SetMarketingConsentReportsEveryBadFieldAtOnce",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::SetMarketingConsentRequest req;
             req.set_name("customers/c1");
             req.set_state(v1::MarketingConsent::REVOKED);
             req.set_source("app settings!");
             *req.mutable_change_time() = Future();
             return t.Rpc(&Stub::SetMarketingConsent, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"source", "change_time"}},
       .table = "consent_changes"},
      {.name = "SetMarketingConsentWithoutAState",
       .call =
           [](T& t) {
             v1::SetMarketingConsentRequest req;
             req.set_name("customers/c1");
             return t.Rpc(&Stub::SetMarketingConsent, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"state"}}},
      {.name = "ListConsentChangesOfAMissingCustomer",
       .call =
           [](T& t) {
             v1::ListConsentChangesRequest req;
             req.set_parent("customers/nobody");
             return t.Rpc(&Stub::ListConsentChanges, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCustomerNotFound,
                  .resource = "customers/nobody"}},
      {.name = "ErasePersonalDataWithAStaleEtag",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::ErasePersonalDataRequest req;
             req.set_name("customers/c1");
             req.set_etag("9");
             return t.Rpc(&Stub::ErasePersonalData, req);
           },
       .expect = {.code = Code::ABORTED,
                  .reason = common_reason::kStaleEtag,
                  .metadata_resource = "customers/c1"}},

      // ---- Touchpoints ----
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

      // ---- Purchases ----
      {.name = "RecordPurchaseReportsEveryBadFieldAtOnce",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::RecordPurchaseRequest req;
             req.set_purchase_id("bad id");
             v1::Purchase p = ValidPurchase("c1", 10000);
             p.mutable_items(0)->set_category("Bad Category");
             p.mutable_items(0)->set_quantity(0);
             p.set_coupon_code(std::string(65, 'C'));
             *req.mutable_purchase() = p;
             return t.Rpc(&Stub::RecordPurchase, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"purchase_id", "purchase.items[0].category",
                             "purchase.items[0].quantity",
                             "purchase.coupon_code"}},
       .table = "purchases"},
      {.name = "RecordPurchaseReportsEveryUnconvertibleFieldAtOnce",
       .call =
           [](T& t) {
             v1::RecordPurchaseRequest req;
             req.set_purchase_id("o1");
             v1::Purchase p = ValidPurchase("c1", 10000);
             p.set_customer("customer/c1");
             p.clear_partner();
             p.mutable_items(0)->mutable_amount()->set_currency_code("USD");
             p.set_campaign("campaign/1");
             *req.mutable_purchase() = p;
             return t.Rpc(&Stub::RecordPurchase, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"purchase.customer", "purchase.partner",
                             "purchase.items[0].amount.currency_code",
                             "purchase.campaign"}},
       .table = "purchases"},
      {.name = "RecordPurchaseOfAnUnknownCustomer",
       .call =
           [](T& t) {
             v1::RecordPurchaseRequest req;
             req.set_purchase_id("o1");
             *req.mutable_purchase() = ValidPurchase("ghost", 10000);
             return t.Rpc(&Stub::RecordPurchase, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCustomerNotFound,
                  .resource = "customers/ghost"},
       .table = "purchases"},
      {.name = "RecordPurchaseAgainWithOtherContent",
       .setup =
           [](T& t) {
             t.CreateCustomer("c1");
             t.RecordPurchaseOk("o1", ValidPurchase("c1", 10000));
           },
       .call =
           [](T& t) {
             v1::RecordPurchaseRequest req;
             req.set_purchase_id("o1");
             *req.mutable_purchase() = ValidPurchase("c1", 12000);
             return t.Rpc(&Stub::RecordPurchase, req);
           },
       .expect = {.code = Code::ALREADY_EXISTS,
                  .reason = reason::kPurchaseContentMismatch,
                  .metadata_resource = "purchases/o1"},
       .table = "purchases"},
      {.name = "GetPurchaseThatDoesNotExist",
       .call =
           [](T& t) {
             v1::GetPurchaseRequest req;
             req.set_name("purchases/nope");
             return t.Rpc(&Stub::GetPurchase, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kPurchaseNotFound,
                  .resource = "purchases/nope"}},
      {.name = "RefundPurchaseBeyondItsTotal",
       .setup =
           [](T& t) {
             t.CreateCustomer("c1");
             t.RecordPurchaseOk("o1", ValidPurchase("c1", 10000));
           },
       .call =
           [](T& t) {
             v1::RefundPurchaseRequest req;
             req.set_name("purchases/o1");
             req.mutable_refund()->mutable_amount()->set_amount_minor(20000);
             *req.mutable_refund()->mutable_refund_time() =
                 ToProtoTime(Start());
             return t.Rpc(&Stub::RefundPurchase, req);
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kRefundExceedsTotal,
                  .subject = "purchases/o1"},
       .table = "refunds"},
      {.name = "RefundPurchaseReportsEveryBadFieldAtOnce",
       .setup =
           [](T& t) {
             t.CreateCustomer("c1");
             t.RecordPurchaseOk("o1", ValidPurchase("c1", 10000));
           },
       .call =
           [kLongId](T& t) {
             v1::RefundPurchaseRequest req;
             req.set_name("purchases/o1");
             req.set_request_id(kLongId);
             req.mutable_refund()->set_reason(std::string(501, 'x'));
             return t.Rpc(&Stub::RefundPurchase, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"request_id", "refund.amount.amount_minor",
                             "refund.reason", "refund.refund_time"}},
       .table = "refunds"},
      {.name = "RefundPurchaseThatDoesNotExist",
       .call =
           [](T& t) {
             v1::RefundPurchaseRequest req;
             req.set_name("purchases/nope");
             req.mutable_refund()->mutable_amount()->set_amount_minor(100);
             return t.Rpc(&Stub::RefundPurchase, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kPurchaseNotFound,
                  .resource = "purchases/nope"}},

      // ---- Funnel ----
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

      // ---- Segments and snapshots ----
      {.name = "CreateSegmentReportsEveryBadFieldAtOnce",
       .call =
           [kLongId](T& t) {
             v1::CreateSegmentRequest req;
             req.set_request_id(kLongId);
             v1::SegmentConditionList* all =
                 req.mutable_segment()->mutable_condition()->mutable_all_of();
             v1::SpendCondition* spend = all->add_conditions()->mutable_spend();
             spend->mutable_min_amount()->set_currency_code("won");
             spend->mutable_window()->set_last_days(30);
             all->add_conditions()->mutable_age_band();  // no bands
             return t.Rpc(&Stub::CreateSegment, req);
           },
       .expect =
           {.code = Code::INVALID_ARGUMENT,
            .reason = common_reason::kInvalidField,
            .fields =
                {"request_id", "segment.display_name",
                 "segment.condition.all_of.conditions[0].spend.min_amount."
                 "currency_code",
                 "segment.condition.all_of.conditions[0].spend.min_amount."
                 "amount_minor",
                 "segment.condition.all_of.conditions[1].age_band.age_bands"}},
       .table = "segments"},
      {.name = "CreateSegmentReportsEveryUnconvertibleFieldAtOnce",
       .call =
           [](T& t) {
             v1::CreateSegmentRequest req;
             req.mutable_segment()->set_display_name("bad conditions");
             v1::SegmentConditionList* all =
                 req.mutable_segment()->mutable_condition()->mutable_all_of();
             all->add_conditions()->mutable_touchpoint();  // no type, window
             all->add_conditions()->mutable_gender()->add_genders(
                 v1::Customer::GENDER_UNSPECIFIED);
             return t.Rpc(&Stub::CreateSegment, req);
           },
       .expect =
           {.code = Code::INVALID_ARGUMENT,
            .reason = common_reason::kInvalidField,
            .fields =
                {"segment.condition.all_of.conditions[0].touchpoint.type",
                 "segment.condition.all_of.conditions[0].touchpoint.window",
                 "segment.condition.all_of.conditions[1].gender.genders[0]"}},
       .table = "segments"},
      {.name = "GetSegmentThatDoesNotExist",
       .call =
           [](T& t) {
             v1::GetSegmentRequest req;
             req.set_name("segments/9");
             return t.Rpc(&Stub::GetSegment, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kSegmentNotFound,
                  .resource = "segments/9"}},
      {.name = "ListSegmentsWithAnUnknownOrder",
       .call =
           [](T& t) {
             v1::ListSegmentsRequest req;
             req.set_order_by("size desc");
             return t.Rpc(&Stub::ListSegments, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"order_by"}}},
      {.name = "UpdateSegmentWithAPathThatCannotBeUpdated",
       .setup = [](T& t) { t.CreateSegmentOk(); },
       .call =
           [](T& t) {
             v1::UpdateSegmentRequest req;
             req.mutable_segment()->set_name("segments/1");
             req.mutable_update_mask()->add_paths("create_time");
             return t.Rpc(&Stub::UpdateSegment, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"update_mask.paths[0]"}}},
      {.name = "UpdateSegmentWithAStaleEtag",
       .setup = [](T& t) { t.CreateSegmentOk(); },
       .call =
           [](T& t) {
             v1::UpdateSegmentRequest req;
             req.mutable_segment()->set_name("segments/1");
             req.mutable_segment()->set_display_name("renamed");
             req.mutable_segment()->set_etag("5");
             req.mutable_update_mask()->add_paths("display_name");
             return t.Rpc(&Stub::UpdateSegment, req);
           },
       .expect = {.code = Code::ABORTED,
                  .reason = common_reason::kStaleEtag,
                  .metadata_resource = "segments/1"}},
      {.name = "EstimateSegmentSizeWithoutATarget",
       .call =
           [](T& t) {
             return t.Rpc(&Stub::EstimateSegmentSize,
                          v1::EstimateSegmentSizeRequest());
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"segment"}}},
      {.name = "EstimateSegmentSizeOfABadCondition",
       .call =
           [](T& t) {
             v1::EstimateSegmentSizeRequest req;
             req.mutable_condition()->mutable_funnel_stage();  // no bounds
             return t.Rpc(&Stub::EstimateSegmentSize, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"condition.funnel_stage"}}},
      {.name = "CheckSegmentMembershipOfAMissingCustomer",
       .setup = [](T& t) { t.CreateSegmentOk(); },
       .call =
           [](T& t) {
             v1::CheckSegmentMembershipRequest req;
             req.set_segment("segments/1");
             req.set_customer("customers/ghost");
             return t.Rpc(&Stub::CheckSegmentMembership, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCustomerNotFound,
                  .resource = "customers/ghost"}},
      {.name = "ListSegmentMembersOfAMissingSegment",
       .call =
           [](T& t) {
             v1::ListSegmentMembersRequest req;
             req.set_parent("segments/9");
             return t.Rpc(&Stub::ListSegmentMembers, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kSegmentNotFound,
                  .resource = "segments/9"}},
      {.name = "StreamSegmentMembersOfAMissingSegment",
       .call =
           [](T& t) {
             v1::StreamSegmentMembersRequest req;
             req.set_parent("segments/9");
             return t.Stream(&Stub::StreamSegmentMembers, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kSegmentNotFound,
                  .resource = "segments/9"}},
      {.name = "CreateSegmentSnapshotOfAMissingSegment",
       .call =
           [](T& t) {
             v1::CreateSegmentSnapshotRequest req;
             req.set_parent("segments/9");
             return t.Rpc(&Stub::CreateSegmentSnapshot, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kSegmentNotFound,
                  .resource = "segments/9"},
       .table = "segment_snapshots"},
      {.name = "GetSegmentSnapshotThatDoesNotExist",
       .setup = [](T& t) { t.CreateSegmentOk(); },
       .call =
           [](T& t) {
             v1::GetSegmentSnapshotRequest req;
             req.set_name("segments/1/snapshots/9");
             return t.Rpc(&Stub::GetSegmentSnapshot, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kSegmentSnapshotNotFound,
                  .resource = "segments/1/snapshots/9"}},
      {.name = "ListSegmentSnapshotsWithAForeignPageToken",
       .setup = [](T& t) { t.CreateSegmentOk(); },
       .call =
           [](T& t) {
             v1::ListSegmentSnapshotsRequest req;
             req.set_parent("segments/1");
             req.set_page_token("not-a-token");
             return t.Rpc(&Stub::ListSegmentSnapshots, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidPageToken,
                  .fields = {"page_token"}}},
      {.name = "StreamSegmentSnapshotMembersOfAMissingSnapshot",
       .setup = [](T& t) { t.CreateSegmentOk(); },
       .call =
           [](T& t) {
             v1::StreamSegmentSnapshotMembersRequest req;
             req.set_parent("segments/1/snapshots/9");
             return t.Stream(&Stub::StreamSegmentSnapshotMembers, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kSegmentSnapshotNotFound,
                  .resource = "segments/1/snapshots/9"}},
  };
}

TEST_P(ErrorsTest, CarriesTheDetailsOfItsCode) {
  const ErrorCase& c = GetParam();
  if (c.setup) c.setup(*this);
  ASSERT_FALSE(HasFailure()) << "the setup failed";
  const int64_t rows_before = c.table.empty() ? 0 : RowCount(c.table);

  const grpc::Status s = c.call(*this);
  ::partnerhub::testing::ExpectedError expected = c.expect;
  if (expected.domain.empty()) expected.domain = std::string(kDomain);
  EXPECT_TRUE(ErrorMatches(s, expected));

  if (!c.table.empty()) {
    EXPECT_EQ(RowCount(c.table), rows_before) << "the failed call wrote rows";
  }
}

INSTANTIATE_TEST_SUITE_P(CustomerExperience, ErrorsTest,
                         ::testing::ValuesIn(ErrorsTest::Cases()),
                         [](const ::testing::TestParamInfo<ErrorCase>& info) {
                           return info.param.name;
                         });

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
