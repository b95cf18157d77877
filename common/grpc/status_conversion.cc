#include "common/grpc/status_conversion.h"

#include <cstdint>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "common/log/log.h"
#include "common/status/reasons.h"
#include "google/protobuf/any.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

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

// Payloads with this prefix are error details (common/status/
// error_details.h), sent to the client.
constexpr absl::string_view kDetailPrefix = "type.googleapis.com/google.rpc.";

template <typename Message>
std::string TypeUrlOf(const Message& message) {
  return absl::StrCat("type.googleapis.com/",
                      message.GetDescriptor()->full_name());
}

// Errors whose message and details stay in the log.
bool IsHidden(absl::StatusCode code) {
  return code == absl::StatusCode::kInternal ||
         code == absl::StatusCode::kUnknown ||
         code == absl::StatusCode::kDataLoss;
}

// 32 random bits are plenty to tell apart the errors of one log.
std::string NewReferenceId() {
  thread_local std::mt19937 rng{std::random_device{}()};
  return absl::StrFormat("%08x", static_cast<uint32_t>(rng()));
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status,
                          absl::string_view error_domain) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  std::string message(status.message());
  google::rpc::ErrorInfo info;
  std::vector<google::protobuf::Any> others;
  bool has_retry = false;
  if (IsHidden(status.code())) {
    const std::string ref = NewReferenceId();
    LogError("internal error ref=", ref, " code=", StatusCodeName(code),
             " detail: ", status.message());
    message = absl::StrCat("internal error (ref=", ref, ")");
    info.set_reason(std::string(reason::kInternalError));
    (*info.mutable_metadata())["ref"] = ref;
  } else {
    status.ForEachPayload(
        [&](absl::string_view type_url, const absl::Cord& payload) {
          if (!absl::StartsWith(type_url, kDetailPrefix)) return;
          if (type_url == TypeUrlOf(info)) {
            info.ParseFromString(std::string(payload));
            return;
          }
          has_retry |= type_url == TypeUrlOf(google::rpc::RetryInfo());
          google::protobuf::Any& any = others.emplace_back();
          any.set_type_url(std::string(type_url));
          any.set_value(std::string(payload));
        });
    if (info.reason().empty()) {
      info.set_reason(std::string(reason::FallbackReason(status.code())));
    }
  }
  if (info.domain().empty()) info.set_domain(std::string(error_domain));

  google::rpc::Status out;
  out.set_code(status.raw_code());
  out.set_message(message);
  out.add_details()->PackFrom(info);  // first: the detail clients look for
  for (google::protobuf::Any& any : others) *out.add_details() = std::move(any);
  if (!has_retry && (status.code() == absl::StatusCode::kUnavailable ||
                     info.reason() == reason::kConcurrentUpdate)) {
    const absl::Duration delay = status.code() == absl::StatusCode::kAborted
                                     ? absl::Milliseconds(100)
                                     : absl::Seconds(1);
    google::rpc::RetryInfo retry;
    retry.mutable_retry_delay()->set_seconds(absl::ToInt64Seconds(delay));
    retry.mutable_retry_delay()->set_nanos(static_cast<int32_t>(
        absl::ToInt64Nanoseconds(delay % absl::Seconds(1))));
    out.add_details()->PackFrom(retry);
  }
  return grpc::Status(code, message, out.SerializeAsString());
}

absl::Status WithDetailsOf(const grpc::Status& from, absl::StatusCode code,
                           absl::string_view message) {
  absl::Status status(code, message);
  google::rpc::Status details;
  if (from.error_details().empty() ||
      !details.ParseFromString(from.error_details())) {
    return status;
  }
  for (const google::protobuf::Any& any : details.details()) {
    if (!absl::StartsWith(any.type_url(), kDetailPrefix)) continue;
    status.SetPayload(any.type_url(), absl::Cord(any.value()));
  }
  return status;
}

absl::string_view StatusCodeName(grpc::StatusCode code) {
  const int index = static_cast<int>(code);
  if (index < 0 || index >= static_cast<int>(std::size(kCodeNames))) {
    return "UNKNOWN";
  }
  return kCodeNames[index];
}

}  // namespace partnerhub
