// How marketing consent may change.
#include "common/status/error_details.h"
#include "services/customer_experience/src/domain/errors.h"
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {

absl::Status CheckConsentChange(absl::string_view customer, ConsentState from,
                                ConsentState to) {
  if (from == to) return absl::OkStatus();
  if (to == ConsentState::kGranted &&
      (from == ConsentState::kDenied || from == ConsentState::kRevoked)) {
    return absl::OkStatus();
  }
  if (to == ConsentState::kRevoked && from == ConsentState::kGranted) {
    return absl::OkStatus();
  }
  if (to == ConsentState::kDenied) {
    return FailedPrecondition(
        reason::kConsentDeniedOnlyOnCreate, customer,
        "consent cannot be set to DENIED after create; to withdraw a "
        "GRANTED consent, set REVOKED");
  }
  return FailedPrecondition(reason::kConsentNotGranted, customer,
                            "only a GRANTED consent can be REVOKED");
}

}  // namespace partnerhub::customer_experience
