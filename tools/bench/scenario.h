// A benchmark scenario: one kind of call, made over and over by the load
// generator's workers. Each scenario lives in its own scenario_*.cc file and
// registers itself through a Register*Scenarios function listed in
// all_scenarios.cc (see README.md, "Adding a scenario").
#ifndef PARTNERHUB_TOOLS_BENCH_SCENARIO_H_
#define PARTNERHUB_TOOLS_BENCH_SCENARIO_H_

#include <grpcpp/support/status_code_enum.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tools/bench/bench_context.h"

namespace partnerhub::bench {

// Every scenario derives from BlockingScenario or CallbackScenario.
class Scenario {
 public:
  virtual ~Scenario() = default;

  // Runs once, before the first measurement: create stubs, seed data.
  // Not timed.
  virtual absl::Status Prepare() { return absl::OkStatus(); }
};

// A scenario whose call blocks its thread (e.g. SQL through Connector/C++):
// the load generator runs one thread per worker.
class BlockingScenario : public Scenario {
 public:
  // One call, made by worker `worker` (0 ≤ worker < concurrency). Called
  // concurrently from every worker thread, never concurrently with itself
  // for the same worker: per-worker state needs no lock. Returns the call's
  // status code (absl codes convert by value; they share the numbering).
  virtual grpc::StatusCode Call(int worker) = 0;
};

// Runs when a call of a CallbackScenario ends, with its status code.
using CallDone = std::function<void(grpc::StatusCode)>;

// A scenario of RPCs made with gRPC's callback API: the load generator keeps
// `concurrency` calls in flight with no thread of its own per worker, each
// call's completion starting the next. This costs the bench about half the
// CPU per call of blocking stubs on worker threads (measured: see
// README.md), CPU that the server and the database, on the same cores, need.
class CallbackScenario : public Scenario {
 public:
  // Starts one call for worker `worker` and returns without waiting; `done`
  // runs when the call ends, on a gRPC thread. A worker's next call starts
  // only after its `done` ran, so per-worker state (the ClientContext,
  // request and response, which must live until `done`) needs no lock.
  virtual void StartCall(int worker, CallDone done) = 0;
};

// How a scenario is compared with another measured in the same run.
struct Comparison {
  // The other scenario's name, e.g. "sql:GetPartner".
  std::string baseline;
  // Lowest acceptable throughput ratio this/baseline; nullopt to only print
  // the ratio.
  std::optional<double> target;
};

struct ScenarioInfo {
  // What --scenarios names it by, e.g. "GetPartner" or "sql:GetPartner".
  std::string name;
  // One line for --help and the README.
  std::string description;
  std::vector<Comparison> comparisons;
  std::function<std::unique_ptr<Scenario>(BenchContext&)> create;
};

// Every known scenario, in registration order.
class ScenarioRegistry {
 public:
  void Add(ScenarioInfo info);
  const ScenarioInfo* Find(const std::string& name) const;
  const std::vector<ScenarioInfo>& all() const { return scenarios_; }

 private:
  std::vector<ScenarioInfo> scenarios_;
};

// Registers every scenario of the tool (all_scenarios.cc).
void RegisterAllScenarios(ScenarioRegistry& registry);

// One per scenario_*.cc file.
void RegisterHealthScenarios(ScenarioRegistry& registry);
void RegisterPartnerRegistryScenarios(ScenarioRegistry& registry);
void RegisterPartnerRegistrySqlScenarios(ScenarioRegistry& registry);

// Logs the first error of each status code a scenario sees, with its
// message, since the table only counts them. Thread-safe; free when OK.
class ErrorLog {
 public:
  explicit ErrorLog(std::string scenario) : scenario_(std::move(scenario)) {}
  // Returns `code`, so a Call() can end in `return errors_.Note(...)`.
  grpc::StatusCode Note(grpc::StatusCode code, absl::string_view message);
  grpc::StatusCode Note(const absl::Status& status);

 private:
  const std::string scenario_;
  std::atomic<uint32_t> seen_{0};
};

// A cheap random source (xorshift64*) for one worker: keep one per worker
// so picking a row to read takes no lock. Aligned to its own cache line.
class alignas(64) WorkerRandom {
 public:
  explicit WorkerRandom(uint64_t seed)
      : state_((seed + 1) * 0x9E3779B97F4A7C15ull) {}
  uint64_t Next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1Dull;
  }
  // In [0, n), n > 0; the modulo bias is irrelevant for a few thousand rows.
  uint64_t Below(uint64_t n) { return Next() % n; }

 private:
  uint64_t state_;
};

// absl::StatusCode → grpc::StatusCode (same numbers).
inline grpc::StatusCode ToGrpcCode(const absl::Status& status) {
  return static_cast<grpc::StatusCode>(status.code());
}

}  // namespace partnerhub::bench

#endif  // PARTNERHUB_TOOLS_BENCH_SCENARIO_H_
