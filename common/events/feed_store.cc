#include "common/events/feed_store.h"

#include <cppconn/resultset.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/events/outbox_sql.h"
#include "common/grpc/proto_convert.h"
#include "common/mysql/statement.h"
#include "common/mysql/transaction.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "common/status/status_macros.h"

namespace partnerhub::events {
namespace {

constexpr char kHead[] = "SELECT head_position FROM event_feed WHERE id = 1";
constexpr char kFirstPosition[] = "SELECT MIN(position) FROM outbox_events";
constexpr char kAcknowledge[] =
    "INSERT INTO feed_consumers (consumer, position, acknowledge_time) "
    "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "
    "position = GREATEST(position, VALUES(position)), "
    "acknowledge_time = VALUES(acknowledge_time)";
constexpr char kConsumer[] =
    "SELECT consumer, position, acknowledge_time FROM feed_consumers "
    "WHERE consumer = ?";
constexpr char kConsumers[] =
    "SELECT consumer, position, acknowledge_time FROM feed_consumers "
    "ORDER BY consumer";
constexpr char kLowestAcknowledged[] =
    "SELECT MIN(position) FROM feed_consumers";
// Walks the old prefix (about to be deleted) to its end.
constexpr char kFirstYoung[] =
    "SELECT position FROM outbox_events WHERE event_time >= ? "
    "ORDER BY position LIMIT 1";
constexpr char kDeletePrefix[] =
    "DELETE FROM outbox_events WHERE position <= ? ORDER BY position LIMIT ?";

int64_t ReadHead(mysql::Connection& conn) {
  std::unique_ptr<sql::ResultSet> rs = mysql::Query(conn, kHead);
  return rs->next() ? rs->getInt64(1) : 0;
}

// The first column of a one-row result; `if_null` when there is no row or
// it is NULL.
int64_t ReadMin(mysql::Connection& conn, const char* sql,
                const mysql::Params& params, int64_t if_null) {
  std::unique_ptr<sql::ResultSet> rs = mysql::Query(conn, sql, params);
  if (!rs->next() || rs->isNull(1)) return if_null;
  return rs->getInt64(1);
}

v1::FeedConsumer ReadConsumer(sql::ResultSet& rs) {
  v1::FeedConsumer consumer;
  consumer.set_consumer(mysql::GetString(rs, "consumer"));
  consumer.set_position(mysql::GetInt64(rs, "position"));
  *consumer.mutable_acknowledge_time() =
      ToProtoTime(mysql::GetTime(rs, "acknowledge_time"));
  return consumer;
}

absl::Status BeyondHead(absl::string_view field, int64_t position,
                        int64_t head) {
  return InvalidField(
      field, absl::StrCat(position, " is beyond the feed's head (", head,
                          "): is this the feed the position came from?"));
}

}  // namespace

FeedStore::FeedStore(mysql::ConnectionPool& pool, std::string feed)
    : pool_(pool), feed_(std::move(feed)) {}

absl::StatusOr<EventBatch> FeedStore::ReadAfter(int64_t after, int limit) {
  if (after < 0) {
    return InvalidField("after_position",
                        absl::StrCat("must not be negative; got ", after));
  }
  EventBatch batch;
  absl::Status pruned;
  bool corrupt = false;
  PH_RETURN_IF_ERROR(mysql::WithConnection(pool_, [&](mysql::Connection& conn) {
    batch = EventBatch();
    pruned = absl::OkStatus();
    // The head first: events read after it may only be newer.
    batch.head_position = ReadHead(conn);
    std::unique_ptr<sql::ResultSet> rs =
        mysql::Query(conn, sql_text::kEventsAfter, {after, int64_t{limit}});
    int64_t expected = after + 1;
    while (rs->next()) {
      const int64_t position = rs->getInt64(1);
      if (position != expected) {
        if (expected == after + 1) {
          pruned = ErrorWithReason(
              absl::StatusCode::kOutOfRange, reason::kFeedPositionPruned,
              absl::StrCat("events ", expected, " to ", position - 1,
                           " of feed ", feed_,
                           " were pruned; the first held is ", position,
                           ": rebuild from a later position or keep the "
                           "consumer's acknowledgements up to date"),
              {{"first_position", absl::StrCat(position)}});
        } else {
          corrupt = true;  // a gap inside the feed: never written so
        }
        break;
      }
      v1::Event& event = batch.events.emplace_back();
      const std::string payload(rs->getString(2));
      if (!event.ParseFromString(payload)) corrupt = true;
      event.set_position(position);
      event.set_feed(feed_);
      ++expected;
    }
    if (!batch.events.empty()) {
      batch.head_position =
          std::max(batch.head_position, batch.events.back().position());
    } else if (pruned.ok() && after < batch.head_position) {
      // Nothing after `after` although the head is further: pruned.
      const int64_t first =
          ReadMin(conn, kFirstPosition, {}, batch.head_position + 1);
      pruned = ErrorWithReason(
          absl::StatusCode::kOutOfRange, reason::kFeedPositionPruned,
          absl::StrCat("events after ", after, " of feed ", feed_,
                       " were pruned; the first held is ", first),
          {{"first_position", absl::StrCat(first)}});
    }
    return absl::OkStatus();
  }));
  if (corrupt) {
    return absl::InternalError(absl::StrCat(
        "feed ", feed_, " has a gap or an unreadable event after ", after));
  }
  PH_RETURN_IF_ERROR(pruned);
  if (after > batch.head_position) {
    return BeyondHead("after_position", after, batch.head_position);
  }
  return batch;
}

absl::StatusOr<v1::FeedConsumer> FeedStore::Acknowledge(
    const std::string& consumer, int64_t position, absl::Time now) {
  if (position < 0) {
    return InvalidField("position",
                        absl::StrCat("must not be negative; got ", position));
  }
  v1::FeedConsumer out;
  absl::Status beyond;
  PH_RETURN_IF_ERROR(mysql::Transact(pool_, [&](mysql::Connection& conn) {
    beyond = absl::OkStatus();
    const int64_t head = ReadHead(conn);
    if (position > head) {
      beyond = BeyondHead("position", position, head);
      return absl::OkStatus();
    }
    mysql::Execute(conn, kAcknowledge, {consumer, position, now});
    std::unique_ptr<sql::ResultSet> rs =
        mysql::Query(conn, kConsumer, {consumer});
    rs->next();
    out = ReadConsumer(*rs);
    return absl::OkStatus();
  }));
  PH_RETURN_IF_ERROR(beyond);
  return out;
}

absl::StatusOr<v1::FeedInfo> FeedStore::Info() {
  v1::FeedInfo info;
  PH_RETURN_IF_ERROR(mysql::WithConnection(pool_, [&](mysql::Connection& conn) {
    info.Clear();
    info.set_feed(feed_);
    info.set_head_position(ReadHead(conn));
    info.set_first_position(
        ReadMin(conn, kFirstPosition, {}, info.head_position() + 1));
    std::unique_ptr<sql::ResultSet> rs = mysql::Query(conn, kConsumers);
    while (rs->next()) *info.add_consumers() = ReadConsumer(*rs);
    return absl::OkStatus();
  }));
  return info;
}

absl::StatusOr<int64_t> FeedStore::Prune(absl::Time before, int chunk) {
  int64_t bound = 0;
  PH_RETURN_IF_ERROR(mysql::WithConnection(pool_, [&](mysql::Connection& conn) {
    // Never past the head, an event young enough to keep, or a consumer.
    bound = ReadHead(conn);
    bound = std::min(bound, ReadMin(conn, kFirstYoung, {before},
                                    std::numeric_limits<int64_t>::max()) -
                                1);
    bound = std::min(bound, ReadMin(conn, kLowestAcknowledged, {},
                                    std::numeric_limits<int64_t>::max()));
    return absl::OkStatus();
  }));
  int64_t deleted = 0;
  while (bound > 0) {
    int64_t n = 0;
    PH_RETURN_IF_ERROR(mysql::Transact(pool_, [&](mysql::Connection& conn) {
      n = mysql::Execute(conn, kDeletePrefix, {bound, int64_t{chunk}});
      return absl::OkStatus();
    }));
    deleted += n;
    if (n < chunk) break;
  }
  return deleted;
}

}  // namespace partnerhub::events
