#include "tools/bench/bench_context.h"

#include <grpc/grpc.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <algorithm>
#include <chrono>
#include <utility>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/grpc/downstream.h"

namespace partnerhub::bench {
namespace {

std::string MakeRunId(absl::Time start) {
  absl::BitGen gen;
  return absl::StrFormat("b%d-%04x", absl::ToUnixSeconds(start),
                         absl::Uniform<uint32_t>(gen, 0, 0x10000));
}

}  // namespace

BenchContext::BenchContext(BenchOptions options)
    : options_(std::move(options)),
      start_(absl::Now()),
      run_id_(MakeRunId(start_)) {}

BenchContext::~BenchContext() {
  for (auto& queue : queues_) queue->Shutdown();
  for (std::thread& t : queue_threads_) t.join();
}

grpc::CompletionQueue* BenchContext::Queue(int worker) {
  if (queues_.empty()) {
    const int count = std::max(1, options_.client_threads);
    for (int i = 0; i < count; ++i) {
      queues_.push_back(std::make_unique<grpc::CompletionQueue>());
      // The thread that waits on a queue also polls its connections, so a
      // response is read and its next call started on one thread, with no
      // hand-off: the cheapest client gRPC offers.
      queue_threads_.emplace_back([queue = queues_.back().get()] {
        void* tag = nullptr;
        bool ok = false;
        while (queue->Next(&tag, &ok))
          static_cast<QueueTag*>(tag)->Complete(ok);
      });
    }
  }
  return queues_[worker % queues_.size()].get();
}

std::shared_ptr<grpc::Channel> BenchContext::Channel(int worker) {
  const int count =
      options_.channels > 0 ? options_.channels : options_.concurrency;
  const int index = worker % count;
  if (channels_.empty()) channels_.resize(count);
  if (channels_[index] == nullptr) {
    grpc::ChannelArguments args = options_.balanced
                                      ? DownstreamChannelArguments()
                                      : grpc::ChannelArguments();
    // Without a local subchannel pool, channels to the same target share one
    // subchannel, i.e. one TCP connection, and one connection serialises
    // on a single client and server poller.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetInt("partnerhub.bench.channel", index);
    channels_[index] = grpc::CreateCustomChannel(
        options_.target, grpc::InsecureChannelCredentials(), args);
  }
  return channels_[index];
}

absl::Status BenchContext::ConnectChannels(absl::Duration timeout) {
  const auto deadline =
      std::chrono::system_clock::now() + absl::ToChronoMilliseconds(timeout);
  for (int w = 0; w < options_.concurrency; ++w) {
    if (!Channel(w)->WaitForConnected(deadline)) {
      return absl::UnavailableError(absl::StrCat(
          "cannot connect to ", options_.target, " within ",
          absl::FormatDuration(timeout), " (is the service running?)"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<mysql::ConnectionPool*> BenchContext::Pool() {
  if (pool_ == nullptr) {
    mysql::PoolOptions pool_options;
    pool_options.max_size = options_.db_pool_size > 0 ? options_.db_pool_size
                                                      : options_.concurrency;
    pool_options.acquire_timeout = absl::Seconds(10);
    auto pool = mysql::ConnectionPool::Create(options_.db, pool_options);
    if (!pool.ok()) return pool.status();
    pool_ = *std::move(pool);
    if (absl::Status ping = pool_->Ping(); !ping.ok()) {
      pool_.reset();
      return absl::Status(
          ping.code(),
          absl::StrCat("database ", options_.db.host, ":", options_.db.port,
                       "/", options_.db.database, " as ", options_.db.user,
                       ": ", ping.message()));
    }
  }
  return pool_.get();
}

uint64_t BenchContext::NextGlobalSerial() {
  // Runs started at least a second apart get disjoint ranges as long as each
  // creates fewer than 10,000 values per second it ran; the space (10^9, the
  // nine payload digits of a registration number) wraps after ~27 hours.
  constexpr uint64_t kPerSecond = 10000;
  constexpr uint64_t kSpace = 1000000000;
  const uint64_t base =
      (static_cast<uint64_t>(absl::ToUnixSeconds(start_)) * kPerSecond) %
      kSpace;
  return (base + NextSerial()) % kSpace;
}

}  // namespace partnerhub::bench
