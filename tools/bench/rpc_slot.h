// Per-worker state of one unary RPC made with gRPC's callback API: what
// must live from the call's start until its callback runs. CallbackScenarios
// keep one per worker and reuse it call after call.
#ifndef PARTNERHUB_TOOLS_BENCH_RPC_SLOT_H_
#define PARTNERHUB_TOOLS_BENCH_RPC_SLOT_H_

#include <grpcpp/client_context.h>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "absl/time/time.h"

namespace partnerhub::bench {

template <typename Request, typename Response>
struct RpcSlot {
  // A ClientContext serves a single call: NewContext replaces it.
  std::optional<grpc::ClientContext> context;
  Request request;
  Response response;

  grpc::ClientContext* NewContext(absl::Duration deadline) {
    context.emplace();
    context->set_deadline(std::chrono::system_clock::now() +
                          absl::ToChronoMilliseconds(deadline));
    return &*context;
  }
};

// One slot per worker, each in its own allocation (slots are neither
// copyable nor movable, and workers should not share cache lines).
template <typename Request, typename Response>
std::vector<std::unique_ptr<RpcSlot<Request, Response>>> MakeSlots(int count) {
  std::vector<std::unique_ptr<RpcSlot<Request, Response>>> slots;
  for (int i = 0; i < count; ++i) {
    slots.push_back(std::make_unique<RpcSlot<Request, Response>>());
  }
  return slots;
}

}  // namespace partnerhub::bench

#endif  // PARTNERHUB_TOOLS_BENCH_RPC_SLOT_H_
