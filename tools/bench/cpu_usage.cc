#include "tools/bench/cpu_usage.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace partnerhub::bench {
namespace {

double TicksPerSecond() {
  static const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  return ticks;
}

}  // namespace

absl::StatusOr<double> ProcessCpuSeconds(int pid) {
  const std::string path = absl::StrCat("/proc/", pid, "/stat");
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) {
    return absl::NotFoundError(absl::StrCat("cannot read ", path));
  }
  // The command name (field 2) may contain spaces; fields after its closing
  // parenthesis are space-separated, utime and stime being the 14th and 15th
  // of the whole line.
  const size_t paren = line.rfind(')');
  if (paren == std::string::npos) {
    return absl::InternalError(absl::StrCat("malformed ", path));
  }
  std::vector<absl::string_view> fields =
      absl::StrSplit(absl::string_view(line).substr(paren + 2), ' ');
  // fields[0] is field 3 (state): utime is fields[11], stime fields[12].
  uint64_t utime = 0;
  uint64_t stime = 0;
  if (fields.size() < 13 || !absl::SimpleAtoi(fields[11], &utime) ||
      !absl::SimpleAtoi(fields[12], &stime)) {
    return absl::InternalError(absl::StrCat("malformed ", path));
  }
  return static_cast<double>(utime + stime) / TicksPerSecond();
}

absl::StatusOr<double> MachineBusySeconds() {
  std::ifstream in("/proc/stat");
  std::string line;
  if (!std::getline(in, line) || line.rfind("cpu ", 0) != 0) {
    return absl::NotFoundError("cannot read /proc/stat");
  }
  std::istringstream fields(line.substr(4));
  // user nice system idle iowait irq softirq steal guest guest_nice
  uint64_t value = 0;
  uint64_t busy = 0;
  for (int i = 0; i < 8 && fields >> value; ++i) {
    // idle, iowait and steal (time the hypervisor gave to others) are not
    // this machine being busy.
    if (i != 3 && i != 4 && i != 7) busy += value;
  }
  return static_cast<double>(busy) / TicksPerSecond();
}

std::vector<double> SampleCpu(const std::vector<WatchedProcess>& watched) {
  std::vector<double> sample;
  sample.push_back(ProcessCpuSeconds(getpid()).value_or(-1));
  for (const WatchedProcess& p : watched) {
    sample.push_back(ProcessCpuSeconds(p.pid).value_or(-1));
  }
  sample.push_back(MachineBusySeconds().value_or(-1));
  return sample;
}

}  // namespace partnerhub::bench
