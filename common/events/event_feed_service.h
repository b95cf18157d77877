// partnerhub.events.v1.EventFeed over a service's outbox: what every
// producing service registers beside its own API (see events.proto), plus
// the background pruning of old events.
#ifndef PARTNERHUB_COMMON_EVENTS_EVENT_FEED_SERVICE_H_
#define PARTNERHUB_COMMON_EVENTS_EVENT_FEED_SERVICE_H_

#include <string>
#include <thread>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "common/events/feed_store.h"
#include "common/mysql/connection_pool.h"
#include "common/time/clock.h"
#include "partnerhub/events/v1/events.grpc.pb.h"

namespace partnerhub::events {

struct FeedOptions {
  // The feed's name, e.g. "campaign".
  std::string feed;
  // How often a following stream looks for new events when it has none.
  absl::Duration poll_interval = absl::Milliseconds(50);
  // How often an idle following stream sends an empty response.
  absl::Duration heartbeat = absl::Seconds(1);
  // Events younger than this are kept even when acknowledged.
  absl::Duration retention = absl::Hours(24 * 7);
  // How often old events are pruned; zero turns pruning off.
  absl::Duration prune_interval = absl::Minutes(10);
};

// FeedOptions for `feed` from the flags --event_retention,
// --event_prune_interval and --event_poll_interval.
FeedOptions FeedOptionsFromFlags(std::string feed);

class EventFeedService final : public v1::EventFeed::Service {
 public:
  // Starts the pruning thread (unless options.prune_interval is zero).
  EventFeedService(mysql::ConnectionPool& pool, const Clock& clock,
                   FeedOptions options);
  ~EventFeedService() override;  // Stop()

  // Ends following streams (UNAVAILABLE: the consumer resumes elsewhere)
  // and pruning. Call before the server drains. Idempotent.
  void Stop();

  grpc::Status StreamEvents(
      grpc::ServerContext* context, const v1::StreamEventsRequest* request,
      grpc::ServerWriter<v1::StreamEventsResponse>* writer) override;
  grpc::Status AcknowledgeEvents(grpc::ServerContext* context,
                                 const v1::AcknowledgeEventsRequest* request,
                                 v1::FeedConsumer* response) override;
  grpc::Status GetFeedInfo(grpc::ServerContext* context,
                           const v1::GetFeedInfoRequest* request,
                           v1::FeedInfo* response) override;

 private:
  void PruneLoop();

  FeedStore store_;
  const Clock& clock_;
  const FeedOptions options_;
  const std::string error_domain_;  // "<feed>.partnerhub"
  absl::Notification stopping_;
  std::thread pruner_;
};

}  // namespace partnerhub::events

#endif  // PARTNERHUB_COMMON_EVENTS_EVENT_FEED_SERVICE_H_
