// How marketing consent may change.
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {

absl::Status CheckConsentChange(ConsentState from, ConsentState to) {
  if (from == to) return absl::OkStatus();
  if (to == ConsentState::kGranted &&
      (from == ConsentState::kDenied || from == ConsentState::kRevoked)) {
    return absl::OkStatus();
  }
  if (to == ConsentState::kRevoked && from == ConsentState::kGranted) {
    return absl::OkStatus();
  }
  if (to == ConsentState::kDenied) {
    return absl::FailedPreconditionError(
        "consent cannot be set to DENIED after create; to withdraw a "
        "GRANTED consent, set REVOKED");
  }
  return absl::FailedPreconditionError("only a GRANTED consent can be REVOKED");
}

}  // namespace partnerhub::customer_experience
