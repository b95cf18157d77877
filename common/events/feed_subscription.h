// The consuming side of an event feed: follows one producer's EventFeed from
// the position the consumer stored, hands each batch to the consumer (which
// applies it and stores the new position in one transaction), reconnects
// after any failure, and acknowledges progress to the producer so that it
// can prune.
#ifndef PARTNERHUB_COMMON_EVENTS_FEED_SUBSCRIPTION_H_
#define PARTNERHUB_COMMON_EVENTS_FEED_SUBSCRIPTION_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "partnerhub/events/v1/events.grpc.pb.h"

namespace partnerhub::events {

struct SubscriptionOptions {
  // The feed's name, for logs and progress, e.g. "campaign".
  std::string feed;
  // The consumer's name as acknowledged to the producer, e.g. "reporting".
  std::string consumer;
  // Channel to the producer (see DownstreamChannel).
  std::shared_ptr<grpc::Channel> channel;
  // Events per response asked for, and per apply: while behind the head,
  // responses (which the producer also cuts at 1 MiB) are gathered until
  // they hold at least this many events or apply_bytes, then applied
  // together. At the head every response is applied as it comes.
  int max_events = 2000;
  size_t apply_bytes = 8 << 20;
  // A stream is re-opened (from the stored position) after this long, so
  // that no call is without a deadline.
  absl::Duration stream_deadline = absl::Minutes(5);
  // Wait after a failure before reconnecting; doubles up to max_backoff.
  absl::Duration initial_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(5);
  // How often the stored position is acknowledged to the producer.
  absl::Duration acknowledge_interval = absl::Seconds(5);
};

// What the consumer supplies.
struct SubscriptionCallbacks {
  // The position stored with the consumer's data: where to resume.
  std::function<absl::StatusOr<int64_t>()> load_position;
  // Applies `events` (consecutive, after the position last loaded or
  // applied) and stores the position of the last one, in one transaction.
  // It should lock the stored position and check that it is the one just
  // before the first event (ABORTED otherwise: someone else applied them).
  // An error stops the stream; it is re-opened from load_position() after
  // a backoff.
  std::function<absl::Status(const std::vector<v1::Event>& events)> apply;
};

// Where a subscription is.
struct SubscriptionProgress {
  std::string feed;
  // The position applied and stored.
  int64_t position = 0;
  // The producer's head as last heard.
  int64_t head_position = 0;
  // Whether a stream is open now.
  bool connected = false;
  // When the producer was last heard from; InfinitePast if never.
  absl::Time last_contact = absl::InfinitePast();
  // The last failure, empty when the last stream is healthy.
  std::string last_error;
};

class FeedSubscription {
 public:
  FeedSubscription(SubscriptionOptions options,
                   SubscriptionCallbacks callbacks);
  ~FeedSubscription();  // Stop()

  // Starts following on a thread of its own.
  void Start();
  // Stops following (an open stream is cancelled); blocks until the thread
  // has ended. Idempotent.
  void Stop();

  SubscriptionProgress progress() const;

 private:
  void Run();
  // One stream: load the position, follow until failure or Stop().
  absl::Status Follow();
  void Acknowledge(int64_t position);
  void SetProgress(const std::function<void(SubscriptionProgress&)>& change);

  const SubscriptionOptions options_;
  const SubscriptionCallbacks callbacks_;
  std::unique_ptr<v1::EventFeed::Stub> stub_;
  absl::Notification stopping_;
  std::thread thread_;

  mutable absl::Mutex mu_;
  SubscriptionProgress progress_ ABSL_GUARDED_BY(mu_);
  grpc::ClientContext* open_stream_ ABSL_GUARDED_BY(mu_) = nullptr;
};

}  // namespace partnerhub::events

#endif  // PARTNERHUB_COMMON_EVENTS_FEED_SUBSCRIPTION_H_
