// MySqlCxTx: the transaction's domain events and the outbox.
#include "common/events/outbox.h"
#include "common/mysql/guarded.h"
#include "services/customer_experience/src/convert/feed_events.h"
#include "services/customer_experience/src/storage/mysql_cx_tx.h"

namespace partnerhub::customer_experience {

void MySqlCxTx::Publish(DomainEvent event) {
  events_.push_back(std::move(event));
}

absl::Status MySqlCxTx::FlushEvents() {
  if (events_.empty()) return absl::OkStatus();
  std::vector<events::v1::Event> out;
  out.reserve(events_.size());
  for (const DomainEvent& e : events_) BuildEvents(e, out);
  events_.clear();
  return mysql::Guarded(conn_, [&] { events::AppendEvents(conn_, out); });
}

}  // namespace partnerhub::customer_experience
