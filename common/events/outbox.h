// The write side of an event feed: appending domain events to the outbox in
// the transaction that makes the change (schema: schema/0001_create_outbox.sql,
// which every producer applies through producer_schema.h).
#ifndef PARTNERHUB_COMMON_EVENTS_OUTBOX_H_
#define PARTNERHUB_COMMON_EVENTS_OUTBOX_H_

#include <utility>
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

// The domain events a transaction published (a store's Publish), kept
// until its end and then appended to the outbox, converted by the
// service's `convert` (convert/feed_events.h: the feed event(s) of one
// domain event, appended to a vector).
template <typename DomainEvent>
class DomainEventBuffer {
 public:
  using Convert = void (*)(const DomainEvent&, std::vector<v1::Event>&);

  explicit DomainEventBuffer(Convert convert) : convert_(convert) {}

  void Add(DomainEvent event) { events_.push_back(std::move(event)); }
  bool empty() const { return events_.empty(); }

  // Converts the kept events, appends them (AppendEvents: the
  // transaction's last write) and forgets them. Throws like AppendEvents.
  void Flush(mysql::Connection& conn) {
    if (events_.empty()) return;
    std::vector<v1::Event> out;
    out.reserve(events_.size());
    for (const DomainEvent& event : events_) convert_(event, out);
    events_.clear();
    AppendEvents(conn, out);
  }

 private:
  const Convert convert_;
  std::vector<DomainEvent> events_;
};

}  // namespace partnerhub::events

#endif  // PARTNERHUB_COMMON_EVENTS_OUTBOX_H_
