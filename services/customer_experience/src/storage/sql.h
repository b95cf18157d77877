// The customer-experience SQL, as named constants with ? parameters.
// Multi-row statements are a constant head plus a row group repeated
// (storage/batch_sql.h); segment conditions are compiled from fixed
// fragments (storage/segment_sql.h).
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_SQL_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_SQL_H_

namespace partnerhub::customer_experience::sql_text {

// Customers, with personal data and overall funnel stage.
#define PH_CUSTOMER_SELECT                                                  \
  "SELECT c.id, c.customer_id, c.birth_year, c.gender, c.region, "          \
  "c.sign_up_time, c.consent, c.consent_change_time, "                      \
  "c.personal_data_erase_time, c.create_time, c.update_time, c.version, "   \
  "p.display_name, p.email, p.phone, COALESCE(f.stage, 0) AS funnel_stage " \
  "FROM customers c "                                                       \
  "LEFT JOIN customer_personal_data p ON p.customer_key = c.id "            \
  "LEFT JOIN funnel_progress f ON f.customer_key = c.id "

inline constexpr char kSelectCustomer[] =
    PH_CUSTOMER_SELECT "WHERE c.customer_id = ?";
// Locks the customer's row only (not its funnel row, which ingestion writes).
inline constexpr char kLockCustomer[] =
    "SELECT id FROM customers WHERE customer_id = ? FOR UPDATE";
// The list query is this prefix, then WHERE terms from a fixed set of
// fragments, then ORDER BY and LIMIT (common's KeysetList, list_sql.cc).
inline constexpr char kListCustomersPrefix[] = PH_CUSTOMER_SELECT;
inline constexpr char kInsertCustomer[] =
    "INSERT INTO customers (customer_id, birth_year, gender, region, "
    "sign_up_time, consent, consent_change_time, personal_data_erase_time, "
    "create_time, update_time, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?)";
inline constexpr char kUpdateCustomer[] =
    "UPDATE customers SET birth_year = ?, gender = ?, region = ?, consent = ?, "
    "consent_change_time = ?, personal_data_erase_time = ?, update_time = ?, "
    "version = ? WHERE id = ? AND version = ?";
inline constexpr char kReplacePersonalData[] =
    "REPLACE INTO customer_personal_data (customer_key, display_name, email, "
    "phone) VALUES (?, ?, ?, ?)";
inline constexpr char kDeletePersonalData[] =
    "DELETE FROM customer_personal_data WHERE customer_key = ?";
// Multi-row: kCustomerKeysHead, then "?" per id joined by ", ", then ")".
// Columns: id, customer_id.
inline constexpr char kCustomerKeysHead[] =
    "SELECT id, customer_id FROM customers WHERE customer_id IN (";

inline constexpr char kInsertConsentChange[] =
    "INSERT INTO consent_changes (customer_key, from_state, to_state, source, "
    "change_time) VALUES (?, ?, ?, ?, ?)";
// Newest first (by id), paged by common's KeysetList after kOfCustomer.
inline constexpr char kListConsentChangesPrefix[] =
    "SELECT id, from_state, to_state, source, change_time FROM consent_changes";
// The rows of one customer (by its key), in the lists of its consent
// changes and touchpoints.
inline constexpr char kOfCustomer[] = "customer_key = ?";

// Touchpoints. Multi-row: kInsertTouchpointsHead + kTouchpointRow, ...
inline constexpr char kInsertTouchpointsHead[] =
    "INSERT IGNORE INTO touchpoints (customer_key, event_id, type, occur_time, "
    "channel, partner_id, campaign_id, purchase_id, properties, record_time) "
    "VALUES ";
inline constexpr char kTouchpointRow[] = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr int kTouchpointRowParams = 10;

#define PH_TOUCHPOINT_COLUMNS                                          \
  "id, event_id, type, occur_time, channel, partner_id, campaign_id, " \
  "purchase_id, properties, record_time"

inline constexpr char kSelectTouchpoint[] =
    "SELECT " PH_TOUCHPOINT_COLUMNS
    " FROM touchpoints "
    "WHERE customer_key = ? AND event_id = ?";
// Newest first; paged by common's KeysetList after kOfCustomer, on the key
// (occur_time, id).
inline constexpr char kListJourneyPrefix[] =
    "SELECT " PH_TOUCHPOINT_COLUMNS " FROM touchpoints";

// Funnel (overall). Multi-row upsert: kMergeFunnelHead + kFunnelRow, ... +
// kMergeFunnelTail. The merge is rules.h's MergeFunnel: earliest time per
// stage; REPEAT also at the later of two first purchases. repeat_time is
// assigned first, while purchased_time still holds the stored value.
inline constexpr char kMergeFunnelHead[] =
    "INSERT INTO funnel_progress (customer_key, aware_time, interested_time, "
    "considering_time, purchased_time, repeat_time, advocate_time) VALUES ";
inline constexpr char kFunnelRow[] = "(?, ?, ?, ?, ?, ?, ?)";
inline constexpr int kFunnelRowParams = 7;
#define PH_EARLIEST(col) \
  col " = COALESCE(LEAST(" col ", VALUES(" col ")), " col ", VALUES(" col "))"
inline constexpr char kMergeFunnelTail[] =
    " ON DUPLICATE KEY UPDATE "
    "repeat_time = COALESCE(LEAST(repeat_time, VALUES(repeat_time), "
    "GREATEST(purchased_time, VALUES(purchased_time))), "
    "LEAST(repeat_time, VALUES(repeat_time)), "
    "LEAST(repeat_time, GREATEST(purchased_time, VALUES(purchased_time))), "
    "LEAST(VALUES(repeat_time), GREATEST(purchased_time, VALUES(purchased_time))), "
    "repeat_time, VALUES(repeat_time), "
    "GREATEST(purchased_time, VALUES(purchased_time))), " PH_EARLIEST("aware_time")
    ", " PH_EARLIEST("interested_time") ", " PH_EARLIEST("considering_time")
    ", " PH_EARLIEST("purchased_time") ", " PH_EARLIEST("advocate_time");
#undef PH_EARLIEST
// The six stage times of a funnel row, AWARE first, as microseconds since
// the epoch (NULL: not reached); rows.h's ReadStageTimes reads them.
// Integers, because the connector hands DATETIME columns over as text that
// would have to be printed and parsed again, 12,000 times per batch.
#define PH_STAGE_MICROS(column) \
  "TIMESTAMPDIFF(MICROSECOND, '1970-01-01', " column ")"
#define PH_STAGE_TIMES \
  PH_STAGE_MICROS("aware_time") ", " PH_STAGE_MICROS("interested_time") \
  ", " PH_STAGE_MICROS("considering_time") ", "                         \
  PH_STAGE_MICROS("purchased_time") ", " PH_STAGE_MICROS("repeat_time") \
  ", " PH_STAGE_MICROS("advocate_time")
// Locking the overall rows of a batch's customers (in key order), and
// creating the missing ones empty. Multi-row: head + "?" per key joined by
// ", " + tail. Columns: customer_key, then the stage times.
inline constexpr char kLockFunnelHead[] =
    "SELECT customer_key, " PH_STAGE_TIMES
    " FROM funnel_progress WHERE customer_key IN (";
inline constexpr char kLockFunnelTail[] = ") ORDER BY customer_key FOR UPDATE";
inline constexpr char kCreateFunnelRowsHead[] =
    "INSERT IGNORE INTO funnel_progress (customer_key) VALUES ";
inline constexpr char kCreateFunnelRow[] = "(?)";
// Funnel per (customer, partner): read the pairs (multi-row: head + "(?, ?)"
// per pair joined by ", " + tail), and the same upsert as the overall rows.
// Columns: customer_key, partner_id, then the stage times.
inline constexpr char kPartnerFunnelHead[] =
    "SELECT customer_key, partner_id, " PH_STAGE_TIMES
    " FROM funnel_partner_progress WHERE (customer_key, partner_id) IN (";
inline constexpr char kPartnerFunnelPair[] = "(?, ?)";
inline constexpr char kPartnerFunnelTail[] = ")";
inline constexpr char kMergePartnerFunnelHead[] =
    "INSERT INTO funnel_partner_progress (customer_key, partner_id, "
    "aware_time, interested_time, considering_time, purchased_time, "
    "repeat_time, advocate_time) VALUES ";
inline constexpr char kPartnerFunnelRow[] = "(?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr int kPartnerFunnelRowParams = 8;
// (The tail is kMergeFunnelTail.)
// The campaign of a stored purchase touchpoint at a time.
inline constexpr char kPurchaseCampaignAt[] =
    "SELECT campaign_id FROM touchpoints WHERE customer_key = ? "
    "AND occur_time = ? AND type = 6 AND (? = 0 OR partner_id = ?) "
    "ORDER BY id LIMIT 1";
#undef PH_STAGE_TIMES
#undef PH_STAGE_MICROS
// A customer's touchpoints, for GetFunnel.
inline constexpr char kFunnelTouchpoints[] =
    "SELECT type, partner_id, occur_time FROM touchpoints "
    "WHERE customer_key = ?";
// The funnel projector's feed_consumers row (common's events::LocalConsumer),
// as migration 0008 registers it.
inline constexpr char kFunnelConsumer[] = "customer-experience.funnel";
// Counting the funnel over touchpoints: storage/funnel_sql.h.

// Purchases.
#define PH_PURCHASE_SELECT                                                    \
  "SELECT p.id, p.purchase_id, c.customer_id, p.customer_key, p.partner_id, " \
  "p.currency_code, p.total_minor, p.refunded_minor, p.coupon_code, "         \
  "p.campaign_id, p.channel, p.purchase_time, p.create_time, "                \
  "p.content_fingerprint FROM purchases p JOIN customers c ON c.id = "        \
  "p.customer_key "

inline constexpr char kSelectPurchase[] =
    PH_PURCHASE_SELECT "WHERE p.purchase_id = ?";
inline constexpr char kLockPurchase[] =
    "SELECT id FROM purchases WHERE purchase_id = ? FOR UPDATE";
inline constexpr char kSelectItems[] =
    "SELECT category, product_id, quantity, amount_minor FROM purchase_items "
    "WHERE purchase_key = ? ORDER BY line_no";
inline constexpr char kSelectRefunds[] =
    "SELECT id, amount_minor, reason, refund_time, create_time FROM refunds "
    "WHERE purchase_key = ? ORDER BY id";
inline constexpr char kInsertPurchase[] =
    "INSERT INTO purchases (purchase_id, customer_key, partner_id, "
    "currency_code, total_minor, refunded_minor, coupon_code, campaign_id, "
    "channel, purchase_time, create_time, content_fingerprint) "
    "VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)";
inline constexpr char kInsertItem[] =
    "INSERT INTO purchase_items (purchase_key, line_no, customer_key, "
    "partner_id, category, product_id, quantity, currency_code, amount_minor, "
    "purchase_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr char kHasEarlierPurchase[] =
    "SELECT 1 FROM purchases WHERE customer_key = ? AND purchase_time < ? "
    "AND partner_id = ? LIMIT 1";
inline constexpr char kInsertRefund[] =
    "INSERT INTO refunds (purchase_key, amount_minor, reason, refund_time, "
    "create_time) VALUES (?, ?, ?, ?, ?)";
inline constexpr char kSetRefunded[] =
    "UPDATE purchases SET refunded_minor = ? WHERE id = ?";
inline constexpr char kSetItemsFullyRefunded[] =
    "UPDATE purchase_items SET fully_refunded = 1 WHERE purchase_key = ?";
// Newest first; paged by common's KeysetList after kPurchasesOfCustomer,
// on the key (p.purchase_time, p.id).
inline constexpr char kListPurchasesPrefix[] = PH_PURCHASE_SELECT;
inline constexpr char kPurchasesOfCustomer[] = "p.customer_key = ?";

// Segments.
#define PH_SEGMENT_COLUMNS                                                    \
  "id, display_name, description, condition_text, create_time, update_time, " \
  "version"

inline constexpr char kSelectSegment[] =
    "SELECT " PH_SEGMENT_COLUMNS " FROM segments WHERE id = ?";
inline constexpr char kLockSegment[] =
    "SELECT " PH_SEGMENT_COLUMNS " FROM segments WHERE id = ? FOR UPDATE";
inline constexpr char kListSegmentsPrefix[] =
    "SELECT " PH_SEGMENT_COLUMNS " FROM segments";
inline constexpr char kInsertSegment[] =
    "INSERT INTO segments (display_name, description, condition_text, "
    "create_time, update_time, version) VALUES (?, ?, ?, ?, ?, ?)";
inline constexpr char kUpdateSegment[] =
    "UPDATE segments SET display_name = ?, description = ?, condition_text = "
    "?, "
    "update_time = ?, version = ? WHERE id = ? AND version = ?";

// Snapshots.
#define PH_SNAPSHOT_COLUMNS                                                   \
  "id, segment_id, display_name, description, condition_text, "               \
  "segment_create_time, segment_update_time, segment_version, member_count, " \
  "snapshot_time"

inline constexpr char kInsertSnapshot[] =
    "INSERT INTO segment_snapshots (segment_id, display_name, description, "
    "condition_text, segment_create_time, segment_update_time, "
    "segment_version, member_count, snapshot_time) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)";
inline constexpr char kSetSnapshotCount[] =
    "UPDATE segment_snapshots SET member_count = ? WHERE id = ?";
inline constexpr char kSelectSnapshot[] =
    "SELECT " PH_SNAPSHOT_COLUMNS
    " FROM segment_snapshots WHERE segment_id = ? AND id = ?";
// Newest first (by id), paged by common's KeysetList after
// kSnapshotsOfSegment.
inline constexpr char kListSnapshotsPrefix[] =
    "SELECT " PH_SNAPSHOT_COLUMNS " FROM segment_snapshots";
inline constexpr char kSnapshotsOfSegment[] = "segment_id = ?";
// Multi-row: kInsertSnapshotMembersHead + kSnapshotMemberRow, ...
inline constexpr char kInsertSnapshotMembersHead[] =
    "INSERT INTO segment_snapshot_members (snapshot_id, customer_id) VALUES ";
inline constexpr char kSnapshotMemberRow[] = "(?, ?)";
inline constexpr char kSnapshotMembers[] =
    "SELECT customer_id FROM segment_snapshot_members WHERE snapshot_id = ? "
    "AND customer_id > ? ORDER BY customer_id LIMIT ?";

#undef PH_CUSTOMER_SELECT
#undef PH_TOUCHPOINT_COLUMNS
#undef PH_PURCHASE_SELECT
#undef PH_SEGMENT_COLUMNS
#undef PH_SNAPSHOT_COLUMNS

}  // namespace partnerhub::customer_experience::sql_text

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_SQL_H_
