// CPU time of processes and of the whole machine, read from /proc, so a
// report can say where the cores went during a measurement.
#ifndef PARTNERHUB_TOOLS_BENCH_CPU_USAGE_H_
#define PARTNERHUB_TOOLS_BENCH_CPU_USAGE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace partnerhub::bench {

// User + system CPU seconds used so far by process `pid` (all its threads).
absl::StatusOr<double> ProcessCpuSeconds(int pid);

// Non-idle CPU seconds of all cores so far (/proc/stat), including every
// other process on the machine.
absl::StatusOr<double> MachineBusySeconds();

// A process to watch: name for the report, pid to read.
struct WatchedProcess {
  std::string name;
  int pid = 0;
};

// Cumulative CPU seconds of: this process, each watched process, the machine
// (in that order). A value that cannot be read is negative.
std::vector<double> SampleCpu(const std::vector<WatchedProcess>& watched);

}  // namespace partnerhub::bench

#endif  // PARTNERHUB_TOOLS_BENCH_CPU_USAGE_H_
