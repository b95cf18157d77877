#include "services/reporting/src/domain/rules.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"

namespace partnerhub::reporting {
namespace {
const absl::TimeZone& Kst() {
  static const absl::TimeZone* const kKst =
      new absl::TimeZone(absl::FixedTimeZone(9 * 3600));
  return *kKst;
}
}  // namespace

absl::CivilDay KstDayOf(absl::Time t) { return absl::ToCivilDay(t, Kst()); }

int32_t DayKey(absl::CivilDay day) {
  return static_cast<int32_t>(day.year() * 10000 + day.month() * 100 +
                              day.day());
}

absl::CivilDay DayFromKey(int32_t key) {
  return absl::CivilDay(key / 10000, (key / 100) % 100, key % 100);
}

absl::Time KstDayStart(absl::CivilDay day) {
  return absl::FromCivil(absl::CivilSecond(day), Kst());
}

absl::StatusOr<std::optional<Period>> CheckPeriod(const DateArg& start,
                                                  const DateArg& end,
                                                  bool required,
                                                  absl::string_view start_field,
                                                  absl::string_view end_field) {
  const bool has_start = !start.ok() || start->has_value();
  const bool has_end = !end.ok() || end->has_value();
  if (!has_start && !has_end && !required) return std::optional<Period>();
  // Each date on its own first: not a date, or missing.
  FieldErrors errors;
  if (!has_start) errors.Add(start_field, "is required");
  errors.Add(start.status());
  if (!has_end) errors.Add(end_field, "is required");
  errors.Add(end.status());
  PH_RETURN_IF_ERROR(errors.Result());
  const absl::CivilDay first = **start;
  const absl::CivilDay last = **end;
  if (last < first) {
    return InvalidField(end_field, absl::StrCat("is before ", start_field));
  }
  if (last - first + 1 > kMaxPeriodDays) {
    return InvalidField(
        end_field, absl::StrCat("is more than ", kMaxPeriodDays, " days after ",
                                start_field, " (a period is at most ",
                                kMaxPeriodDays, " days)"));
  }
  return std::optional<Period>(Period{first, last});
}

LiftPeriodKind LiftPeriodOf(const LiftWindow& window, absl::Time t) {
  if (t < window.before_start() || t >= window.after_end()) {
    return LiftPeriodKind::kNone;
  }
  if (t < window.start) return LiftPeriodKind::kBefore;
  if (t < window.end) return LiftPeriodKind::kDuring;
  return LiftPeriodKind::kAfter;
}

double PerCustomer(int64_t sales, int64_t customers) {
  if (customers <= 0) return 0;
  return static_cast<double>(sales) / static_cast<double>(customers);
}

double DifferenceInDifferences(const GroupPeriod& treated_before,
                               const GroupPeriod& treated_after,
                               int64_t treated_customers,
                               const GroupPeriod& control_before,
                               const GroupPeriod& control_after,
                               int64_t control_customers) {
  const double treated = PerCustomer(treated_after.sales, treated_customers) -
                         PerCustomer(treated_before.sales, treated_customers);
  const double control = PerCustomer(control_after.sales, control_customers) -
                         PerCustomer(control_before.sales, control_customers);
  return treated - control;
}

int32_t Bps(int64_t part, int64_t whole) {
  if (whole <= 0) return 0;
  const __int128 v = static_cast<__int128>(part) * 10000 / whole;
  if (v > INT32_MAX) return INT32_MAX;
  if (v < INT32_MIN) return INT32_MIN;
  return static_cast<int32_t>(v);
}

std::vector<int32_t> FunnelConversions(const std::vector<int64_t>& counts) {
  std::vector<int32_t> out(counts.size(), 0);
  for (size_t i = 0; i + 1 < counts.size(); ++i) {
    out[i] = Bps(counts[i + 1], counts[i]);
  }
  return out;
}

std::string ParentName(absl::string_view name) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() < 2 || parts[0].empty() || parts[1].empty()) return "";
  return absl::StrCat(parts[0], "/", parts[1]);
}

}  // namespace partnerhub::reporting
