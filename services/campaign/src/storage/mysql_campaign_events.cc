// MySqlCampaignTx: the transaction's domain events and the outbox.
#include <vector>

#include "common/events/outbox.h"
#include "common/mysql/guarded.h"
#include "services/campaign/src/convert/feed_events.h"
#include "services/campaign/src/storage/mysql_campaign_tx.h"

namespace partnerhub::campaign {

void MySqlCampaignTx::Publish(DomainEvent event) {
  events_.push_back(std::move(event));
}

absl::Status MySqlCampaignTx::FlushEvents() {
  if (events_.empty()) return absl::OkStatus();
  std::vector<events::v1::Event> out;
  out.reserve(events_.size());
  for (const DomainEvent& e : events_) out.push_back(ToFeedEvent(e));
  events_.clear();
  return mysql::Guarded(conn_, [&] { events::AppendEvents(conn_, out); });
}

}  // namespace partnerhub::campaign
