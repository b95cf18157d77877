#include "tools/bench/report.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace partnerhub::bench {
namespace {

constexpr int kNameWidth = 20;

double Ms(absl::Duration d) { return absl::ToDoubleMilliseconds(d); }

// Scenario names in order of first appearance.
std::vector<std::string> ScenarioOrder(const std::vector<Measurement>& runs) {
  std::vector<std::string> names;
  for (const Measurement& m : runs) {
    if (std::find(names.begin(), names.end(), m.result.scenario) ==
        names.end()) {
      names.push_back(m.result.scenario);
    }
  }
  return names;
}

std::string FormatCpuPerCall(const LoadResult& r) {
  const double us = r.CpuMicrosPerCall();
  return us < 0 ? "?" : absl::StrFormat("%.0f", us);
}

}  // namespace

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::string FormatErrors(const LoadResult& result) {
  if (result.errors.empty()) return "-";
  std::vector<std::string> parts;
  for (const auto& [code, count] : result.errors) {
    parts.push_back(absl::StrCat(StatusCodeName(code), ":", count));
  }
  return absl::StrJoin(parts, " ");
}

void PrintTable(std::ostream& out, const std::vector<Measurement>& runs,
                const std::vector<std::string>& cpu_columns) {
  std::vector<int> widths;
  for (const std::string& c : cpu_columns) {
    widths.push_back(std::max<int>(7, static_cast<int>(c.size())));
  }
  std::string header = absl::StrFormat("%-*s %5s %10s %8s %8s %8s %8s",
                                       kNameWidth, "scenario", "round", "req/s",
                                       "p50 ms", "p95 ms", "p99 ms", "us/call");
  for (size_t i = 0; i < cpu_columns.size(); ++i) {
    absl::StrAppendFormat(&header, " %*s", widths[i], cpu_columns[i]);
  }
  absl::StrAppend(&header, "  errors");
  out << header << "\n" << std::string(header.size(), '-') << "\n";
  for (const Measurement& m : runs) {
    const LoadResult& r = m.result;
    std::string row =
        absl::StrFormat("%-*s %5d %10.1f %8.3f %8.3f %8.3f %8s", kNameWidth,
                        r.scenario, m.round, r.RequestsPerSecond(), Ms(r.p50),
                        Ms(r.p95), Ms(r.p99), FormatCpuPerCall(r));
    for (size_t i = 0; i < cpu_columns.size(); ++i) {
      const double cores = i < r.cpu_cores.size() ? r.cpu_cores[i] : -1;
      if (cores < 0) {
        absl::StrAppendFormat(&row, " %*s", widths[i], "?");
      } else {
        absl::StrAppendFormat(&row, " %*.2f", widths[i], cores);
      }
    }
    absl::StrAppend(&row, "  ", FormatErrors(r));
    out << row << "\n";
  }
}

void PrintSummary(std::ostream& out, const std::vector<Measurement>& runs) {
  int rounds = 0;
  for (const Measurement& m : runs) rounds = std::max(rounds, m.round);
  if (rounds <= 1) return;
  out << absl::StrFormat("%-*s %10s %21s %8s %8s %8s  %s\n", kNameWidth,
                         "median of rounds", "req/s", "(min .. max)", "p50 ms",
                         "p95 ms", "p99 ms", "errors (all rounds)");
  for (const std::string& name : ScenarioOrder(runs)) {
    std::vector<double> rps, p50, p95, p99;
    LoadResult errors;
    for (const Measurement& m : runs) {
      if (m.result.scenario != name) continue;
      rps.push_back(m.result.RequestsPerSecond());
      p50.push_back(Ms(m.result.p50));
      p95.push_back(Ms(m.result.p95));
      p99.push_back(Ms(m.result.p99));
      for (const auto& [code, count] : m.result.errors) {
        errors.errors[code] += count;
      }
    }
    const auto [lo, hi] = std::minmax_element(rps.begin(), rps.end());
    out << absl::StrFormat(
        "%-*s %10.1f %21s %8.3f %8.3f %8.3f  %s\n", kNameWidth, name,
        Median(rps), absl::StrFormat("(%.0f .. %.0f)", *lo, *hi), Median(p50),
        Median(p95), Median(p99), FormatErrors(errors));
  }
}

bool PrintRatios(std::ostream& out, const std::vector<Measurement>& runs,
                 const std::vector<RatioSpec>& specs, bool by_cpu) {
  // [scenario][round]
  std::map<std::string, std::map<int, double>> rps;
  std::map<std::string, std::map<int, double>> cpu;
  for (const Measurement& m : runs) {
    rps[m.result.scenario][m.round] = m.result.RequestsPerSecond();
    cpu[m.result.scenario][m.round] = m.result.CpuMicrosPerCall();
  }
  // numerator[round] / denominator[round], for rounds where both are > 0.
  auto per_round = [](const std::map<int, double>& numerator,
                      const std::map<int, double>& denominator) {
    std::vector<double> ratios;
    for (const auto& [round, value] : numerator) {
      auto d = denominator.find(round);
      if (value <= 0 || d == denominator.end() || d->second <= 0) continue;
      ratios.push_back(value / d->second);
    }
    return ratios;
  };
  auto format_rounds = [](const std::vector<double>& ratios) {
    if (ratios.size() < 2) return std::string();
    std::vector<std::string> each;
    for (double r : ratios) each.push_back(absl::StrFormat("%.2f", r));
    return absl::StrCat("   rounds: ", absl::StrJoin(each, " "));
  };

  bool all_met = true;
  for (const RatioSpec& spec : specs) {
    if (rps.count(spec.scenario) == 0 || rps.count(spec.baseline) == 0) {
      continue;
    }
    const std::vector<double> ratios =
        per_round(rps[spec.scenario], rps[spec.baseline]);
    if (ratios.empty()) continue;
    const double ratio = Median(ratios);
    std::string line =
        absl::StrFormat("%s / %s = %.2f", spec.scenario, spec.baseline, ratio);
    if (spec.target.has_value()) {
      const bool met = ratio >= *spec.target;
      all_met = all_met && met;
      absl::StrAppendFormat(&line, " (target ≥ %.2f: %s)", *spec.target,
                            met ? "met" : "BELOW TARGET");
    }
    absl::StrAppend(&line, format_rounds(ratios), "\n");
    // Less CPU per call is better: baseline over scenario.
    const std::vector<double> cpu_ratios =
        per_round(cpu[spec.baseline], cpu[spec.scenario]);
    if (by_cpu && !cpu_ratios.empty()) {
      absl::StrAppendFormat(&line, "    by CPU per call: %.2f%s\n",
                            Median(cpu_ratios), format_rounds(cpu_ratios));
    }
    out << line;
  }
  return all_met;
}

}  // namespace partnerhub::bench
