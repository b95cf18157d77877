// Helpers the customer-experience rules of several topics share (see
// rules.h); not part of the domain's interface.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_RULES_INTERNAL_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_RULES_INTERNAL_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/status/error_details.h"
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience::rules_internal {

// INVALID_ARGUMENT naming `field` (its path in the request): "<field> <what>"
// (common's InvalidField).
inline absl::Status Invalid(absl::string_view field, absl::string_view what) {
  return InvalidField(field, what);
}

inline absl::Status CheckEventTime(absl::string_view field, absl::Time t,
                                   absl::Time now) {
  if (t == absl::Time() || t == absl::UnixEpoch()) {
    return Invalid(field, "is required");
  }
  if (t > now + kMaxClockSkew) return Invalid(field, "lies in the future");
  if (t < absl::FromUnixSeconds(946684800)) {  // 2000-01-01
    return Invalid(field, "lies before 2000");
  }
  return absl::OkStatus();
}

}  // namespace partnerhub::customer_experience::rules_internal

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_RULES_INTERNAL_H_
