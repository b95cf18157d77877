// Reporting's rules as plain functions: days, periods and their
// validation, lift periods and arithmetic, funnel conversion. (The campaign
// holdout is common's: common/api/holdout.h.)
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_RULES_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_RULES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace partnerhub::reporting {

// The feeds reporting follows, in this order everywhere.
inline constexpr const char* kFeeds[] = {"partner-registry", "campaign",
                                         "customer-experience"};

// Business days are KST (UTC+9) calendar days; stored as yyyymmdd.
absl::CivilDay KstDayOf(absl::Time t);
int32_t DayKey(absl::CivilDay day);
absl::CivilDay DayFromKey(int32_t key);
inline int32_t DayKeyOf(absl::Time t) { return DayKey(KstDayOf(t)); }
// The instant a KST day starts.
absl::Time KstDayStart(absl::CivilDay day);

// An inclusive range of days.
struct Period {
  absl::CivilDay start;
  absl::CivilDay end;
  int32_t start_key() const { return DayKey(start); }
  int32_t end_key() const { return DayKey(end); }
};

inline constexpr int kMaxPeriodDays = 366;

// A date as a request gives it: not given (nullopt), a day, or the
// INVALID_ARGUMENT (naming its field) of a value that is not a calendar date.
using DateArg = absl::StatusOr<std::optional<absl::CivilDay>>;

// A period from optional start and end dates. `required`: both must be
// given. Otherwise both or neither (nullopt result for neither).
// INVALID_ARGUMENT with a BadRequest naming each bad field (a date that is
// not one and a missing one are reported together): end before start, or
// longer than kMaxPeriodDays.
absl::StatusOr<std::optional<Period>> CheckPeriod(
    const DateArg& start, const DateArg& end, bool required,
    absl::string_view start_field = "start_date",
    absl::string_view end_field = "end_date");

// Lift periods, as stored: before [s - L, s), during [s, e), after
// [e, e + L) with L = e - s.
enum class LiftPeriodKind : int {
  kNone = 0,
  kBefore = 1,
  kDuring = 2,
  kAfter = 3
};
struct LiftWindow {
  absl::Time start;
  absl::Time end;
  absl::Time before_start() const { return start - (end - start); }
  absl::Time after_end() const { return end + (end - start); }
};
LiftPeriodKind LiftPeriodOf(const LiftWindow& window, absl::Time t);

// One group's figures in one period.
struct GroupPeriod {
  int64_t buyers = 0;
  int64_t orders = 0;
  int64_t sales = 0;
};
// sales / customers (0 when the group is empty).
double PerCustomer(int64_t sales, int64_t customers);
// (treated_after - treated_before) - (control_after - control_before) of
// sales per customer.
double DifferenceInDifferences(const GroupPeriod& treated_before,
                               const GroupPeriod& treated_after,
                               int64_t treated_customers,
                               const GroupPeriod& control_before,
                               const GroupPeriod& control_after,
                               int64_t control_customers);

// part / whole in basis points, rounded down; 0 when whole is 0.
int32_t Bps(int64_t part, int64_t whole);

// Conversion from each stage to the next: counts[i + 1] / counts[i] in
// basis points; the last is 0.
std::vector<int32_t> FunnelConversions(const std::vector<int64_t>& counts);

// "campaigns/7" from "campaigns/7/offers/3/issuances/1" or
// "campaigns/7/redemptions/9": the first two segments; empty if the name
// has fewer.
std::string ParentName(absl::string_view name);

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_RULES_H_
