// The ErrorInfo reasons common/ gives, and the ones ToGrpcStatus falls back
// to for an error that names none. Each is also a value of every service's
// ErrorReason enum (a test of each service checks that), since any service
// can return them.
#ifndef PARTNERHUB_COMMON_STATUS_REASONS_H_
#define PARTNERHUB_COMMON_STATUS_REASONS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace partnerhub::reason {

// Fields of the request are not valid; BadRequest names each.
inline constexpr absl::string_view kInvalidField = "INVALID_FIELD";
// page_token does not come from the same List query, or is corrupt.
inline constexpr absl::string_view kInvalidPageToken = "INVALID_PAGE_TOKEN";
// request_id was used before with a different request.
inline constexpr absl::string_view kRequestIdReused = "REQUEST_ID_REUSED";
// The request's etag is not the resource's current one: read it again.
inline constexpr absl::string_view kStaleEtag = "STALE_ETAG";
// Concurrent writes collided and retries ran out; retry the request.
inline constexpr absl::string_view kConcurrentUpdate = "CONCURRENT_UPDATE";
// The service's database cannot be reached; retry later.
inline constexpr absl::string_view kDatabaseUnavailable =
    "DATABASE_UNAVAILABLE";
// A service this one depends on cannot be reached; retry later.
inline constexpr absl::string_view kDependencyUnavailable =
    "DEPENDENCY_UNAVAILABLE";
// A feed position before the feed's oldest retained event.
inline constexpr absl::string_view kFeedPositionPruned = "FEED_POSITION_PRUNED";

// Fallbacks, by code, for an error that names no reason of its own.
inline constexpr absl::string_view kInvalidRequest = "INVALID_REQUEST";
inline constexpr absl::string_view kResourceNotFound = "RESOURCE_NOT_FOUND";
inline constexpr absl::string_view kResourceAlreadyExists =
    "RESOURCE_ALREADY_EXISTS";
inline constexpr absl::string_view kPreconditionFailed = "PRECONDITION_FAILED";
inline constexpr absl::string_view kLimitExceeded = "LIMIT_EXCEEDED";
inline constexpr absl::string_view kOutOfRange = "OUT_OF_RANGE";
inline constexpr absl::string_view kPermissionDenied = "PERMISSION_DENIED";
inline constexpr absl::string_view kUnauthenticated = "UNAUTHENTICATED";
inline constexpr absl::string_view kCancelled = "CANCELLED";
inline constexpr absl::string_view kDeadlineExceeded = "DEADLINE_EXCEEDED";
inline constexpr absl::string_view kNotImplemented = "NOT_IMPLEMENTED";
inline constexpr absl::string_view kUnavailable = "UNAVAILABLE";
inline constexpr absl::string_view kInternalError = "INTERNAL_ERROR";

// The fallback reason of `code` (one of the above).
absl::string_view FallbackReason(absl::StatusCode code);

// Every reason above, for the tests that check each service's enum.
inline constexpr absl::string_view kCommonReasons[] = {
    kInvalidField,
    kInvalidPageToken,
    kRequestIdReused,
    kStaleEtag,
    kConcurrentUpdate,
    kDatabaseUnavailable,
    kDependencyUnavailable,
    kFeedPositionPruned,
    kInvalidRequest,
    kResourceNotFound,
    kResourceAlreadyExists,
    kPreconditionFailed,
    kLimitExceeded,
    kOutOfRange,
    kPermissionDenied,
    kUnauthenticated,
    kCancelled,
    kDeadlineExceeded,
    kNotImplemented,
    kUnavailable,
    kInternalError,
};

}  // namespace partnerhub::reason

#endif  // PARTNERHUB_COMMON_STATUS_REASONS_H_
