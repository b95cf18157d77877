#include "common/events/local_consumer.h"

#include <cppconn/resultset.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/events/outbox_sql.h"
#include "common/mysql/statement.h"

namespace partnerhub::events {
namespace {

constexpr char kLockPosition[] =
    "SELECT position FROM feed_consumers WHERE consumer = ? FOR UPDATE";
constexpr char kSetPosition[] =
    "UPDATE feed_consumers SET position = ?, acknowledge_time = ? "
    "WHERE consumer = ?";
constexpr char kLag[] =
    "SELECT f.head_position - c.position FROM event_feed f "
    "JOIN feed_consumers c ON c.consumer = ?";

std::optional<int64_t> OneValue(mysql::Connection& conn, const char* sql,
                                const std::string& consumer) {
  std::unique_ptr<sql::ResultSet> rs = mysql::Query(conn, sql, {consumer});
  if (!rs->next()) return std::nullopt;
  return rs->getInt64(1);
}

}  // namespace

std::optional<int64_t> LocalConsumer::LockPosition(
    mysql::Connection& conn) const {
  return OneValue(conn, kLockPosition, name_);
}

absl::StatusOr<std::vector<v1::Event>> LocalConsumer::EventsAfter(
    mysql::Connection& conn, int64_t position, int limit) const {
  std::unique_ptr<sql::ResultSet> rs =
      mysql::Query(conn, sql_text::kEventsAfter, {position, int64_t{limit}});
  std::vector<v1::Event> events;
  int64_t expected = position + 1;
  while (rs->next()) {
    const int64_t at = rs->getInt64(1);
    if (at != expected) {
      return absl::DataLossError(absl::StrCat("the feed has no event ",
                                              expected, " (", name_, " is at ",
                                              position, ")"));
    }
    v1::Event& event = events.emplace_back();
    if (!event.ParseFromString(std::string(rs->getString(2)))) {
      return absl::DataLossError(
          absl::StrCat("event ", at, " of the outbox does not parse"));
    }
    event.set_position(at);
    ++expected;
  }
  return events;
}

void LocalConsumer::SetPosition(mysql::Connection& conn, int64_t position,
                                absl::Time now) const {
  mysql::Execute(conn, kSetPosition, {position, now, name_});
}

std::optional<int64_t> LocalConsumer::Lag(mysql::Connection& conn) const {
  return OneValue(conn, kLag, name_);
}

}  // namespace partnerhub::events
