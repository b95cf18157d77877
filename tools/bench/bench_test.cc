// Functional tests of the bench's own logic; no timing is asserted
// (benchmarks are commands, not tests).
#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "services/partner_registry/src/domain/rules.h"
#include "tools/bench/load_generator.h"
#include "tools/bench/partner_registry_fixture.h"
#include "tools/bench/report.h"
#include "tools/bench/scenario.h"

namespace partnerhub::bench {
namespace {

TEST(BusinessRegistrationNumberTest, PassesTheServicesValidation) {
  for (uint64_t serial : {0ull, 1ull, 9ull, 123456789ull, 999999999ull,
                          1234567890ull /* wraps */}) {
    const std::string number = BusinessRegistrationNumber(serial);
    EXPECT_EQ(number.size(), 10u) << number;
    EXPECT_TRUE(
        partner_registry::NormalizeBusinessRegistrationNumber("n", number).ok())
        << number;
  }
  // 1·1+2·3+3·7+4·1+5·3+6·7+7·1+8·3+9·5 = 165, + (9·5)/10 = 169 → 1.
  EXPECT_EQ(BusinessRegistrationNumber(123456789), "1234567891");
}

TEST(BusinessRegistrationNumberTest, DistinctSerialsGiveDistinctNumbers) {
  EXPECT_NE(BusinessRegistrationNumber(41), BusinessRegistrationNumber(42));
}

TEST(PartnerIdFromNameTest, ParsesAndRejects) {
  EXPECT_EQ(*PartnerIdFromName("partners/123"), 123);
  EXPECT_FALSE(PartnerIdFromName("contacts/1").ok());
  EXPECT_FALSE(PartnerIdFromName("partners/x").ok());
}

TEST(PercentileTest, NearestRank) {
  std::vector<int64_t> v;
  for (int i = 1; i <= 100; ++i) v.push_back(i);
  EXPECT_EQ(Percentile(v, 0.50), 50);
  EXPECT_EQ(Percentile(v, 0.90), 90);
  EXPECT_EQ(Percentile(v, 0.99), 99);
  EXPECT_EQ(Percentile(v, 1.0), 100);
  EXPECT_EQ(Percentile({7}, 0.99), 7);
}

TEST(MedianTest, OddAndEven) {
  EXPECT_EQ(Median({3, 1, 2}), 2);
  EXPECT_EQ(Median({4, 1, 3, 2}), 2.5);
}

// Every third call of a worker fails with NOT_FOUND; each call takes 100 µs.
class CountingScenario final : public BlockingScenario {
 public:
  explicit CountingScenario(int workers) : calls_(workers) {}
  grpc::StatusCode Call(int worker) override {
    absl::SleepFor(absl::Microseconds(100));
    ++total_;
    return (calls_[worker]++ % 3 == 2) ? grpc::StatusCode::NOT_FOUND
                                       : grpc::StatusCode::OK;
  }
  std::vector<int64_t> calls_;
  std::atomic<int64_t> total_{0};
};

// The load generator's window is wall-clock time: on a machine so busy that
// the workers barely ran during it, measure again (bounded).
template <typename S>
LoadResult RunUntilCalls(S& scenario, const LoadOptions& options,
                         int64_t min_calls) {
  LoadResult r;
  for (int attempt = 0; attempt < 20; ++attempt) {
    r = RunLoad("test", scenario, options);
    if (r.ok + r.ErrorCount() >= min_calls) break;
  }
  return r;
}

TEST(RunLoadTest, CountsCallsByStatusCode) {
  CountingScenario scenario(2);
  LoadOptions options;
  options.concurrency = 2;
  options.warmup = absl::Milliseconds(20);
  options.duration = absl::Milliseconds(100);
  const LoadResult r = RunUntilCalls(scenario, options, 30);
  EXPECT_EQ(r.scenario, "test");
  EXPECT_GT(r.ok, 0);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors.begin()->first, grpc::StatusCode::NOT_FOUND);
  // Roughly every third call failed (the window cuts each worker's sequence
  // anywhere).
  EXPECT_NEAR(static_cast<double>(r.ErrorCount()) / (r.ok + r.ErrorCount()),
              1.0 / 3, 0.1);
  // Warm-up calls are not counted.
  EXPECT_LT(r.ok + r.ErrorCount(), scenario.total_.load());
  EXPECT_GT(r.p50, absl::ZeroDuration());
  EXPECT_LE(r.p50, r.p95);
  EXPECT_LE(r.p95, r.p99);
  ASSERT_EQ(r.cpu_cores.size(), 2u);  // bench, other
}

TEST(RunLoadTest, PacedWorkersStartNoMoreCallsThanTheRate) {
  CountingScenario scenario(2);
  LoadOptions options;
  options.concurrency = 2;
  options.warmup = absl::Milliseconds(50);
  options.duration = absl::Milliseconds(200);
  options.rate = 100;  // each worker: a call every 20 ms
  const LoadResult r = RunLoad("paced", scenario, options);
  // 250 ms at 100 calls/s: at most 25 starts, plus each worker's first. In a
  // closed loop the 100 µs calls would number in the thousands.
  EXPECT_LE(scenario.total_.load(), 27);
  EXPECT_LE(r.ok + r.ErrorCount(), 22);
}

// Completes calls on a thread of its own, as gRPC does; every call OK.
class QueueScenario final : public AsyncScenario {
 public:
  QueueScenario() : completer_([this] { Complete(); }) {}
  ~QueueScenario() override {
    {
      absl::MutexLock lock(&mu_);
      stop_ = true;
    }
    completer_.join();
  }

  void StartCall(int, CallDone done) override {
    absl::MutexLock lock(&mu_);
    pending_.push_back(std::move(done));
    ++started_;
  }

  int64_t started() {
    absl::MutexLock lock(&mu_);
    return started_;
  }

 private:
  void Complete() {
    while (true) {
      std::vector<CallDone> batch;
      {
        absl::MutexLock lock(&mu_);
        mu_.Await(absl::Condition(
            +[](QueueScenario* s) { return s->stop_ || !s->pending_.empty(); },
            this));
        if (stop_) return;
        batch.swap(pending_);
      }
      for (CallDone& done : batch) done(grpc::StatusCode::OK);
    }
  }

  absl::Mutex mu_;
  std::vector<CallDone> pending_ ABSL_GUARDED_BY(mu_);
  int64_t started_ ABSL_GUARDED_BY(mu_) = 0;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread completer_;
};

TEST(RunLoadTest, KeepsEveryAsyncWorkerBusyUntilTheEnd) {
  QueueScenario scenario;
  LoadOptions options;
  options.concurrency = 4;
  options.warmup = absl::Milliseconds(20);
  options.duration = absl::Milliseconds(100);
  const LoadResult r = RunUntilCalls(scenario, options, 10);
  EXPECT_GT(r.ok, 0);
  EXPECT_EQ(r.ErrorCount(), 0);
  // Returned only after the last call of each worker completed.
  EXPECT_GT(scenario.started(), r.ok);
}

TEST(RunParallelTest, RunsEachIndexOnceAndReportsTheFirstError) {
  std::vector<std::atomic<int>> seen(100);
  EXPECT_TRUE(RunParallel(100, 4, [&](int i, int) {
                ++seen[i];
                return absl::OkStatus();
              }).ok());
  for (auto& s : seen) EXPECT_EQ(s.load(), 1);
  const absl::Status s = RunParallel(100, 4, [](int i, int) {
    return i == 10 ? absl::NotFoundError("ten") : absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
}

LoadResult Result(const std::string& name, double rps) {
  LoadResult r;
  r.scenario = name;
  r.window = absl::Seconds(1);
  r.ok = static_cast<int64_t>(rps);
  return r;
}

TEST(PrintRatiosTest, MedianOfPerRoundRatiosAgainstTarget) {
  const std::vector<Measurement> runs = {
      {1, Result("rpc", 80)},  {1, Result("sql", 100)}, {2, Result("sql", 200)},
      {2, Result("rpc", 100)}, {3, Result("rpc", 90)},  {3, Result("sql", 100)},
  };
  std::ostringstream out;
  EXPECT_TRUE(PrintRatios(out, runs, {{"rpc", "sql", 0.6}}));
  EXPECT_EQ(out.str(),
            "rpc / sql = 0.80 (target ≥ 0.60: met)   rounds: 0.80 0.50 0.90\n");

  std::ostringstream below;
  EXPECT_FALSE(PrintRatios(below, runs, {{"rpc", "sql", 0.85}}));
  EXPECT_NE(below.str().find("BELOW TARGET"), std::string::npos);

  std::ostringstream by_cpu;
  std::vector<Measurement> with_cpu = runs;
  for (Measurement& m : with_cpu) {
    // rpc costs 2 cores per 100 calls/s = 20 ms, sql 1 core = 10 ms.
    m.result.cpu_cores = {m.result.scenario == "rpc" ? 2.0 * m.result.ok / 100
                                                     : 1.0 * m.result.ok / 100,
                          0.0};
  }
  EXPECT_TRUE(PrintRatios(by_cpu, with_cpu, {{"rpc", "sql", 0.6}}, true));
  EXPECT_NE(
      by_cpu.str().find("by CPU per call: 0.50   rounds: 0.50 0.50 0.50\n"),
      std::string::npos)
      << by_cpu.str();

  std::ostringstream missing;
  EXPECT_TRUE(PrintRatios(missing, runs, {{"rpc", "health", std::nullopt}}));
  EXPECT_EQ(missing.str(), "");
}

TEST(PrintTableTest, ShowsErrorsByCodeName) {
  LoadResult r = Result("GetPartner", 10);
  r.errors[grpc::StatusCode::UNAVAILABLE] = 2;
  r.cpu_cores = {0.5, -1};
  std::ostringstream out;
  PrintTable(out, {{1, r}}, {"bench", "server"});
  EXPECT_NE(out.str().find("UNAVAILABLE:2"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("0.50"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace partnerhub::bench
