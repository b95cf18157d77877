// Opening the channel to the server: credentials and channel arguments from
// the flags, then a blocking connect, as grpcurl's dial does.
#ifndef PARTNERHUB_TOOLS_GRPCURL_CONNECTION_H_
#define PARTNERHUB_TOOLS_GRPCURL_CONNECTION_H_

#include <grpcpp/channel.h>

#include <chrono>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "tools/grpcurl/flags.h"

namespace partnerhub::grpcurl {

using Clock = std::chrono::system_clock;

// Returns the channel once connected, or fails: with "Failed to create TLS
// config: ..." when a -cacert/-cert/-key file cannot be read, or "Failed to
// dial target host ..." when the server cannot be reached before
// `connect_deadline`.
absl::StatusOr<std::shared_ptr<grpc::Channel>> Dial(
    const Options& options, const std::string& address,
    Clock::time_point connect_deadline);

}  // namespace partnerhub::grpcurl

#endif  // PARTNERHUB_TOOLS_GRPCURL_CONNECTION_H_
