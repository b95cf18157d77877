// The load generator: `concurrency` worker threads, each calling a
// scenario's Call() in a closed loop (one call in flight per worker), or
// paced at a fixed total rate, for a warm-up that is not recorded, then for
// the measured duration.
#ifndef PARTNERHUB_TOOLS_BENCH_LOAD_GENERATOR_H_
#define PARTNERHUB_TOOLS_BENCH_LOAD_GENERATOR_H_

#include <grpcpp/support/status_code_enum.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "tools/bench/cpu_usage.h"
#include "tools/bench/scenario.h"

namespace partnerhub::bench {

struct LoadOptions {
  int concurrency = 16;
  absl::Duration warmup = absl::Seconds(3);
  absl::Duration duration = absl::Seconds(20);
  // Calls per second started across all workers, each worker keeping its
  // share on a fixed schedule (a late call starts at once, up to the
  // workers' limit of one in flight each); 0 runs a closed loop, each call
  // right after the one before. Blocking scenarios only.
  double rate = 0;
  // Processes whose CPU use over the measured window goes into the result.
  std::vector<WatchedProcess> watched;
};

struct LoadResult {
  std::string scenario;
  // The measured window: calls that started before it or ended after it
  // are not counted.
  absl::Duration window;
  int64_t ok = 0;
  // Calls per non-OK status code.
  std::map<grpc::StatusCode, int64_t> errors;
  // Latency percentiles of the OK calls (zero when there were none).
  absl::Duration p50, p95, p99, max;
  // CPU used during the window, in cores (1.0 = one core all the time):
  // this process, each watched process, then every other process on the
  // machine (the noise). Negative when unreadable.
  std::vector<double> cpu_cores;

  // OK calls per second of the window.
  double RequestsPerSecond() const;
  // CPU microseconds per OK call of this process and the watched ones
  // together (not `other`): what one call costs the machine, which the
  // noise of other processes disturbs far less than throughput. Negative
  // when unknown.
  double CpuMicrosPerCall() const;
  int64_t ErrorCount() const;
};

// Runs `scenario` (already prepared) and measures it.
LoadResult RunLoad(const std::string& name, Scenario& scenario,
                   const LoadOptions& options);

// The nearest-rank percentile `q` (0 < q ≤ 1) of `sorted` (ascending,
// non-empty).
int64_t Percentile(const std::vector<int64_t>& sorted, double q);

// Runs fn(i, thread) for i in [0, count) on `threads` threads; the first
// error stops the remaining work and is returned. For seeding in Prepare.
absl::Status RunParallel(int count, int threads,
                         absl::FunctionRef<absl::Status(int i, int thread)> fn);

// "NOT_FOUND", "DEADLINE_EXCEEDED", ...
const char* StatusCodeName(grpc::StatusCode code);

}  // namespace partnerhub::bench

#endif  // PARTNERHUB_TOOLS_BENCH_LOAD_GENERATOR_H_
