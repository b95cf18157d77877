// SQL over the outbox tables (schema/0001_create_outbox.sql) that more than
// one reader of common/events runs. Internal to common/events.
#ifndef PARTNERHUB_COMMON_EVENTS_OUTBOX_SQL_H_
#define PARTNERHUB_COMMON_EVENTS_OUTBOX_SQL_H_

namespace partnerhub::events::sql_text {

// Events after a position (?), at most ? of them, in position order.
inline constexpr char kEventsAfter[] =
    "SELECT position, payload FROM outbox_events WHERE position > ? "
    "ORDER BY position LIMIT ?";

}  // namespace partnerhub::events::sql_text

#endif  // PARTNERHUB_COMMON_EVENTS_OUTBOX_SQL_H_
