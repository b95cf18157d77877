// MySqlPartnerTx: the transaction's domain events and the outbox.
#include <utility>
#include <vector>

#include "common/events/outbox.h"
#include "common/mysql/guarded.h"
#include "services/partner_registry/src/convert/feed_events.h"
#include "services/partner_registry/src/storage/mysql_partner_tx.h"

namespace partnerhub::partner_registry {

void MySqlPartnerTx::Publish(DomainEvent event) {
  events_.push_back(std::move(event));
}

absl::Status MySqlPartnerTx::FlushEvents() {
  if (events_.empty()) return absl::OkStatus();
  std::vector<events::v1::Event> out;
  out.reserve(events_.size());
  for (const DomainEvent& e : events_) out.push_back(ToFeedEvent(e));
  events_.clear();
  return mysql::Guarded(conn_, [&] { events::AppendEvents(conn_, out); });
}

}  // namespace partnerhub::partner_registry
