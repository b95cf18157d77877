// MySqlCxTx: the funnel projector's place on this service's own feed, and
// the touchpoints it reads back from it.
#include <cppconn/resultset.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "common/mysql/guarded.h"
#include "common/mysql/statement.h"
#include "services/customer_experience/src/events/event_reader.h"
#include "services/customer_experience/src/storage/mysql_cx_tx.h"
#include "services/customer_experience/src/storage/sql.h"

namespace partnerhub::customer_experience {

namespace q = sql_text;
using mysql::Guarded;

namespace {

// The first column of `statement`'s one row; the statement takes the
// projector's consumer name as its only parameter.
absl::StatusOr<int64_t> FunnelConsumerValue(mysql::Connection& conn,
                                            const char* statement) {
  return Guarded(conn, [&]() -> absl::StatusOr<int64_t> {
    auto rs = mysql::Query(conn, statement, {std::string(q::kFunnelConsumer)});
    if (!rs->next()) {
      // A fault of the deployment, not of the request: INTERNAL, the
      // detail for the log only.
      return absl::InternalError(
          "the funnel projector's feed_consumers row is missing (migration "
          "0008)");
    }
    return rs->getInt64(1);
  });
}

}  // namespace

absl::StatusOr<int64_t> MySqlCxTx::LockFunnelPosition() {
  return FunnelConsumerValue(conn_, q::kLockFunnelPosition);
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
    mysql::Execute(conn_, q::kSetFunnelPosition,
                   {position, now, std::string(q::kFunnelConsumer)});
  });
}

absl::StatusOr<int64_t> MySqlCxTx::FunnelLag() {
  return FunnelConsumerValue(conn_, q::kFunnelLag);
}

}  // namespace partnerhub::customer_experience
