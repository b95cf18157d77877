// health: grpc.health.v1.Health/Check against the service under test. The
// server answers it from memory (no I/O), so it is the cost of an empty
// gRPC call on this machine — the ceiling of any RPC's throughput here.
#include <grpcpp/client_context.h>

#include <chrono>
#include <memory>
#include <utility>
#include <vector>

#include "grpc/health/v1/health.grpc.pb.h"
#include "tools/bench/scenario.h"

namespace partnerhub::bench {
namespace {

using ::grpc::health::v1::Health;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;

class HealthScenario final : public Scenario {
 public:
  explicit HealthScenario(BenchContext& context) : context_(context) {}

  absl::Status Prepare() override {
    if (absl::Status s = context_.ConnectChannels(absl::Seconds(10)); !s.ok()) {
      return s;
    }
    for (int w = 0; w < context_.concurrency(); ++w) {
      stubs_.push_back(Health::NewStub(context_.Channel(w)));
    }
    return absl::OkStatus();
  }

  grpc::StatusCode Call(int worker) override {
    grpc::ClientContext rpc;
    rpc.set_deadline(std::chrono::system_clock::now() +
                     absl::ToChronoMilliseconds(context_.options().rpc_deadline));
    HealthCheckRequest request;  // service "": the server as a whole
    HealthCheckResponse response;
    const grpc::Status status = stubs_[worker]->Check(&rpc, request, &response);
    if (status.ok() && response.status() != HealthCheckResponse::SERVING) {
      return errors_.Note(grpc::StatusCode::UNAVAILABLE, "NOT_SERVING");
    }
    return errors_.Note(status.error_code(), status.error_message());
  }

 private:
  BenchContext& context_;
  std::vector<std::unique_ptr<Health::Stub>> stubs_;
  ErrorLog errors_{"health"};
};

}  // namespace

void RegisterHealthScenarios(ScenarioRegistry& registry) {
  ScenarioInfo info;
  info.name = "health";
  info.description =
      "grpc.health.v1.Health/Check: an empty gRPC call (no I/O on the "
      "server), the ceiling of any RPC on this machine";
  info.create = [](BenchContext& c) -> std::unique_ptr<Scenario> {
    return std::make_unique<HealthScenario>(c);
  };
  registry.Add(std::move(info));
}

}  // namespace partnerhub::bench
