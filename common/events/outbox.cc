#include "common/events/outbox.h"

#include <cppconn/exception.h>
#include <cppconn/resultset.h>

#include <string>

#include "common/mysql/batch_sql.h"
#include "common/mysql/statement.h"

namespace partnerhub::events {
namespace {

constexpr char kLockHead[] =
    "SELECT head_position FROM event_feed WHERE id = 1 FOR UPDATE";
constexpr char kAdvanceHead[] =
    "UPDATE event_feed SET head_position = ? WHERE id = 1";
constexpr char kInsertHead[] =
    "INSERT INTO outbox_events (position, event_time, payload) VALUES ";
constexpr char kInsertRow[] = "(?, ?, ?)";

absl::Time EventTime(const v1::Event& event) {
  return absl::FromUnixSeconds(event.event_time().seconds()) +
         absl::Nanoseconds(event.event_time().nanos());
}

}  // namespace

void AppendEvents(mysql::Connection& conn,
                  const std::vector<v1::Event>& events) {
  if (events.empty()) return;
  std::unique_ptr<sql::ResultSet> rs = mysql::Query(conn, kLockHead);
  if (!rs->next()) {
    throw sql::SQLException("event_feed has no head row; run migrate");
  }
  int64_t position = rs->getInt64(1);
  size_t next = 0;
  for (int count : mysql::ChunkSizes(static_cast<int>(events.size()))) {
    mysql::Params params;
    params.reserve(3 * count);
    for (int i = 0; i < count; ++i, ++next) {
      v1::Event stored = events[next];
      stored.clear_position();
      stored.clear_feed();
      params.emplace_back(++position);
      params.emplace_back(EventTime(stored));
      params.emplace_back(stored.SerializeAsString());
    }
    mysql::Execute(conn, mysql::RepeatRows(kInsertHead, kInsertRow, count),
                   params);
  }
  mysql::Execute(conn, kAdvanceHead, {position});
}

void EventBuffer::Flush(mysql::Connection& conn) {
  AppendEvents(conn, events_);
  events_.clear();
}

}  // namespace partnerhub::events
