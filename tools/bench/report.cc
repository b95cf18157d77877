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
  std::string header = absl::StrFormat("%-*s %5s %10s %8s %8s %8s",
                                       kNameWidth, "scenario", "round",
                                       "req/s", "p50 ms", "p90 ms", "p99 ms");
  for (size_t i = 0; i < cpu_columns.size(); ++i) {
    absl::StrAppendFormat(&header, " %*s", widths[i], cpu_columns[i]);
  }
  absl::StrAppend(&header, "  errors");
  out << header << "\n" << std::string(header.size(), '-') << "\n";
  for (const Measurement& m : runs) {
    const LoadResult& r = m.result;
    std::string row = absl::StrFormat(
        "%-*s %5d %10.1f %8.3f %8.3f %8.3f", kNameWidth, r.scenario, m.round,
        r.RequestsPerSecond(), Ms(r.p50), Ms(r.p90), Ms(r.p99));
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
                         "p90 ms", "p99 ms", "errors (all rounds)");
  for (const std::string& name : ScenarioOrder(runs)) {
    std::vector<double> rps, p50, p90, p99;
    LoadResult errors;
    for (const Measurement& m : runs) {
      if (m.result.scenario != name) continue;
      rps.push_back(m.result.RequestsPerSecond());
      p50.push_back(Ms(m.result.p50));
      p90.push_back(Ms(m.result.p90));
      p99.push_back(Ms(m.result.p99));
      for (const auto& [code, count] : m.result.errors) {
        errors.errors[code] += count;
      }
    }
    const auto [lo, hi] = std::minmax_element(rps.begin(), rps.end());
    out << absl::StrFormat("%-*s %10.1f %21s %8.3f %8.3f %8.3f  %s\n",
                           kNameWidth, name, Median(rps),
                           absl::StrFormat("(%.0f .. %.0f)", *lo, *hi),
                           Median(p50), Median(p90), Median(p99),
                           FormatErrors(errors));
  }
}

bool PrintRatios(std::ostream& out, const std::vector<Measurement>& runs,
                 const std::vector<RatioSpec>& specs) {
  // rps[scenario][round]
  std::map<std::string, std::map<int, double>> rps;
  for (const Measurement& m : runs) {
    rps[m.result.scenario][m.round] = m.result.RequestsPerSecond();
  }
  bool all_met = true;
  for (const RatioSpec& spec : specs) {
    auto a = rps.find(spec.scenario);
    auto b = rps.find(spec.baseline);
    if (a == rps.end() || b == rps.end()) continue;
    std::vector<double> ratios;
    for (const auto& [round, value] : a->second) {
      auto base = b->second.find(round);
      if (base == b->second.end() || base->second <= 0) continue;
      ratios.push_back(value / base->second);
    }
    if (ratios.empty()) continue;
    const double ratio = Median(ratios);
    std::string line = absl::StrFormat(
        "%s / %s = %.2f", spec.scenario, spec.baseline, ratio);
    if (spec.target.has_value()) {
      const bool met = ratio >= *spec.target;
      all_met = all_met && met;
      absl::StrAppendFormat(&line, " (target ≥ %.2f: %s)", *spec.target,
                            met ? "met" : "BELOW TARGET");
    }
    if (ratios.size() > 1) {
      std::vector<std::string> each;
      for (double r : ratios) each.push_back(absl::StrFormat("%.2f", r));
      absl::StrAppend(&line, "   rounds: ", absl::StrJoin(each, " "));
    }
    out << line << "\n";
  }
  return all_met;
}

}  // namespace partnerhub::bench
