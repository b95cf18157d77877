// MySqlCxTx: the funnel projector's place on this service's own feed, and
// the touchpoints it reads back from it.
#include <cppconn/resultset.h>

#include "absl/strings/str_cat.h"
#include "common/mysql/guarded.h"
#include "common/mysql/statement.h"
#include "services/customer_experience/src/events/event_reader.h"
#include "services/customer_experience/src/storage/mysql_cx_tx.h"
#include "services/customer_experience/src/storage/sql.h"

namespace partnerhub::customer_experience {

namespace q = sql_text;
using mysql::Guarded;

absl::StatusOr<int64_t> MySqlCxTx::LockFunnelPosition() {
  return Guarded(conn_, [&]() -> absl::StatusOr<int64_t> {
    auto rs = mysql::Query(conn_, q::kLockFunnelPosition);
    if (!rs->next()) {
      return absl::FailedPreconditionError(
          "the funnel projector's feed_consumers row is missing (migration "
          "0008)");
    }
    return rs->getInt64(1);
  });
}

absl::StatusOr<FeedTouchpoints> MySqlCxTx::TouchpointsAfter(int64_t position,
                                                            int max_events) {
  return Guarded(conn_, [&]() -> absl::StatusOr<FeedTouchpoints> {
    auto rs =
        mysql::Query(conn_, q::kEventsAfter, {position, int64_t{max_events}});
    FeedTouchpoints out;
    out.last_position = position;
    events::v1::Event event;
    while (rs->next()) {
      const int64_t at = rs->getInt64(1);
      if (at != out.last_position + 1) {
        // Pruning never passes the projector's row; a gap means the outbox
        // was cut by hand.
        return absl::DataLossError(
            absl::StrCat("the feed has no event ", out.last_position + 1,
                         " (the funnel projector is at ", position, ")"));
      }
      out.last_position = at;
      const std::string payload(rs->getString(2));
      if (!event.ParseFromString(payload)) {
        return absl::DataLossError(absl::StrCat(
            "event ", out.last_position, " of the outbox does not parse"));
      }
      absl::Status read = AppendFunnelTouchpoints(event, out.touchpoints);
      if (!read.ok()) {
        return absl::DataLossError(absl::StrCat(
            "event ", out.last_position, " of the outbox: ", read.message()));
      }
    }
    return out;
  });
}

absl::Status MySqlCxTx::SetFunnelPosition(int64_t position, absl::Time now) {
  return Guarded(conn_, [&] {
    mysql::Execute(conn_, q::kSetFunnelPosition, {position, now});
  });
}

absl::StatusOr<int64_t> MySqlCxTx::FunnelLag() {
  return Guarded(conn_, [&]() -> absl::StatusOr<int64_t> {
    auto rs = mysql::Query(conn_, q::kFunnelLag);
    if (!rs->next()) {
      return absl::FailedPreconditionError(
          "the funnel projector's feed_consumers row is missing (migration "
          "0008)");
    }
    return rs->getInt64(1);
  });
}

}  // namespace partnerhub::customer_experience
