// The bench's printed output: one table row per measurement, a summary of
// medians over rounds, and throughput ratios against baselines measured in
// the same run.
#ifndef PARTNERHUB_TOOLS_BENCH_REPORT_H_
#define PARTNERHUB_TOOLS_BENCH_REPORT_H_

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "tools/bench/load_generator.h"

namespace partnerhub::bench {

struct Measurement {
  int round = 1;
  LoadResult result;
};

// "scenario / baseline", with an optional lowest acceptable value.
struct RatioSpec {
  std::string scenario;
  std::string baseline;
  std::optional<double> target;
};

// One row per measurement. `cpu_columns` names the entries of
// LoadResult::cpu_cores, in order.
void PrintTable(std::ostream& out, const std::vector<Measurement>& runs,
                const std::vector<std::string>& cpu_columns);

// Per scenario over all rounds: median req/s and its range, median
// percentiles, total errors. Prints nothing with a single round.
void PrintSummary(std::ostream& out, const std::vector<Measurement>& runs);

// One line per spec whose two scenarios both ran: the median over rounds of
// the per-round ratio of req/s (each round's pair ran minutes apart at most,
// which cancels most of the machine's drift), and the per-round values.
// With `by_cpu`, also the inverse ratio of CPU per call (baseline /
// scenario): the throughput ratio to expect on a machine with nothing
// else running, when the watched processes are all that serve the calls.
// Returns false when a req/s ratio is below its target.
bool PrintRatios(std::ostream& out, const std::vector<Measurement>& runs,
                 const std::vector<RatioSpec>& specs, bool by_cpu = false);

// "NOT_FOUND:3 UNAVAILABLE:1", or "-" when there were none.
std::string FormatErrors(const LoadResult& result);

// The median of `values` (non-empty); the mean of the middle two when even.
double Median(std::vector<double> values);

}  // namespace partnerhub::bench

#endif  // PARTNERHUB_TOOLS_BENCH_REPORT_H_
