// The one place where absl::Status and grpc::Status meet. Handlers convert
// their domain results here, so every service maps errors the same way and
// internal detail (SQL text, stack of causes) never reaches a client.
#ifndef PARTNERHUB_COMMON_GRPC_STATUS_CONVERSION_H_
#define PARTNERHUB_COMMON_GRPC_STATUS_CONVERSION_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace partnerhub {

// Same code, same message — except INTERNAL and UNKNOWN, whose detail is
// logged with a random reference id and replaced by
// "internal error (ref=<id>)", so an operator can find the log line a client
// reports without the client ever seeing the detail.
grpc::Status ToGrpcStatus(const absl::Status& status);

// Same code, same message (for results of calls to other services).
absl::Status ToAbslStatus(const grpc::Status& status);

// "OK", "INVALID_ARGUMENT", ...: the canonical name of a gRPC code, without
// allocating (used in per-request log lines).
absl::string_view StatusCodeName(grpc::StatusCode code);

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_GRPC_STATUS_CONVERSION_H_
