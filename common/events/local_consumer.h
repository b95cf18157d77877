// A consumer of a service's own feed inside the service's database (e.g.
// customer-experience's funnel projector). Its place is a row of the
// outbox's feed_consumers table, so pruning never passes it; it is read,
// and moved, inside the caller's transaction together with the changes the
// events cause, so each event applies exactly once. The outbox tables stay
// common's (schema/0001_create_outbox.sql): this is the one way in for a
// service that reads its own feed.
//
// Every method runs inside the caller's open transaction and throws
// sql::SQLException like other storage code (wrap it in mysql::Guarded).
#ifndef PARTNERHUB_COMMON_EVENTS_LOCAL_CONSUMER_H_
#define PARTNERHUB_COMMON_EVENTS_LOCAL_CONSUMER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/mysql/connection_pool.h"
#include "partnerhub/events/v1/events.pb.h"

namespace partnerhub::events {

class LocalConsumer {
 public:
  // `name` is the consumer's feed_consumers row, e.g.
  // "customer-experience.funnel"; a migration of the service registers it.
  explicit LocalConsumer(std::string name) : name_(std::move(name)) {}

  const std::string& name() const { return name_; }

  // The consumer's position, its row locked until the transaction ends (so
  // steps of replicas serialize). std::nullopt when it is not registered.
  std::optional<int64_t> LockPosition(mysql::Connection& conn) const;

  // Up to `limit` events after `position`, consecutive, each with its
  // position set. DATA_LOSS when one is missing (the consumer's row keeps
  // pruning away, so only a hand-cut outbox has a gap) or does not parse.
  absl::StatusOr<std::vector<v1::Event>> EventsAfter(mysql::Connection& conn,
                                                     int64_t position,
                                                     int limit) const;

  // Moves the consumer to `position` (under LockPosition).
  void SetPosition(mysql::Connection& conn, int64_t position,
                   absl::Time now) const;

  // How many events the feed's head is ahead of the consumer;
  // std::nullopt when it is not registered.
  std::optional<int64_t> Lag(mysql::Connection& conn) const;

 private:
  const std::string name_;
};

}  // namespace partnerhub::events

#endif  // PARTNERHUB_COMMON_EVENTS_LOCAL_CONSUMER_H_
