// The write side of an event feed: appending domain events to the outbox in
// the transaction that makes the change (schema: schema/0001_create_outbox.sql,
// copied into every producing service's migrations).
#ifndef PARTNERHUB_COMMON_EVENTS_OUTBOX_H_
#define PARTNERHUB_COMMON_EVENTS_OUTBOX_H_

#include <vector>

#include "common/mysql/connection_pool.h"
#include "partnerhub/events/v1/events.pb.h"

namespace partnerhub::events {

// Appends `events` (each with its payload and event_time; position and feed
// are ignored) to the outbox inside the caller's open transaction, giving
// them the next positions in order. Locks the feed's head row until the
// transaction ends — which is what makes positions follow commit order — so
// call it as the transaction's last write. Throws sql::SQLException like
// other storage code (inside mysql::Transact).
void AppendEvents(mysql::Connection& conn,
                  const std::vector<v1::Event>& events);

// Collects the events of one transaction, to append them at its end.
class EventBuffer {
 public:
  void Add(v1::Event event) { events_.push_back(std::move(event)); }
  // Appends the collected events (see AppendEvents) and forgets them.
  void Flush(mysql::Connection& conn);
  bool empty() const { return events_.empty(); }

 private:
  std::vector<v1::Event> events_;
};

}  // namespace partnerhub::events

#endif  // PARTNERHUB_COMMON_EVENTS_OUTBOX_H_
