// Errors that tell a client service what went wrong in a form it can switch
// on (AIP-193), built in plain C++ so that domain code needs no proto.
//
// Every detail rides in the absl::Status as a payload keyed by the type URL
// of the google.rpc message it holds ("type.googleapis.com/google.rpc.
// ErrorInfo", ...), the serialized message as its value. ToGrpcStatus
// (common/grpc/status_conversion.h) packs them, unchanged, into the
// google.rpc.Status of the gRPC error and stamps ErrorInfo.domain with the
// service's domain ("campaign.partnerhub").
//
// Reasons are UPPER_SNAKE_CASE, and each one a service can return is a value
// of the ErrorReason enum in its proto. The reasons of common/ are in
// reasons.h.
#ifndef PARTNERHUB_COMMON_STATUS_ERROR_DETAILS_H_
#define PARTNERHUB_COMMON_STATUS_ERROR_DETAILS_H_

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace partnerhub {

// One bad field of a request: its path ("partner.contacts[2].email") and
// what is wrong with it, as a sentence that names the field.
struct FieldViolation {
  std::string field;
  std::string description;
  bool operator==(const FieldViolation&) const = default;
};

// One unmet precondition: its kind (the reason), the resource it is about,
// and what is wrong.
struct PreconditionViolation {
  std::string type;
  std::string subject;
  std::string description;
  bool operator==(const PreconditionViolation&) const = default;
};

using ErrorMetadata =
    std::initializer_list<std::pair<absl::string_view, absl::string_view>>;

// ---- Making errors ----

// An error of `code` with an ErrorInfo of `reason` and `metadata` (e.g.
// {{"resource", "campaigns/7"}}).
absl::Status ErrorWithReason(absl::StatusCode code, absl::string_view reason,
                             absl::string_view message,
                             ErrorMetadata metadata = {});

// INVALID_ARGUMENT, reason INVALID_FIELD, with one field violation: the
// message and the violation's description are "<field> <what>" (e.g.
// "partner.category is required").
absl::Status InvalidField(absl::string_view field, absl::string_view what);

// INVALID_ARGUMENT, reason `reason` (when the field is invalid for a reason
// a client may act on, e.g. INVALID_PAGE_TOKEN), with one field violation.
absl::Status InvalidField(absl::string_view field, absl::string_view what,
                          absl::string_view reason);

// INVALID_ARGUMENT, reason INVALID_FIELD, with every violation; the message
// joins their descriptions with "; ". `violations` must not be empty. Past
// kMaxFieldViolations only the count is told ("...; and 7 more"), with the
// total in ErrorInfo.metadata["violations"], so that the error stays well
// within gRPC's limit on trailing metadata.
inline constexpr int kMaxFieldViolations = 20;
absl::Status InvalidFields(const std::vector<FieldViolation>& violations);

// NOT_FOUND, reason `reason` (e.g. PARTNER_NOT_FOUND), with a ResourceInfo
// of `resource_type` (the full name of its proto message, e.g.
// "partnerhub.partner_registry.v1.Partner") and `resource_name`, and
// {"resource": resource_name} as metadata. Message: "<name> not found", or
// `message` when given.
absl::Status NotFound(absl::string_view reason, absl::string_view resource_type,
                      absl::string_view resource_name,
                      absl::string_view message = "");

// FAILED_PRECONDITION, reason `reason`, with a PreconditionFailure of one
// violation (type = reason, subject, description = message) and
// {"resource": subject} as metadata.
absl::Status FailedPrecondition(absl::string_view reason,
                                absl::string_view subject,
                                absl::string_view message);

// An error a client may retry after `retry_delay` (ABORTED after a conflict,
// RESOURCE_EXHAUSTED from a rate or lag limit, UNAVAILABLE): reason `reason`
// and a RetryInfo.
absl::Status RetryableError(absl::StatusCode code, absl::string_view reason,
                            absl::string_view message,
                            absl::Duration retry_delay,
                            ErrorMetadata metadata = {});

// `status` with its ErrorInfo replaced by one of `reason` and `metadata`
// (other details kept). OK stays OK.
absl::Status WithReason(absl::Status status, absl::string_view reason,
                        ErrorMetadata metadata = {});

// `status` with a RetryInfo of `retry_delay` (replacing any).
absl::Status WithRetryDelay(absl::Status status, absl::Duration retry_delay);

// ---- Reading them (tests; callers of other services) ----

// The ErrorInfo's reason, or "" without one.
std::string ReasonOf(const absl::Status& status);
// The ErrorInfo's domain ("" until ToGrpcStatus stamps it, or without one).
std::string ErrorDomainOf(const absl::Status& status);
// The ErrorInfo's metadata value of `key`, or "".
std::string ErrorMetadataOf(const absl::Status& status, absl::string_view key);
// The BadRequest's field violations.
std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status);
// The PreconditionFailure's violations.
std::vector<PreconditionViolation> PreconditionViolationsOf(
    const absl::Status& status);
// The ResourceInfo's resource name, or "".
std::string ResourceNameOf(const absl::Status& status);
// The RetryInfo's delay, or absl::ZeroDuration() without one.
absl::Duration RetryDelayOf(const absl::Status& status);

// ---- Every violation of a request, not only the first ----

// Collects the results of a request's independent field checks:
//
//   FieldErrors errors;
//   errors.Add(CheckText("partner.display_name", p.display_name, 1, 200));
//   errors.Add(CheckEmail("partner.email", p.email));
//   PH_RETURN_IF_ERROR(errors.Result());
class FieldErrors {
 public:
  // Adds the field violations of an INVALID_ARGUMENT (one without any counts
  // as a violation of no particular field). The first error of any other
  // code is kept, and returned by Result() before any violation.
  void Add(const absl::Status& status);
  // Adds one violation.
  void Add(absl::string_view field, absl::string_view what);
  // Sets `out` to the value of `value`, or adds its error: for conversions
  // of fields that do not depend on one another.
  template <typename T, typename Out>
  void Assign(absl::StatusOr<T> value, Out& out) {
    if (value.ok()) {
      out = *std::move(value);
    } else {
      Add(value.status());
    }
  }

  bool ok() const { return violations_.empty() && other_.ok(); }
  // OK; the first non-INVALID_ARGUMENT error; the one INVALID_ARGUMENT
  // added, as it is; or InvalidFields() of all the violations.
  absl::Status Result() const;

 private:
  std::vector<FieldViolation> violations_;
  int invalid_count_ = 0;       // INVALID_ARGUMENT statuses added
  absl::Status first_invalid_;  // the first of them
  absl::Status other_;
};

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_STATUS_ERROR_DETAILS_H_
