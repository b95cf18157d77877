#include "common/grpc/status_conversion.h"

#include <cstdint>
#include <iterator>
#include <random>
#include <string>

#include "absl/strings/str_format.h"
#include "common/log/log.h"

namespace partnerhub {
namespace {

// absl::StatusCode and grpc::StatusCode share the canonical numbering.
static_assert(static_cast<int>(absl::StatusCode::kUnauthenticated) ==
                  static_cast<int>(grpc::StatusCode::UNAUTHENTICATED),
              "absl and gRPC status codes must share numbering");
static_assert(static_cast<int>(absl::StatusCode::kInternal) ==
                  static_cast<int>(grpc::StatusCode::INTERNAL),
              "absl and gRPC status codes must share numbering");

constexpr absl::string_view kCodeNames[] = {
    "OK",                   // 0
    "CANCELLED",            // 1
    "UNKNOWN",              // 2
    "INVALID_ARGUMENT",     // 3
    "DEADLINE_EXCEEDED",    // 4
    "NOT_FOUND",            // 5
    "ALREADY_EXISTS",       // 6
    "PERMISSION_DENIED",    // 7
    "RESOURCE_EXHAUSTED",   // 8
    "FAILED_PRECONDITION",  // 9
    "ABORTED",              // 10
    "OUT_OF_RANGE",         // 11
    "UNIMPLEMENTED",        // 12
    "INTERNAL",             // 13
    "UNAVAILABLE",          // 14
    "DATA_LOSS",            // 15
    "UNAUTHENTICATED",      // 16
};

// 32 random bits are plenty to tell apart the errors of one log.
std::string NewReferenceId() {
  thread_local std::mt19937 rng{std::random_device{}()};
  return absl::StrFormat("%08x", static_cast<uint32_t>(rng()));
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  if (status.code() == absl::StatusCode::kInternal ||
      status.code() == absl::StatusCode::kUnknown) {
    std::string ref = NewReferenceId();
    LogError("internal error ref=", ref, " code=", StatusCodeName(code),
             " detail: ", status.message());
    return grpc::Status(code, absl::StrCat("internal error (ref=", ref, ")"));
  }
  return grpc::Status(code, std::string(status.message()));
}

absl::Status ToAbslStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

absl::string_view StatusCodeName(grpc::StatusCode code) {
  const int index = static_cast<int>(code);
  if (index < 0 || index >= static_cast<int>(std::size(kCodeNames))) {
    return "UNKNOWN";
  }
  return kCodeNames[index];
}

}  // namespace partnerhub
