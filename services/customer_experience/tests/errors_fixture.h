// The table of the customer-experience errors tests (errors_*_test.cc):
// one case per failure, how to provoke it through the gRPC stub over a real
// MariaDB, and what a client must see (tests/harness/grpc_errors.h). Each
// errors_<group>_test.cc holds the cases of one RPC group; errors_test.cc
// checks them all.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_TESTS_ERRORS_FIXTURE_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_TESTS_ERRORS_FIXTURE_H_

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/grpc/proto_convert.h"
#include "common/server/server.h"
#include "services/customer_experience/tests/fixture.h"
#include "tests/harness/grpc_errors.h"

namespace partnerhub::customer_experience {

using Code = grpc::StatusCode;
using Stub = v1::CustomerExperienceService::Stub;

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

inline void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

// 2 hours after the fixture's clock: beyond the allowed clock skew.
inline google::protobuf::Timestamp Future() {
  return ToProtoTime(CxTest::Start() + absl::Hours(2));
}

inline v1::Purchase ValidPurchase(const std::string& customer, int64_t total) {
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
inline ServerOptions LagServerOptions() {
  ServerOptions options;
  options.name = "customer-experience-lag-test";
  options.listen_address = "127.0.0.1:0";
  options.log_requests = false;
  return options;
}

inline v1::SegmentCondition TwentiesCondition() {
  v1::SegmentCondition c;
  c.mutable_age_band()->add_age_bands(v1::Customer::TWENTIES);
  return c;
}

class ErrorsTest : public CxTest,
                   public ::testing::WithParamInterface<ErrorCase> {
 public:
  // The cases of each RPC group, in errors_<group>_test.cc.
  static std::vector<ErrorCase> CustomerCases();
  static std::vector<ErrorCase> TouchpointAndFunnelCases();
  static std::vector<ErrorCase> PurchaseCases();
  static std::vector<ErrorCase> SegmentCases();

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

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_TESTS_ERRORS_FIXTURE_H_
