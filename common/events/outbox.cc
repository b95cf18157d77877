#include "common/events/outbox.h"

#include <cppconn/exception.h>

#include <string>
#include <utility>
#include <vector>

#include "common/mysql/batch_sql.h"
#include "common/mysql/statement.h"

namespace partnerhub::events {
namespace {

// Locks the head row and advances it in one statement; LAST_INSERT_ID(x)
// leaves the new head where the INSERT below reads it, so the lock is held
// for two round trips and the COMMIT.
constexpr char kAdvanceHead[] =
    "UPDATE event_feed SET head_position = LAST_INSERT_ID(head_position + ?) "
    "WHERE id = 1";
// Each row's position is the new head minus its distance from the last.
constexpr char kInsertHead[] =
    "INSERT INTO outbox_events (position, event_time, payload) VALUES ";
constexpr char kInsertRow[] = "(LAST_INSERT_ID() - ?, ?, ?)";

absl::Time EventTime(const v1::Event& event) {
  return absl::FromUnixSeconds(event.event_time().seconds()) +
         absl::Nanoseconds(event.event_time().nanos());
}

}  // namespace

void AppendEvents(mysql::Connection& conn,
                  const std::vector<v1::Event>& events) {
  if (events.empty()) return;
  const int64_t n = static_cast<int64_t>(events.size());
  // Serialized before the head row is locked: the lock is held only for
  // the statements and the COMMIT.
  std::vector<std::pair<std::string, mysql::Params>> inserts;
  int64_t next = 0;
  for (int count : mysql::ChunkSizes(static_cast<int>(n))) {
    mysql::Params params;
    params.reserve(3 * count);
    for (int i = 0; i < count; ++i, ++next) {
      const v1::Event& event = events[next];
      std::string payload;
      if (event.position() != 0 || !event.feed().empty()) {
        v1::Event stored = event;
        stored.clear_position();
        stored.clear_feed();
        payload = stored.SerializeAsString();
      } else {
        payload = event.SerializeAsString();
      }
      params.emplace_back(n - 1 - next);
      params.emplace_back(EventTime(event));
      params.emplace_back(std::move(payload));
    }
    inserts.emplace_back(mysql::RepeatRows(kInsertHead, kInsertRow, count),
                         std::move(params));
  }
  if (mysql::Execute(conn, kAdvanceHead, {n}) != 1) {
    throw sql::SQLException("event_feed has no head row; run migrate");
  }
  for (const auto& [sql, params] : inserts) mysql::Execute(conn, sql, params);
}

}  // namespace partnerhub::events
