#include "common/status/reasons.h"

namespace partnerhub::reason {

absl::string_view FallbackReason(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
      return kInvalidRequest;
    case absl::StatusCode::kNotFound:
      return kResourceNotFound;
    case absl::StatusCode::kAlreadyExists:
      return kResourceAlreadyExists;
    case absl::StatusCode::kFailedPrecondition:
      return kPreconditionFailed;
    case absl::StatusCode::kAborted:
      return kConcurrentUpdate;
    case absl::StatusCode::kResourceExhausted:
      return kLimitExceeded;
    case absl::StatusCode::kOutOfRange:
      return kOutOfRange;
    case absl::StatusCode::kPermissionDenied:
      return kPermissionDenied;
    case absl::StatusCode::kUnauthenticated:
      return kUnauthenticated;
    case absl::StatusCode::kCancelled:
      return kCancelled;
    case absl::StatusCode::kDeadlineExceeded:
      return kDeadlineExceeded;
    case absl::StatusCode::kUnimplemented:
      return kNotImplemented;
    case absl::StatusCode::kUnavailable:
      return kUnavailable;
    default:  // UNKNOWN, INTERNAL, DATA_LOSS (and OK, which has no reason)
      return kInternalError;
  }
}

}  // namespace partnerhub::reason
