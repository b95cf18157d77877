// MySqlCxTx: the funnel projector's place on this service's own feed, and
// the touchpoints it reads back from it (common's events::LocalConsumer).
#include <string>

#include "absl/strings/str_cat.h"
#include "common/events/local_consumer.h"
#include "common/mysql/guarded.h"
#include "services/customer_experience/src/convert/feed_events.h"
#include "services/customer_experience/src/storage/mysql_cx_tx.h"
#include "services/customer_experience/src/storage/sql.h"

namespace partnerhub::customer_experience {

using mysql::Guarded;

namespace {

const events::LocalConsumer& FunnelConsumer() {
  static const events::LocalConsumer* consumer =
      new events::LocalConsumer(std::string(sql_text::kFunnelConsumer));
  return *consumer;
}

// A fault of the deployment, not of the request: INTERNAL, the detail for
// the log only.
absl::Status NotRegistered() {
  return absl::InternalError(
      "the funnel projector's feed_consumers row is missing (migration "
      "0008)");
}

}  // namespace

absl::StatusOr<int64_t> MySqlCxTx::LockFunnelPosition() {
  return Guarded(conn_, [&]() -> absl::StatusOr<int64_t> {
    std::optional<int64_t> position = FunnelConsumer().LockPosition(conn_);
    if (!position) return NotRegistered();
    return *position;
  });
}

absl::StatusOr<FeedTouchpoints> MySqlCxTx::TouchpointsAfter(int64_t position,
                                                            int max_events) {
  return Guarded(conn_, [&]() -> absl::StatusOr<FeedTouchpoints> {
    absl::StatusOr<std::vector<events::v1::Event>> events =
        FunnelConsumer().EventsAfter(conn_, position, max_events);
    if (!events.ok()) return events.status();
    FeedTouchpoints out;
    out.last_position = position;
    for (const events::v1::Event& event : *events) {
      out.last_position = event.position();
      absl::Status read = AppendFunnelTouchpoints(event, out.touchpoints);
      if (!read.ok()) {
        return absl::DataLossError(absl::StrCat(
            "event ", event.position(), " of the outbox: ", read.message()));
      }
    }
    return out;
  });
}

absl::Status MySqlCxTx::SetFunnelPosition(int64_t position, absl::Time now) {
  return Guarded(conn_,
                 [&] { FunnelConsumer().SetPosition(conn_, position, now); });
}

absl::StatusOr<int64_t> MySqlCxTx::FunnelLag() {
  return Guarded(conn_, [&]() -> absl::StatusOr<int64_t> {
    std::optional<int64_t> lag = FunnelConsumer().Lag(conn_);
    if (!lag) return NotRegistered();
    return *lag;
  });
}

}  // namespace partnerhub::customer_experience
