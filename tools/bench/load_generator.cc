#include "tools/bench/load_generator.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "common/log/log.h"

namespace partnerhub::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr int kCodeCount = 17;  // OK .. UNAUTHENTICATED

// What one worker records; each worker owns one, so recording takes no lock.
// Aligned so two workers' counters never share a cache line.
struct alignas(64) WorkerStats {
  WorkerStats() { latency_ns.reserve(1 << 15); }

  void Record(grpc::StatusCode code, SteadyClock::time_point t0,
              SteadyClock::time_point t1) {
    const int index = static_cast<int>(code);
    ++calls_by_code[index >= 0 && index < kCodeCount
                        ? index
                        : static_cast<int>(grpc::StatusCode::UNKNOWN)];
    if (code == grpc::StatusCode::OK) {
      latency_ns.push_back(
          std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0)
              .count());
    }
  }

  std::vector<int64_t> latency_ns;  // of OK calls
  std::array<int64_t, kCodeCount> calls_by_code{};
  SteadyClock::time_point call_start;  // of the call in flight (async)
};

// The measured window; calls that start before `record_from` (warm-up) or
// end after `end` are not recorded.
struct Window {
  SteadyClock::time_point record_from;
  SteadyClock::time_point end;
  bool Counts(SteadyClock::time_point t0, SteadyClock::time_point t1) const {
    return t0 >= record_from && t1 <= end;
  }
};

// `interval`: between this worker's call starts (zero: none); `offset`: of
// its first start, so that the workers' calls interleave.
void BlockingWorker(BlockingScenario& scenario, int worker, Window window,
                    SteadyClock::duration interval,
                    SteadyClock::duration offset, WorkerStats& stats) {
  SteadyClock::time_point next = SteadyClock::now() + offset;
  while (true) {
    if (interval > SteadyClock::duration::zero()) {
      std::this_thread::sleep_until(next);
      next += interval;
    }
    const SteadyClock::time_point t0 = SteadyClock::now();
    if (t0 >= window.end) break;
    const grpc::StatusCode code = scenario.Call(worker);
    const SteadyClock::time_point t1 = SteadyClock::now();
    if (window.Counts(t0, t1)) stats.Record(code, t0, t1);
  }
}

// Keeps one call per worker in flight: each call's completion records it
// and starts the worker's next call, until the window ends.
class AsyncLoop {
 public:
  AsyncLoop(AsyncScenario& scenario, Window window,
            std::vector<std::unique_ptr<WorkerStats>>& stats)
      : scenario_(scenario),
        window_(window),
        stats_(stats),
        running_(static_cast<int>(stats.size())) {}

  void Start() {
    for (int w = 0; w < static_cast<int>(stats_.size()); ++w) StartCall(w);
  }

  // Blocks until every worker's last call has ended.
  void Wait() {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](int* running) { return *running == 0; }, &running_));
  }

 private:
  void StartCall(int worker) {
    stats_[worker]->call_start = SteadyClock::now();
    scenario_.StartCall(
        worker, [this, worker](grpc::StatusCode code) { Done(worker, code); });
  }

  void Done(int worker, grpc::StatusCode code) {
    const SteadyClock::time_point t1 = SteadyClock::now();
    WorkerStats& stats = *stats_[worker];
    if (window_.Counts(stats.call_start, t1)) {
      stats.Record(code, stats.call_start, t1);
    }
    if (t1 < window_.end) {
      StartCall(worker);
      return;
    }
    absl::MutexLock lock(&mu_);
    --running_;
  }

  AsyncScenario& scenario_;
  const Window window_;
  std::vector<std::unique_ptr<WorkerStats>>& stats_;
  absl::Mutex mu_;
  int running_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

double LoadResult::RequestsPerSecond() const {
  const double seconds = absl::ToDoubleSeconds(window);
  return seconds > 0 ? static_cast<double>(ok) / seconds : 0;
}

double LoadResult::CpuMicrosPerCall() const {
  const double rps = RequestsPerSecond();
  if (rps <= 0 || cpu_cores.size() < 2) return -1;
  double cores = 0;
  for (size_t i = 0; i + 1 < cpu_cores.size(); ++i) {  // all but `other`
    if (cpu_cores[i] < 0) return -1;
    cores += cpu_cores[i];
  }
  return cores / rps * 1e6;
}

int64_t LoadResult::ErrorCount() const {
  int64_t n = 0;
  for (const auto& [code, count] : errors) n += count;
  return n;
}

int64_t Percentile(const std::vector<int64_t>& sorted, double q) {
  const auto n = static_cast<double>(sorted.size());
  auto rank = static_cast<size_t>(std::ceil(q * n));
  rank = std::clamp<size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

LoadResult RunLoad(const std::string& name, Scenario& scenario,
                   const LoadOptions& options) {
  Window window;
  window.record_from =
      SteadyClock::now() + absl::ToChronoNanoseconds(options.warmup);
  window.end = window.record_from + absl::ToChronoNanoseconds(options.duration);

  std::vector<std::unique_ptr<WorkerStats>> stats;
  for (int w = 0; w < options.concurrency; ++w) {
    stats.push_back(std::make_unique<WorkerStats>());
  }
  std::vector<std::thread> workers;
  std::unique_ptr<AsyncLoop> loop;
  if (auto* blocking = dynamic_cast<BlockingScenario*>(&scenario)) {
    SteadyClock::duration interval = SteadyClock::duration::zero();
    if (options.rate > 0) {
      interval = std::chrono::duration_cast<SteadyClock::duration>(
          std::chrono::duration<double>(options.concurrency / options.rate));
    }
    for (int w = 0; w < options.concurrency; ++w) {
      workers.emplace_back(BlockingWorker, std::ref(*blocking), w, window,
                           interval, interval * w / options.concurrency,
                           std::ref(*stats[w]));
    }
  } else {
    if (options.rate > 0) {
      LogWarning("--rate: ", name,
                 " is an asynchronous scenario and runs in a closed loop");
    }
    loop = std::make_unique<AsyncLoop>(dynamic_cast<AsyncScenario&>(scenario),
                                       window, stats);
    loop->Start();
  }
  // The main thread only samples CPU at the window's edges.
  std::this_thread::sleep_until(window.record_from);
  const std::vector<double> cpu_before = SampleCpu(options.watched);
  std::this_thread::sleep_until(window.end);
  const std::vector<double> cpu_after = SampleCpu(options.watched);
  for (std::thread& t : workers) t.join();
  if (loop != nullptr) loop->Wait();

  LoadResult result;
  result.scenario = name;
  result.window = options.duration;
  std::vector<int64_t> latencies;
  for (const auto& s : stats) {
    latencies.insert(latencies.end(), s->latency_ns.begin(),
                     s->latency_ns.end());
    for (int code = 0; code < kCodeCount; ++code) {
      const int64_t count = s->calls_by_code[code];
      if (count == 0) continue;
      if (code == 0) {
        result.ok += count;
      } else {
        result.errors[static_cast<grpc::StatusCode>(code)] += count;
      }
    }
  }
  if (!latencies.empty()) {
    std::sort(latencies.begin(), latencies.end());
    result.p50 = absl::Nanoseconds(Percentile(latencies, 0.50));
    result.p95 = absl::Nanoseconds(Percentile(latencies, 0.95));
    result.p99 = absl::Nanoseconds(Percentile(latencies, 0.99));
    result.max = absl::Nanoseconds(latencies.back());
  }
  const double seconds = absl::ToDoubleSeconds(options.duration);
  for (size_t i = 0; i < cpu_before.size(); ++i) {
    const bool known = cpu_before[i] >= 0 && cpu_after[i] >= 0;
    result.cpu_cores.push_back(known ? (cpu_after[i] - cpu_before[i]) / seconds
                                     : -1);
  }
  // The machine's total becomes what the others used: the noise.
  double& other = result.cpu_cores.back();
  for (size_t i = 0; i + 1 < result.cpu_cores.size() && other >= 0; ++i) {
    other = result.cpu_cores[i] >= 0
                ? std::max(0.0, other - result.cpu_cores[i])
                : -1;
  }
  return result;
}

absl::Status RunParallel(
    int count, int threads,
    absl::FunctionRef<absl::Status(int i, int thread)> fn) {
  std::atomic<int> next{0};
  std::mutex mu;
  absl::Status first_error;
  std::vector<std::thread> pool;
  for (int t = 0; t < std::max(1, threads); ++t) {
    pool.emplace_back([&, t] {
      for (int i = next++; i < count; i = next++) {
        absl::Status status = fn(i, t);
        if (!status.ok()) {
          std::lock_guard<std::mutex> lock(mu);
          if (first_error.ok()) first_error = std::move(status);
          next = count;  // stop the others
          return;
        }
      }
    });
  }
  for (std::thread& t : pool) t.join();
  return first_error;
}

const char* StatusCodeName(grpc::StatusCode code) {
  static constexpr const char* kNames[kCodeCount] = {
      "OK",
      "CANCELLED",
      "UNKNOWN",
      "INVALID_ARGUMENT",
      "DEADLINE_EXCEEDED",
      "NOT_FOUND",
      "ALREADY_EXISTS",
      "PERMISSION_DENIED",
      "RESOURCE_EXHAUSTED",
      "FAILED_PRECONDITION",
      "ABORTED",
      "OUT_OF_RANGE",
      "UNIMPLEMENTED",
      "INTERNAL",
      "UNAVAILABLE",
      "DATA_LOSS",
      "UNAUTHENTICATED",
  };
  const int index = static_cast<int>(code);
  return index >= 0 && index < kCodeCount ? kNames[index] : "UNKNOWN_CODE";
}

}  // namespace partnerhub::bench
