#include "common/grpc/downstream.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "common/grpc/status_conversion.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"

namespace partnerhub {

namespace {

// See DownstreamChannel. `"name": [{}]` is the default for every method.
constexpr char kServiceConfig[] = R"json({
  "loadBalancingConfig": [{"round_robin": {}}],
  "healthCheckConfig": {"serviceName": ""},
  "methodConfig": [{
    "name": [{}],
    "retryPolicy": {
      "maxAttempts": 5,
      "initialBackoff": "0.1s",
      "maxBackoff": "1s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
})json";

}  // namespace

grpc::ChannelArguments DownstreamChannelArguments() {
  grpc::ChannelArguments args;
  args.SetServiceConfigJSON(kServiceConfig);
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 200);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  return args;
}

std::shared_ptr<grpc::Channel> DownstreamChannel(const std::string& address) {
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(),
                                   DownstreamChannelArguments());
}

std::unique_ptr<grpc::ClientContext> DeadlineContext(absl::Duration timeout) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() +
                    absl::ToChronoMicroseconds(timeout));
  return ctx;
}

absl::Status FromDownstream(absl::string_view service,
                            const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  switch (status.error_code()) {
    case grpc::StatusCode::NOT_FOUND:
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::OUT_OF_RANGE:
      return WithDetailsOf(status,
                           static_cast<absl::StatusCode>(status.error_code()),
                           absl::StrCat(service, ": ", status.error_message()));
    default:
      return RetryableError(
          absl::StatusCode::kUnavailable, reason::kDependencyUnavailable,
          absl::StrCat(service, " is unavailable (",
                       StatusCodeName(status.error_code()), ": ",
                       status.error_message(), "); retry later"),
          absl::Seconds(1), {{"service", service}});
  }
}

}  // namespace partnerhub
