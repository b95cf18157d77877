// partnerhub-bench: drives a PartnerHub service with a closed-loop load and
// prints throughput, latency percentiles and errors per scenario, next to
// baselines measured in the same run (an empty gRPC call, the same SQL run
// directly through a pool). See tools/bench/README.md.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/config/flags.h"
#include "common/log/log.h"
#include "tools/bench/bench_context.h"
#include "tools/bench/load_generator.h"
#include "tools/bench/report.h"
#include "tools/bench/scenario.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051",
          "host:port of the service under test");
ABSL_FLAG(std::string, scenarios,
          "health,GetPartner,sql:GetPartner,CreatePartner,sql:CreatePartner",
          "comma-separated scenarios, run one after another in this order "
          "(--list shows them all)");
ABSL_FLAG(bool, list, false, "list the scenarios and exit");
ABSL_FLAG(int, concurrency, 16, "worker threads, each with one call in flight");
ABSL_FLAG(bool, balanced, false,
          "make channels as the services do: round_robin over every address "
          "of --target (e.g. ipv4:127.0.0.1:50051,127.0.0.1:50151) and "
          "UNAVAILABLE retried on another replica");
ABSL_FLAG(int, channels, 0,
          "gRPC channels (one TCP connection each); worker w uses channel "
          "w % channels; 0 means one per worker");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(20),
          "measured time per scenario and round");
ABSL_FLAG(double, rate, 0,
          "calls per second started across all workers, on a fixed schedule "
          "(an offered load); 0 runs each worker in a closed loop. Blocking "
          "scenarios only (the sql: baselines and the blocking RPC ones)");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(3),
          "unrecorded load before each measurement");
ABSL_FLAG(int, rounds, 1,
          "times to run the whole scenario list; odd rounds run it in order, "
          "even rounds reversed; ratios are per-round medians");
ABSL_FLAG(std::string, settle_command, "",
          "shell command run before each scenario's warm-up, untimed, e.g. to "
          "let the database flush and purge what the scenario before wrote, "
          "so that no scenario pays for another's background work; a failure "
          "stops the run");
ABSL_FLAG(int, client_threads, 1,
          "threads (each with its own completion queue) that drive the RPC "
          "scenarios' calls");
ABSL_FLAG(absl::Duration, rpc_deadline, absl::Seconds(10), "deadline per RPC");
ABSL_FLAG(int, seed_partners, 1000,
          "partners a read scenario creates in its preparation and reads");
ABSL_FLAG(std::string, db_host, "127.0.0.1", "database of the sql: baselines");
ABSL_FLAG(int, db_port, 3306, "database port");
ABSL_FLAG(std::string, db_name, "", "database (schema) name");
ABSL_FLAG(std::string, db_user, "", "database user");
ABSL_FLAG(std::string, db_password, "", "database password");
ABSL_FLAG(int, db_pool_size, 0,
          "connections of the sql: baselines' pool; 0 means --concurrency "
          "(give the service's pool size for a like-for-like baseline)");
ABSL_FLAG(std::string, watch, "",
          "processes whose CPU use to report, as name=pid,name=pid (e.g. "
          "server=1234,mariadb=1200)");

namespace partnerhub::bench {
namespace {

// More CPU than this used by other processes during a measurement makes its
// throughput suspect.
constexpr double kNoisyCores = 0.25;

absl::StatusOr<std::vector<WatchedProcess>> ParseWatch(
    const std::string& spec) {
  std::vector<WatchedProcess> watched;
  for (absl::string_view item : absl::StrSplit(spec, ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(item, '=');
    WatchedProcess p;
    p.name = kv.first;
    if (p.name.empty() || !absl::SimpleAtoi(kv.second, &p.pid) || p.pid <= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("--watch: expected name=pid, got \"", item, "\""));
    }
    watched.push_back(std::move(p));
  }
  return watched;
}

std::string ListScenarios(const ScenarioRegistry& registry) {
  std::string text;
  for (const ScenarioInfo& info : registry.all()) {
    absl::StrAppendFormat(&text, "  %-20s %s\n", info.name, info.description);
  }
  return text;
}

// Runs --settle_command, if any, and waits for it.
absl::Status Settle(const std::string& command) {
  if (command.empty()) return absl::OkStatus();
  LogInfo("settling: ", command);
  const int rc = std::system(command.c_str());
  if (rc != 0) {
    return absl::InternalError(
        absl::StrCat("--settle_command failed (status ", rc, "): ", command));
  }
  return absl::OkStatus();
}

int Run() {
  ScenarioRegistry registry;
  RegisterAllScenarios(registry);
  if (absl::GetFlag(FLAGS_list)) {
    std::cout << ListScenarios(registry);
    return 0;
  }

  BenchOptions options;
  options.target = absl::GetFlag(FLAGS_target);
  options.concurrency = absl::GetFlag(FLAGS_concurrency);
  options.channels = absl::GetFlag(FLAGS_channels);
  options.balanced = absl::GetFlag(FLAGS_balanced);
  options.client_threads = absl::GetFlag(FLAGS_client_threads);
  options.rpc_deadline = absl::GetFlag(FLAGS_rpc_deadline);
  options.seed_partners = absl::GetFlag(FLAGS_seed_partners);
  options.db.host = absl::GetFlag(FLAGS_db_host);
  options.db.port = absl::GetFlag(FLAGS_db_port);
  options.db.database = absl::GetFlag(FLAGS_db_name);
  options.db.user = absl::GetFlag(FLAGS_db_user);
  options.db.password = absl::GetFlag(FLAGS_db_password);
  options.db_pool_size = absl::GetFlag(FLAGS_db_pool_size);
  const int rounds = absl::GetFlag(FLAGS_rounds);
  const std::string settle_command = absl::GetFlag(FLAGS_settle_command);
  if (options.concurrency < 1 || options.channels < 0 || rounds < 1 ||
      options.seed_partners < 1 || options.client_threads < 1 ||
      absl::GetFlag(FLAGS_rate) < 0) {
    LogError(
        "--concurrency, --rounds, --seed_partners and --client_threads "
        "must be at least 1 and --channels and --rate at least 0");
    return 2;
  }

  LoadOptions load;
  load.concurrency = options.concurrency;
  load.duration = absl::GetFlag(FLAGS_duration);
  load.warmup = absl::GetFlag(FLAGS_warmup);
  load.rate = absl::GetFlag(FLAGS_rate);
  auto watched = ParseWatch(absl::GetFlag(FLAGS_watch));
  if (!watched.ok()) {
    LogError(watched.status().message());
    return 2;
  }
  load.watched = *watched;

  // Resolve every name before preparing anything: a typo fails at once.
  std::vector<const ScenarioInfo*> selected;
  for (absl::string_view name :
       absl::StrSplit(absl::GetFlag(FLAGS_scenarios), ',', absl::SkipEmpty())) {
    const ScenarioInfo* info = registry.Find(std::string(name));
    if (info == nullptr) {
      LogError("unknown scenario \"", name, "\"; known:\n",
               ListScenarios(registry));
      return 2;
    }
    selected.push_back(info);
  }
  if (selected.empty()) {
    LogError("--scenarios is empty");
    return 2;
  }
  const bool needs_db = std::any_of(
      selected.begin(), selected.end(),
      [](const ScenarioInfo* i) { return i->name.rfind("sql:", 0) == 0; });
  if (needs_db) {
    for (const auto& [flag, value] :
         {std::pair<const char*, std::string>{"db_name", options.db.database},
          {"db_user", options.db.user}}) {
      if (absl::Status s = RequireNonEmpty(flag, value); !s.ok()) {
        LogError(s.message(), " (the sql: scenarios connect to the database)");
        return 2;
      }
    }
  }

  BenchContext context(options);
  std::vector<std::unique_ptr<Scenario>> scenarios;
  for (const ScenarioInfo* info : selected) {
    LogInfo("preparing ", info->name);
    scenarios.push_back(info->create(context));
    if (absl::Status s = scenarios.back()->Prepare(); !s.ok()) {
      LogError("preparing ", info->name, ": ", s.ToString());
      return 1;
    }
  }

  std::vector<std::string> cpu_columns = {"bench"};
  for (const WatchedProcess& p : load.watched) cpu_columns.push_back(p.name);
  cpu_columns.push_back("other");

  std::vector<Measurement> runs;
  for (int round = 1; round <= rounds; ++round) {
    std::vector<size_t> order(selected.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (round % 2 == 0) std::reverse(order.begin(), order.end());
    for (size_t i : order) {
      if (absl::Status s = Settle(settle_command); !s.ok()) {
        LogError(s.message());
        return 1;
      }
      LogInfo("round ", round, "/", rounds, ": ", selected[i]->name, " for ",
              absl::FormatDuration(load.warmup), " + ",
              absl::FormatDuration(load.duration));
      Measurement m;
      m.round = round;
      m.result = RunLoad(selected[i]->name, *scenarios[i], load);
      runs.push_back(std::move(m));
    }
  }

  std::vector<RatioSpec> ratios;
  for (const ScenarioInfo* info : selected) {
    for (const Comparison& c : info->comparisons) {
      ratios.push_back({info->name, c.baseline, c.target});
    }
  }

  std::cout << absl::StrFormat(
      "partnerhub-bench: target %s, concurrency %d, channels %d, %s warm-up "
      "+ %s measured, %d round(s), %u cores, sql pool %d\n"
      "req/s counts OK calls; latencies are of OK calls; us/call is CPU "
      "microseconds per OK call of the bench and the watched processes;\n"
      "the last columns are cores busy during the measurement (other: every "
      "other process on the machine)\n\n",
      options.target, options.concurrency,
      options.channels > 0 ? options.channels : options.concurrency,
      absl::FormatDuration(load.warmup), absl::FormatDuration(load.duration),
      rounds, std::thread::hardware_concurrency(),
      options.db_pool_size > 0 ? options.db_pool_size : options.concurrency);
  PrintTable(std::cout, runs, cpu_columns);
  if (rounds > 1) {
    std::cout << "\n";
    PrintSummary(std::cout, runs);
  }
  // The last cpu column is `other`: the noise of everything else.
  const int noisy = static_cast<int>(
      std::count_if(runs.begin(), runs.end(), [](const Measurement& m) {
        return !m.result.cpu_cores.empty() &&
               m.result.cpu_cores.back() > kNoisyCores;
      }));
  if (noisy > 0) {
    std::cout << absl::StrFormat(
        "\nnote: %d of %d measurements ran while other processes used more "
        "than %.2f cores (column `other`): their req/s, and the req/s "
        "ratios, are unreliable; the ratios by CPU per call much less so.\n",
        noisy, runs.size(), kNoisyCores);
  }
  std::cout << "\n";
  PrintRatios(std::cout, runs, ratios, /*by_cpu=*/!load.watched.empty());
  std::cout.flush();
  return 0;
}

}  // namespace
}  // namespace partnerhub::bench

int main(int argc, char** argv) {
  // Debian's Abseil checks every absl::Mutex acquisition (gRPC's included)
  // for lock-order cycles, a global graph update per lock: measured at a
  // few percent of the bench's CPU. The baselines should measure SQL and
  // gRPC, not that.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  partnerhub::ParseFlags(
      argc, argv,
      "partnerhub-bench --target=H:P --scenarios=a,b,... [--concurrency=16] "
      "[--duration=20s] [--warmup=3s] [--rounds=1] [--db_*=...]\n"
      "Every flag can also be set as PARTNERHUB_<FLAG> in the environment.");
  return partnerhub::bench::Run();
}
