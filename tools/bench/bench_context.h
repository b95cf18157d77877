// What scenarios share within one bench run: the options, one gRPC channel
// per worker, the database pool of the direct-SQL baselines, and a source of
// values unique to this run (request ids, registration numbers).
#ifndef PARTNERHUB_TOOLS_BENCH_BENCH_CONTEXT_H_
#define PARTNERHUB_TOOLS_BENCH_BENCH_CONTEXT_H_

#include <grpcpp/channel.h>
#include <grpcpp/completion_queue.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/mysql/connection_pool.h"

namespace partnerhub::bench {

// Something waiting on a completion queue of the bench: the queue's thread
// calls Complete when its operation ends.
class QueueTag {
 public:
  virtual ~QueueTag() = default;
  virtual void Complete(bool ok) = 0;
};

struct BenchOptions {
  // host:port of the service under test.
  std::string target = "127.0.0.1:50051";
  // Worker threads, each with one call in flight.
  int concurrency = 16;
  // gRPC channels (each its own HTTP/2 connection); worker w uses channel
  // w % channels. 0 means one per worker.
  int channels = 0;
  // Channels as the services' own (common/grpc/downstream.h): round_robin
  // over every address of `target` (e.g. "ipv4:h:p1,h:p2"), UNAVAILABLE
  // retried on another replica.
  bool balanced = false;
  // Completion queues, each drained by one bench thread; worker w's calls
  // complete on queue w % client_threads.
  int client_threads = 1;
  // Deadline of each RPC.
  absl::Duration rpc_deadline = absl::Seconds(10);
  // The database of the direct-SQL baselines.
  mysql::ConnectionOptions db;
  // Connections of that pool; 0 means `concurrency`.
  int db_pool_size = 0;
  // Partners a read scenario creates in Prepare and then reads at random.
  int seed_partners = 1000;
};

class BenchContext {
 public:
  explicit BenchContext(BenchOptions options);
  // Shuts the completion queues down and joins their threads.
  ~BenchContext();
  BenchContext(const BenchContext&) = delete;
  BenchContext& operator=(const BenchContext&) = delete;

  const BenchOptions& options() const { return options_; }
  int concurrency() const { return options_.concurrency; }

  // The channel worker `worker` uses; created on first use (not thread-safe:
  // call from Prepare, which runs on the main thread, and keep the stubs).
  std::shared_ptr<grpc::Channel> Channel(int worker);
  // Connects every worker's channel; UNAVAILABLE naming the target when it
  // cannot within `timeout`.
  absl::Status ConnectChannels(absl::Duration timeout);

  // The completion queue for worker `worker`'s RPCs; its tags must be
  // QueueTags. Created with their threads on first use (main thread).
  grpc::CompletionQueue* Queue(int worker);

  // The pool of the direct-SQL baselines, opened on first use (main thread).
  absl::StatusOr<mysql::ConnectionPool*> Pool();

  // A string unique to this process run, e.g. "b1732412345-3fa9"; request
  // ids are built from it.
  const std::string& run_id() const { return run_id_; }
  // 0, 1, 2, ...: unique within the run, across scenarios and threads.
  uint64_t NextSerial() { return serial_.fetch_add(1); }
  // Unique across runs too: the run's start second spaces runs apart (see
  // bench_context.cc).
  uint64_t NextGlobalSerial();

 private:
  const BenchOptions options_;
  const absl::Time start_;
  const std::string run_id_;
  std::atomic<uint64_t> serial_{0};
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
  std::vector<std::unique_ptr<grpc::CompletionQueue>> queues_;
  std::vector<std::thread> queue_threads_;
  std::unique_ptr<mysql::ConnectionPool> pool_;
};

}  // namespace partnerhub::bench

#endif  // PARTNERHUB_TOOLS_BENCH_BENCH_CONTEXT_H_
