// The one place where absl::Status and grpc::Status meet. Handlers convert
// their domain results here, so every service maps errors the same way and
// internal detail (SQL text, stack of causes) never reaches a client.
#ifndef PARTNERHUB_COMMON_GRPC_STATUS_CONVERSION_H_
#define PARTNERHUB_COMMON_GRPC_STATUS_CONVERSION_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace partnerhub {

// Same code, same message, and the status's details (common/status/
// error_details.h) as the google.rpc.Status of the error (AIP-193), with
//  - an ErrorInfo always: a status without one gets the fallback reason of
//    its code (common/status/reasons.h), and an ErrorInfo without a domain
//    gets `error_domain` ("campaign.partnerhub");
//  - a RetryInfo (unless it has one) on UNAVAILABLE (1 s) and on
//    CONCURRENT_UPDATE (100 ms), the fallback reason of ABORTED.
// INTERNAL, UNKNOWN and DATA_LOSS are the exception: their detail is logged
// with a random reference id and replaced by "internal error (ref=<id>)"
// (the id also in ErrorInfo.metadata["ref"]), so an operator can find the
// log line a client reports without the client ever seeing the detail.
grpc::Status ToGrpcStatus(const absl::Status& status,
                          absl::string_view error_domain);

// The error details of a gRPC status from another service, as payloads of
// an absl::Status (common/status/error_details.h); `code` and `message`
// are the new status's.
absl::Status WithDetailsOf(const grpc::Status& from, absl::StatusCode code,
                           absl::string_view message);

// "OK", "INVALID_ARGUMENT", ...: the canonical name of a gRPC code, without
// allocating (used in per-request log lines).
absl::string_view StatusCodeName(grpc::StatusCode code);

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_GRPC_STATUS_CONVERSION_H_
