#include "services/reporting/src/domain/rules.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

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

absl::StatusOr<std::optional<Period>> CheckPeriod(
    std::optional<absl::CivilDay> start, std::optional<absl::CivilDay> end,
    bool required, absl::string_view start_field, absl::string_view end_field) {
  if (!start.has_value() && !end.has_value() && !required) {
    return std::optional<Period>();
  }
  if (!start.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat(start_field, " is required"));
  }
  if (!end.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(end_field, " is required"));
  }
  if (*end < *start) {
    return absl::InvalidArgumentError(
        absl::StrCat(end_field, " is before ", start_field));
  }
  if (*end - *start + 1 > kMaxPeriodDays) {
    return absl::InvalidArgumentError(absl::StrCat(
        end_field, " is more than ", kMaxPeriodDays, " days after ",
        start_field, " (a period is at most ", kMaxPeriodDays, " days)"));
  }
  return std::optional<Period>(Period{*start, *end});
}

uint64_t Fnv1a64(absl::string_view text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

bool IsHoldout(absl::string_view campaign, absl::string_view customer,
               int32_t holdout_bps) {
  if (holdout_bps <= 0) return false;
  return static_cast<int64_t>(Fnv1a64(absl::StrCat(campaign, "|", customer)) %
                              10000) < holdout_bps;
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
