// health: grpc.health.v1.Health/Check against the service under test. The
// server answers it from memory (no I/O), so it is the cost of an empty
// gRPC call on this machine — the ceiling of any RPC's throughput here.
#include <memory>
#include <utility>
#include <vector>

#include "grpc/health/v1/health.grpc.pb.h"
#include "tools/bench/rpc_slot.h"
#include "tools/bench/scenario.h"

namespace partnerhub::bench {
namespace {

using ::grpc::health::v1::Health;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;

class HealthScenario final : public AsyncScenario {
 public:
  explicit HealthScenario(BenchContext& context) : context_(context) {}

  absl::Status Prepare() override {
    if (absl::Status s = context_.ConnectChannels(absl::Seconds(10)); !s.ok()) {
      return s;
    }
    for (int w = 0; w < context_.concurrency(); ++w) {
      stubs_.push_back(Health::NewStub(context_.Channel(w)));
    }
    // request.service stays "": the server as a whole.
    slots_ = MakeSlots<HealthCheckRequest, HealthCheckResponse>(
        context_.concurrency());
    return absl::OkStatus();
  }

  void StartCall(int worker, CallDone done) override {
    Slot& slot = *slots_[worker];
    slot.Start(
        stubs_[worker]->PrepareAsyncCheck(
            slot.NewContext(context_.options().rpc_deadline), slot.request,
            context_.Queue(worker)),
        [this, &slot, done = std::move(done)](const grpc::Status& s) {
          if (s.ok() &&
              slot.response.status() != HealthCheckResponse::SERVING) {
            done(errors_.Note(grpc::StatusCode::UNAVAILABLE, "NOT_SERVING"));
            return;
          }
          done(errors_.Note(s.error_code(), s.error_message()));
        });
  }

 private:
  using Slot = RpcSlot<HealthCheckRequest, HealthCheckResponse>;

  BenchContext& context_;
  std::vector<std::unique_ptr<Health::Stub>> stubs_;
  std::vector<std::unique_ptr<Slot>> slots_;
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
