#include "tools/bench/load_generator.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <thread>

namespace partnerhub::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr int kCodeCount = 17;  // OK .. UNAUTHENTICATED

// What one worker records; each worker owns one, so recording takes no lock.
// Aligned so two workers' counters never share a cache line.
struct alignas(64) WorkerStats {
  std::vector<int64_t> latency_ns;  // of OK calls
  std::array<int64_t, kCodeCount> calls_by_code{};
};

void Work(Scenario& scenario, int worker, SteadyClock::time_point record_from,
          SteadyClock::time_point end, WorkerStats& stats) {
  stats.latency_ns.reserve(1 << 15);
  while (true) {
    const SteadyClock::time_point t0 = SteadyClock::now();
    if (t0 >= end) break;
    const grpc::StatusCode code = scenario.Call(worker);
    const SteadyClock::time_point t1 = SteadyClock::now();
    if (t0 < record_from || t1 > end) continue;
    const int index = static_cast<int>(code);
    ++stats.calls_by_code[index >= 0 && index < kCodeCount
                              ? index
                              : static_cast<int>(grpc::StatusCode::UNKNOWN)];
    if (code == grpc::StatusCode::OK) {
      stats.latency_ns.push_back(
          std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0)
              .count());
    }
  }
}

}  // namespace

double LoadResult::RequestsPerSecond() const {
  const double seconds = absl::ToDoubleSeconds(window);
  return seconds > 0 ? static_cast<double>(ok) / seconds : 0;
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
  const SteadyClock::time_point start = SteadyClock::now();
  const SteadyClock::time_point record_from =
      start + absl::ToChronoNanoseconds(options.warmup);
  const SteadyClock::time_point end =
      record_from + absl::ToChronoNanoseconds(options.duration);

  std::vector<std::unique_ptr<WorkerStats>> stats;
  std::vector<std::thread> workers;
  for (int w = 0; w < options.concurrency; ++w) {
    stats.push_back(std::make_unique<WorkerStats>());
    workers.emplace_back(Work, std::ref(scenario), w, record_from, end,
                         std::ref(*stats.back()));
  }
  // The main thread only samples CPU at the window's edges.
  std::this_thread::sleep_until(record_from);
  const std::vector<double> cpu_before = SampleCpu(options.watched);
  std::this_thread::sleep_until(end);
  const std::vector<double> cpu_after = SampleCpu(options.watched);
  for (std::thread& t : workers) t.join();

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
    result.p90 = absl::Nanoseconds(Percentile(latencies, 0.90));
    result.p99 = absl::Nanoseconds(Percentile(latencies, 0.99));
    result.max = absl::Nanoseconds(latencies.back());
  }
  const double seconds = absl::ToDoubleSeconds(options.duration);
  for (size_t i = 0; i < cpu_before.size(); ++i) {
    const bool known = cpu_before[i] >= 0 && cpu_after[i] >= 0;
    result.cpu_cores.push_back(known ? (cpu_after[i] - cpu_before[i]) / seconds
                                     : -1);
  }
  return result;
}

absl::Status RunParallel(int count, int threads,
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
