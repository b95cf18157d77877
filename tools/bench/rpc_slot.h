// Per-worker state of one unary RPC made on one of the bench's completion
// queues (BenchContext::Queue): what must live from the call's start until
// its completion. AsyncScenarios keep one slot per worker and reuse it call
// after call.
#ifndef PARTNERHUB_TOOLS_BENCH_RPC_SLOT_H_
#define PARTNERHUB_TOOLS_BENCH_RPC_SLOT_H_

#include <grpcpp/client_context.h>
#include <grpcpp/support/async_unary_call.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "tools/bench/bench_context.h"

namespace partnerhub::bench {

template <typename Request, typename Response>
class RpcSlot final : public QueueTag {
 public:
  using Then = std::function<void(const grpc::Status&)>;

  Request request;
  Response response;

  // A fresh ClientContext (one serves a single call) with a deadline.
  grpc::ClientContext* NewContext(absl::Duration deadline) {
    reader_.reset();  // lives in the previous call's arena
    context_.emplace();
    context_->set_deadline(std::chrono::system_clock::now() +
                           absl::ToChronoMilliseconds(deadline));
    return &*context_;
  }

  // Starts `reader`, from stub.PrepareAsyncFoo(NewContext(...), request,
  // queue); `then` runs with the call's status on the queue's thread.
  template <typename ReaderPtr>
  void Start(ReaderPtr reader, Then then) {
    reader_ = std::move(reader);
    then_ = std::move(then);
    reader_->StartCall();
    reader_->Finish(&response, &status_, this);
  }

  void Complete(bool /*ok: always true for Finish*/) override {
    // `then` may start this slot's next call, which replaces then_.
    Then then = std::move(then_);
    then(status_);
  }

 private:
  std::optional<grpc::ClientContext> context_;
  // Allocated in the call's arena: freed with the call, deleting is a no-op.
  std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader_;
  grpc::Status status_;
  Then then_;
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
