// Following one producer's feed over gRPC (common/events/feed_subscription.h)
// into the read models: each batch of events becomes a batch of facts
// (convert/feed_facts.h) that the domain's FeedApplier applies. Only the
// replica that holds the feed's lease applies it (the others stand by and
// take over when the holder goes away); the stored position is the safety
// net.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_CLIENTS_FEED_FOLLOWER_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_CLIENTS_FEED_FOLLOWER_H_

#include <grpcpp/channel.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "common/events/feed_subscription.h"
#include "partnerhub/events/v1/events.pb.h"
#include "services/reporting/src/domain/feed_applier.h"
#include "services/reporting/src/domain/types.h"

namespace partnerhub::reporting {

// Applies `events` (consecutive, of `feed`) with `applier`, as facts; see
// FeedApplier::Apply.
absl::Status ApplyEvents(FeedApplier& applier, const std::string& feed,
                         const std::vector<events::v1::Event>& events,
                         int64_t head_position);

struct FollowerOptions {
  // The consumer name acknowledged to the producer.
  std::string consumer = "reporting";
  // Events per response asked for (one transaction each).
  int max_events = 2000;
  // How often a standby replica tries to take the lease, and the active
  // one checks that it still holds it (and that no rebuild reset the
  // position).
  absl::Duration lease_interval = absl::Seconds(2);
  absl::Duration initial_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(5);
  absl::Duration acknowledge_interval = absl::Seconds(5);
};

class FeedFollower {
 public:
  FeedFollower(std::string feed, std::shared_ptr<grpc::Channel> channel,
               FeedApplier& applier, std::unique_ptr<FeedLease> lease,
               FollowerOptions options);
  ~FeedFollower();  // Stop()

  void Start();
  // Stops following and releases the lease. Idempotent.
  void Stop();

  LocalFeedState state() const;
  const std::string& feed() const { return feed_; }

 private:
  void Run();
  std::unique_ptr<events::FeedSubscription> NewSubscription();

  const std::string feed_;
  const std::shared_ptr<grpc::Channel> channel_;
  FeedApplier& applier_;
  const std::unique_ptr<FeedLease> lease_;
  const FollowerOptions options_;
  absl::Notification stopping_;
  std::thread thread_;

  mutable absl::Mutex mu_;
  bool active_ ABSL_GUARDED_BY(mu_) = false;
  std::string lease_error_ ABSL_GUARDED_BY(mu_);
  events::FeedSubscription* subscription_ ABSL_GUARDED_BY(mu_) = nullptr;
  events::SubscriptionProgress last_progress_ ABSL_GUARDED_BY(mu_);
};

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_CLIENTS_FEED_FOLLOWER_H_
