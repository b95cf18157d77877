// The three things grpcurl does: list, describe, and invoke. Each prints its
// results to stdout and its errors to stderr, and returns the exit status.
#ifndef PARTNERHUB_TOOLS_GRPCURL_COMMANDS_H_
#define PARTNERHUB_TOOLS_GRPCURL_COMMANDS_H_

#include <grpcpp/channel.h>

#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "tools/grpcurl/connection.h"
#include "tools/grpcurl/descriptor_source.h"
#include "tools/grpcurl/flags.h"
#include "tools/grpcurl/metadata.h"

namespace partnerhub::grpcurl {

// Exit statuses, as grpcurl's.
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
// A failed RPC exits with this plus its status code, so that the codes do
// not mix with the two above (e.g. 64 + 3 for InvalidArgument).
inline constexpr int kStatusCodeOffset = 64;

// Prints "<what>: <error message>" to stderr; returns kExitFailure.
int Fail(absl::string_view what, const absl::Status& error);

// `list`: the services, sorted; or, given a service, its methods
// ("pkg.Service.Method"), sorted.
int RunList(DescriptorSource& source, const std::string& service);

// `describe`: the symbol's definition; without one, every service's.
int RunDescribe(DescriptorSource& source, const std::string& symbol);

// Invokes `method` ("pkg.Service/Method" or "pkg.Service.Method") with the
// request data of `options` and prints the responses; exits with
// kStatusCodeOffset + code if the RPC fails.
int RunInvoke(const Options& options,
              const std::shared_ptr<grpc::Channel>& channel,
              DescriptorSource& source, const std::string& method,
              const Metadata& metadata,
              std::optional<Clock::time_point> deadline);

}  // namespace partnerhub::grpcurl

#endif  // PARTNERHUB_TOOLS_GRPCURL_COMMANDS_H_
