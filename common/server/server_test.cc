#include "common/server/server.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/method_handler.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/server/termination_signals.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/harness/wait.h"

namespace partnerhub {
namespace {

using ::grpc::health::v1::HealthCheckResponse;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSleepMethod[] = "/partnerhub.test.Slow/Sleep";
constexpr char kFailMethod[] = "/partnerhub.test.Slow/Fail";
constexpr absl::Duration kWaitLimit = absl::Seconds(5);

// A sync service without a .proto: raw ByteBuffer methods, added the way
// generated code adds its own. Sleep blocks until released or cancelled.
class SlowService : public grpc::Service {
 public:
  SlowService() {
    AddMethod(new grpc::internal::RpcServiceMethod(
        kSleepMethod, grpc::internal::RpcMethod::NORMAL_RPC,
        new grpc::internal::RpcMethodHandler<SlowService, grpc::ByteBuffer,
                                             grpc::ByteBuffer>(
            [](SlowService* self, grpc::ServerContext* context,
               const grpc::ByteBuffer*, grpc::ByteBuffer* response) {
              return self->Sleep(context, response);
            },
            this)));
    AddMethod(new grpc::internal::RpcServiceMethod(
        kFailMethod, grpc::internal::RpcMethod::NORMAL_RPC,
        new grpc::internal::RpcMethodHandler<SlowService, grpc::ByteBuffer,
                                             grpc::ByteBuffer>(
            [](SlowService*, grpc::ServerContext*, const grpc::ByteBuffer*,
               grpc::ByteBuffer*) {
              return grpc::Status(grpc::StatusCode::NOT_FOUND, "no such");
            },
            this)));
  }

  absl::Notification entered;  // a Sleep call is running
  absl::Notification release;  // lets Sleep calls return OK

 private:
  grpc::Status Sleep(grpc::ServerContext* context, grpc::ByteBuffer* response) {
    entered.Notify();
    while (!release.WaitForNotificationWithTimeout(absl::Milliseconds(5))) {
      if (context->IsCancelled()) {
        return grpc::Status(grpc::StatusCode::CANCELLED, "cancelled");
      }
    }
    grpc::Slice empty("");
    *response = grpc::ByteBuffer(&empty, 1);  // a default one cannot be sent
    return grpc::Status::OK;
  }
};

// A unary call on the generic stub, completed asynchronously.
class PendingCall {
 public:
  PendingCall(grpc::GenericStub& stub, const std::string& method) {
    grpc::Slice empty("");
    request_ = grpc::ByteBuffer(&empty, 1);  // a default one cannot be sent
    stub.UnaryCall(&context_, method, grpc::StubOptions(), &request_,
                   &response_, [this](grpc::Status status) {
                     status_ = std::move(status);
                     done_.Notify();
                   });
  }
  ~PendingCall() {
    context_.TryCancel();
    done_.WaitForNotification();
  }
  bool WaitDone(absl::Duration limit) {
    return done_.WaitForNotificationWithTimeout(limit);
  }
  const grpc::Status& status() const { return status_; }  // after WaitDone

 private:
  grpc::ClientContext context_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer response_;
  grpc::Status status_;
  absl::Notification done_;
};

class ServerTest : public ::testing::Test {
 protected:
  ServerOptions Options() {
    ServerOptions options;
    options.name = "test-server";
    options.listen_address = "127.0.0.1:0";
    options.readiness = [this] {
      return ready_.load() ? absl::OkStatus()
                           : absl::UnavailableError("database ping failed");
    };
    options.readiness_interval = absl::Milliseconds(20);
    return options;
  }

  void StartServer(ServerOptions options) {
    absl::StatusOr<std::unique_ptr<Server>> server =
        Server::Start(std::move(options), {&slow_});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    ASSERT_GT(server_->port(), 0);
    channel_ = NewChannel();
  }

  std::shared_ptr<grpc::Channel> NewChannel() {
    return grpc::CreateChannel(server_->address(),
                               grpc::InsecureChannelCredentials());
  }

  // The health status of `service`, or the RPC's error code name.
  std::string Health(const std::string& service = "") {
    auto stub = grpc::health::v1::Health::NewStub(channel_);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(2));
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    HealthCheckResponse response;
    grpc::Status status = stub->Check(&context, request, &response);
    if (!status.ok()) return "RPC_ERROR";
    return HealthCheckResponse::ServingStatus_Name(response.status());
  }

  std::atomic<bool> ready_{true};
  SlowService slow_;
  std::unique_ptr<Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(ServerTest, LogsServingLineWithBoundPort) {
  ::testing::internal::CaptureStderr();
  StartServer(Options());
  std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(server_->address(), absl::StrCat("127.0.0.1:", server_->port()));
  EXPECT_THAT(log, HasSubstr(absl::StrCat("test-server serving on 127.0.0.1:",
                                          server_->port(), "\n")));
}

TEST_F(ServerTest, HealthFollowsReadiness) {
  StartServer(Options());
  EXPECT_EQ(Health(), "SERVING");
  EXPECT_EQ(Health("partnerhub.test.Slow"), "SERVING");

  ready_ = false;
  EXPECT_TRUE(testing::WaitUntil([&] { return Health() == "NOT_SERVING"; }));
  EXPECT_EQ(Health("partnerhub.test.Slow"), "NOT_SERVING");

  ready_ = true;
  EXPECT_TRUE(testing::WaitUntil([&] { return Health() == "SERVING"; }));
  EXPECT_EQ(Health("partnerhub.test.Slow"), "SERVING");
}

TEST_F(ServerTest, NotReadyAtStartIsNotServingBeforeFirstPoll) {
  ready_ = false;
  ServerOptions options = Options();
  options.readiness_interval = absl::Hours(1);  // only Start's own check
  StartServer(std::move(options));
  EXPECT_EQ(Health(), "NOT_SERVING");
  EXPECT_EQ(Health("partnerhub.test.Slow"), "NOT_SERVING");
}

TEST_F(ServerTest, LivenessStaysServingWhileNotReady) {
  StartServer(Options());
  EXPECT_EQ(Health(Server::kLivenessService), "SERVING");
  ready_ = false;
  EXPECT_TRUE(testing::WaitUntil([&] { return Health() == "NOT_SERVING"; }));
  EXPECT_EQ(Health("partnerhub.test.Slow"), "NOT_SERVING");
  EXPECT_EQ(Health(Server::kLivenessService), "SERVING");
  // An unknown name is not taken for liveness.
  EXPECT_EQ(Health("no.such.Service"), "RPC_ERROR");
}

TEST_F(ServerTest, LivenessStaysServingWhileShuttingDown) {
  ServerOptions options = Options();
  options.shutdown_delay = absl::Seconds(2);
  StartServer(std::move(options));
  std::thread shutdown([&] { server_->Shutdown(); });
  // Readiness goes at once; liveness answers SERVING as long as calls are
  // accepted.
  EXPECT_TRUE(testing::WaitUntil([&] { return Health() == "NOT_SERVING"; }));
  EXPECT_EQ(Health("partnerhub.test.Slow"), "NOT_SERVING");
  EXPECT_EQ(Health(Server::kLivenessService), "SERVING");
  shutdown.join();
  EXPECT_EQ(Health(Server::kLivenessService), "RPC_ERROR");
}

TEST_F(ServerTest, WatchOfLivenessEndsAtShutdownStillServing) {
  StartServer(Options());
  auto stub = grpc::health::v1::Health::NewStub(channel_);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(Server::kLivenessService);
  auto reader = stub->Watch(&context, request);
  HealthCheckResponse response;
  ASSERT_TRUE(reader->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);
  const absl::Time start = absl::Now();
  server_->Shutdown();
  // The stream ends (the drain did not wait for it) without a NOT_SERVING.
  while (reader->Read(&response)) {
    EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);
  }
  EXPECT_TRUE(reader->Finish().ok());
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
}

TEST_F(ServerTest, ReflectionListsServices) {
  StartServer(Options());
  auto stub = grpc::reflection::v1alpha::ServerReflection::NewStub(channel_);
  grpc::ClientContext context;
  auto stream = stub->ServerReflectionInfo(&context);
  grpc::reflection::v1alpha::ServerReflectionRequest request;
  request.set_list_services("");
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->WritesDone());
  grpc::reflection::v1alpha::ServerReflectionResponse response;
  ASSERT_TRUE(stream->Read(&response));
  std::vector<std::string> names;
  for (const auto& service : response.list_services_response().service()) {
    names.push_back(service.name());
  }
  EXPECT_THAT(names, Contains("grpc.health.v1.Health"));
  EXPECT_THAT(names, Contains("partnerhub.test.Slow"));
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(ServerTest, LogsOneLinePerRpcExceptHealthChecks) {
  ServerOptions options = Options();
  options.readiness = nullptr;  // no readiness lines in the captured log
  StartServer(std::move(options));
  grpc::GenericStub stub(channel_);
  slow_.release.Notify();

  ::testing::internal::CaptureStderr();
  {
    PendingCall ok(stub, kSleepMethod);
    ASSERT_TRUE(ok.WaitDone(kWaitLimit));
    EXPECT_TRUE(ok.status().ok());
    PendingCall failed(stub, kFailMethod);
    ASSERT_TRUE(failed.WaitDone(kWaitLimit));
    EXPECT_EQ(failed.status().error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(Health(), "SERVING");
  }
  std::string log = ::testing::internal::GetCapturedStderr();

  EXPECT_THAT(log,
              ::testing::ContainsRegex(
                  "rpc method=/partnerhub\\.test\\.Slow/Sleep code=OK "
                  "latency_ms=[0-9]+\\.[0-9]{3} peer=ipv4:127\\.0\\.0\\.1:"));
  EXPECT_THAT(log, HasSubstr("rpc method=/partnerhub.test.Slow/Fail "
                             "code=NOT_FOUND latency_ms="));
  EXPECT_THAT(log, Not(HasSubstr("Health/Check")));
}

TEST_F(ServerTest, NoRequestLogWhenDisabled) {
  ServerOptions options = Options();
  options.readiness = nullptr;
  options.log_requests = false;
  StartServer(std::move(options));
  grpc::GenericStub stub(channel_);
  ::testing::internal::CaptureStderr();
  {
    PendingCall failed(stub, kFailMethod);
    ASSERT_TRUE(failed.WaitDone(kWaitLimit));
  }
  EXPECT_THAT(::testing::internal::GetCapturedStderr(), Not(HasSubstr("rpc ")));
}

TEST_F(ServerTest, ShutdownLetsInFlightCallFinishAndRefusesNewCalls) {
  ServerOptions options = Options();
  options.drain_timeout = absl::Seconds(30);
  StartServer(std::move(options));
  grpc::GenericStub stub(channel_);
  PendingCall in_flight(stub, kSleepMethod);
  ASSERT_TRUE(slow_.entered.WaitForNotificationWithTimeout(kWaitLimit));

  const absl::Time shutdown_start = absl::Now();
  std::thread shutdown([&] { server_->Shutdown(); });
  // New calls fail while the old one still runs. A fresh channel each
  // time: a new client connecting during the drain.
  EXPECT_TRUE(testing::WaitUntil([&] {
    channel_ = NewChannel();
    return Health() == "RPC_ERROR";
  }));
  EXPECT_FALSE(in_flight.WaitDone(absl::ZeroDuration()));

  slow_.release.Notify();
  ASSERT_TRUE(in_flight.WaitDone(kWaitLimit));
  EXPECT_TRUE(in_flight.status().ok()) << in_flight.status().error_message();
  shutdown.join();
  // It returned when the call finished, not at the drain deadline.
  EXPECT_LT(absl::Now() - shutdown_start, absl::Seconds(10));
}

TEST_F(ServerTest, ShutdownCancelsCallsThatOutlastDrainTimeout) {
  ServerOptions options = Options();
  options.drain_timeout = absl::Milliseconds(200);
  StartServer(std::move(options));
  grpc::GenericStub stub(channel_);
  PendingCall stuck(stub, kSleepMethod);
  ASSERT_TRUE(slow_.entered.WaitForNotificationWithTimeout(kWaitLimit));

  const absl::Time start = absl::Now();
  server_->Shutdown();
  const absl::Duration took = absl::Now() - start;
  EXPECT_GE(took, absl::Milliseconds(150));
  EXPECT_LT(took, kWaitLimit);
  ASSERT_TRUE(stuck.WaitDone(kWaitLimit));
  EXPECT_FALSE(stuck.status().ok());
}

TEST_F(ServerTest, ShutdownIsIdempotent) {
  StartServer(Options());
  server_->Shutdown();
  server_->Shutdown();
  EXPECT_EQ(Health(), "RPC_ERROR");
  server_.reset();  // the destructor shuts down once more
}

TEST_F(ServerTest, FailsClearlyWhenPortIsTaken) {
  StartServer(Options());
  ServerOptions options = Options();
  options.listen_address = server_->address();
  SlowService other;
  absl::StatusOr<std::unique_ptr<Server>> second =
      Server::Start(std::move(options), {&other});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(second.status().message()),
              HasSubstr(server_->address()));
  // The first server is unaffected.
  EXPECT_EQ(Health(), "SERVING");
}

TEST_F(ServerTest, RejectsBadOptions) {
  ServerOptions options = Options();
  options.listen_address = "no-port-here";
  EXPECT_EQ(Server::Start(options, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  options = Options();
  options.name = "";
  EXPECT_EQ(Server::Start(options, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(ServerTest, RunUntilTerminatedDrainsOnSigterm) {
  StartServer(Options());
  absl::Status result = absl::UnknownError("not run");
  ::testing::internal::CaptureStderr();
  std::thread runner([&] { result = RunUntilTerminated(*server_); });
  // main() blocked SIGTERM in every thread; the runner takes it by sigwait.
  ASSERT_EQ(kill(getpid(), SIGTERM), 0);
  runner.join();
  std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_TRUE(result.ok()) << result;
  EXPECT_THAT(log, HasSubstr("test-server received SIGTERM"));
  EXPECT_THAT(log, HasSubstr("test-server drained"));
  EXPECT_EQ(Health(), "RPC_ERROR");
}

}  // namespace
}  // namespace partnerhub

int main(int argc, char** argv) {
  // Before any thread exists, so that all inherit the mask.
  partnerhub::BlockTerminationSignals();
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
