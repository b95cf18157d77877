// Calling other PartnerHub services: channels that recover quickly once the
// other side is back, a deadline on every call, and one mapping of their
// errors.
#ifndef PARTNERHUB_COMMON_GRPC_DOWNSTREAM_H_
#define PARTNERHUB_COMMON_GRPC_DOWNSTREAM_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/channel_arguments.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace partnerhub {

// An insecure channel to `address` ("host:port", or "dns:///name:port" to
// reach every replica behind a DNS name) that:
//  - balances calls over all the addresses the name resolves to
//    (round_robin), so replicas share the load and one going away only
//    takes its own connections; only replicas whose health service says
//    SERVING get calls (a Watch stream per connection), so one that is
//    shutting down (NOT_SERVING for --shutdown_delay) stops getting new
//    calls before it stops accepting them;
//  - retries a call that fails with UNAVAILABLE (a replica shutting down or
//    unreachable) up to 5 attempts in all (backoff 0.1 s doubling to 1 s),
//    on another replica when there is one, within the call's deadline. Only
//    UNAVAILABLE is retried: the call did not take effect, or it carries a
//    request_id that makes a repeat harmless;
//  - caps its reconnect backoff at one second, so that calls succeed again
//    soon after the other service comes back (gRPC's default cap is two
//    minutes).
// Connects lazily.
std::shared_ptr<grpc::Channel> DownstreamChannel(const std::string& address);

// The channel arguments of DownstreamChannel, for callers that add their own.
grpc::ChannelArguments DownstreamChannelArguments();

// A context whose deadline is `timeout` from now. Calls fail fast while the
// channel cannot connect (no wait_for_ready), so a service that is down
// costs a connection attempt, not the whole deadline.
std::unique_ptr<grpc::ClientContext> DeadlineContext(absl::Duration timeout);

// The status to report for a failed call to `service`: NOT_FOUND,
// INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS, PERMISSION_DENIED
// and OUT_OF_RANGE keep their code (they are answers about the request);
// everything else, including DEADLINE_EXCEEDED, becomes UNAVAILABLE ("the
// dependency is down"; reason DEPENDENCY_UNAVAILABLE, metadata "service",
// a RetryInfo). The message names the service. An answer keeps the other
// service's error details, its ErrorInfo (reason and domain) included, so
// the caller sees e.g. PARTNER_NOT_FOUND of partner-registry.partnerhub.
absl::Status FromDownstream(absl::string_view service,
                            const grpc::Status& status);

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_GRPC_DOWNSTREAM_H_
