// The read side of an event feed over the outbox tables: reading events
// after a position, consumers' acknowledgements, and pruning.
#ifndef PARTNERHUB_COMMON_EVENTS_FEED_STORE_H_
#define PARTNERHUB_COMMON_EVENTS_FEED_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/mysql/connection_pool.h"
#include "partnerhub/events/v1/events.pb.h"

namespace partnerhub::events {

// Events read after a position.
struct EventBatch {
  // Consecutive, from the position asked for + 1; may be empty.
  std::vector<v1::Event> events;
  // The feed's head when read (at least the last event's position).
  int64_t head_position = 0;
};

class FeedStore {
 public:
  // `feed` names the feed in the events it returns, e.g. "campaign".
  FeedStore(mysql::ConnectionPool& pool, std::string feed);

  const std::string& feed() const { return feed_; }

  // Up to `limit` events after `after`. OUT_OF_RANGE when some were pruned;
  // INVALID_ARGUMENT (naming `after_position`) when `after` is negative or
  // beyond the head.
  absl::StatusOr<EventBatch> ReadAfter(int64_t after, int limit);

  // Records that `consumer` applied the feed up to `position` (never moving
  // it back). INVALID_ARGUMENT when the position is beyond the head.
  absl::StatusOr<v1::FeedConsumer> Acknowledge(const std::string& consumer,
                                               int64_t position,
                                               absl::Time now);

  // Head, first position held and consumers.
  absl::StatusOr<v1::FeedInfo> Info();

  // Deletes the longest prefix of events that are all older than `before`
  // and acknowledged by every registered consumer (with no consumer
  // registered, age alone decides), `chunk` rows per transaction. Returns
  // how many were deleted.
  absl::StatusOr<int64_t> Prune(absl::Time before, int chunk = 5000);

 private:
  mysql::ConnectionPool& pool_;
  const std::string feed_;
};

}  // namespace partnerhub::events

#endif  // PARTNERHUB_COMMON_EVENTS_FEED_STORE_H_
