// The campaign service's SQL, as named constants with ? parameters.
//
// Column lists are macros of a table alias and a column-name prefix, so the
// same reader (rows.h) reads a table alone ("c", "") and inside a join
// ("c", "c_").
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_SQL_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_SQL_H_

namespace partnerhub::campaign::sql_text {

#define PH_COL(t, p, c) t "." c " AS " p c

#define PH_CAMPAIGN_COLUMNS(t, p) \
  PH_COL(t, p, "id") ", " PH_COL(t, p, "partner_id") ", "                     \
  PH_COL(t, p, "display_name") ", " PH_COL(t, p, "description") ", "          \
  PH_COL(t, p, "objective") ", " PH_COL(t, p, "channel") ", "                 \
  PH_COL(t, p, "start_time") ", " PH_COL(t, p, "end_time") ", "               \
  PH_COL(t, p, "currency_code") ", " PH_COL(t, p, "budget_minor") ", "        \
  PH_COL(t, p, "spent_minor") ", " PH_COL(t, p, "redemption_count") ", "      \
  PH_COL(t, p, "segment") ", " PH_COL(t, p, "holdout_bps") ", "               \
  PH_COL(t, p, "segment_snapshot") ", "                                       \
  PH_COL(t, p, "partner_discount_share_bps") ", " PH_COL(t, p, "state") ", "  \
  PH_COL(t, p, "state_change_time") ", " PH_COL(t, p, "create_time") ", "     \
  PH_COL(t, p, "update_time") ", " PH_COL(t, p, "version")

#define PH_OFFER_COLUMNS(t, p) \
  PH_COL(t, p, "id") ", " PH_COL(t, p, "campaign_id") ", "                    \
  PH_COL(t, p, "display_name") ", " PH_COL(t, p, "currency_code") ", "        \
  PH_COL(t, p, "discount_type") ", " PH_COL(t, p, "percent_bps") ", "         \
  PH_COL(t, p, "max_discount_minor") ", " PH_COL(t, p, "amount_off_minor")    \
  ", " PH_COL(t, p, "min_purchase_minor") ", " PH_COL(t, p, "start_time")     \
  ", " PH_COL(t, p, "end_time") ", " PH_COL(t, p, "redemption_cap") ", "      \
  PH_COL(t, p, "per_customer_limit") ", " PH_COL(t, p, "redemption_count")    \
  ", " PH_COL(t, p, "create_time") ", " PH_COL(t, p, "update_time") ", "      \
  PH_COL(t, p, "version")

#define PH_ISSUANCE_COLUMNS(t, p) \
  PH_COL(t, p, "id") ", " PH_COL(t, p, "campaign_id") ", "                    \
  PH_COL(t, p, "offer_id") ", " PH_COL(t, p, "kind") ", "                     \
  PH_COL(t, p, "prefix") ", " PH_COL(t, p, "code_length") ", "                \
  PH_COL(t, p, "requested_count") ", " PH_COL(t, p, "issued_count") ", "      \
  PH_COL(t, p, "segment_snapshot") ", " PH_COL(t, p, "member_count") ", "     \
  PH_COL(t, p, "holdout_count") ", " PH_COL(t, p, "page_token") ", "          \
  PH_COL(t, p, "state") ", " PH_COL(t, p, "error") ", "                       \
  PH_COL(t, p, "create_time") ", " PH_COL(t, p, "update_time")

#define PH_CODE_COLUMNS(t, p) \
  PH_COL(t, p, "id") ", " PH_COL(t, p, "code") ", "                           \
  PH_COL(t, p, "offer_id") ", " PH_COL(t, p, "issuance_id") ", "              \
  PH_COL(t, p, "customer") ", " PH_COL(t, p, "max_uses") ", "                 \
  PH_COL(t, p, "use_count") ", " PH_COL(t, p, "create_time")

#define PH_REDEMPTION_COLUMNS(t, p) \
  PH_COL(t, p, "id") ", " PH_COL(t, p, "campaign_id") ", "                    \
  PH_COL(t, p, "offer_id") ", " PH_COL(t, p, "code_id") ", "                  \
  PH_COL(t, p, "code") ", " PH_COL(t, p, "customer") ", "                     \
  PH_COL(t, p, "partner_id") ", " PH_COL(t, p, "store") ", "                  \
  PH_COL(t, p, "order_id") ", " PH_COL(t, p, "currency_code") ", "            \
  PH_COL(t, p, "order_amount_minor") ", " PH_COL(t, p, "discount_minor")      \
  ", " PH_COL(t, p, "partner_cost_minor") ", "                                \
  PH_COL(t, p, "platform_cost_minor") ", " PH_COL(t, p, "state") ", "         \
  PH_COL(t, p, "redeem_time") ", " PH_COL(t, p, "void_time") ", "             \
  PH_COL(t, p, "void_reason") ", " PH_COL(t, p, "request_id") ", "            \
  PH_COL(t, p, "fingerprint")

// Campaigns.
inline constexpr char kSelectCampaign[] =
    "SELECT " PH_CAMPAIGN_COLUMNS("c", "") " FROM campaigns c WHERE c.id = ?";
inline constexpr char kLockCampaign[] = "SELECT " PH_CAMPAIGN_COLUMNS(
    "c", "") " FROM campaigns c WHERE c.id = ? FOR UPDATE";
// By id, paged by common's KeysetList (mysql::ReadSlice), under
// kCampaignsOfPartner and kCampaignsInState when the list asks for them.
inline constexpr char kListCampaignsPrefix[] =
    "SELECT " PH_CAMPAIGN_COLUMNS("c", "") " FROM campaigns c";
inline constexpr char kCampaignsOfPartner[] = "c.partner_id = ?";
inline constexpr char kCampaignsInState[] = "c.state = ?";
inline constexpr char kInsertCampaign[] =
    "INSERT INTO campaigns (partner_id, display_name, description, objective, "
    "channel, start_time, end_time, currency_code, budget_minor, spent_minor, "
    "redemption_count, segment, holdout_bps, segment_snapshot, "
    "partner_discount_share_bps, state, state_change_time, create_time, "
    "update_time, version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr char kUpdateCampaign[] =
    "UPDATE campaigns SET display_name = ?, description = ?, objective = ?, "
    "channel = ?, start_time = ?, end_time = ?, budget_minor = ?, segment = ?, "
    "holdout_bps = ?, segment_snapshot = ?, partner_discount_share_bps = ?, "
    "state = ?, state_change_time = ?, update_time = ?, version = ? "
    "WHERE id = ? AND version = ?";
inline constexpr char kDueCampaigns[] =
    "(SELECT id FROM campaigns WHERE state = 'SCHEDULED' AND start_time <= ? "
    "ORDER BY id LIMIT ?) UNION ALL "
    "(SELECT id FROM campaigns WHERE state IN ('RUNNING', 'PAUSED') AND "
    "end_time <= ? ORDER BY id LIMIT ?)";
inline constexpr char kSetCampaignSnapshot[] =
    "UPDATE campaigns SET segment_snapshot = ? "
    "WHERE id = ? AND segment_snapshot = ''";
inline constexpr char kSelectCampaignSnapshot[] =
    "SELECT segment_snapshot FROM campaigns WHERE id = ?";

// Offers.
inline constexpr char kSelectOffer[] = "SELECT " PH_OFFER_COLUMNS(
    "o", "") " FROM offers o WHERE o.campaign_id = ? AND o.id = ?";
// By id, paged by common's KeysetList (mysql::ReadSlice).
inline constexpr char kListOffersPrefix[] =
    "SELECT " PH_OFFER_COLUMNS("o", "") " FROM offers o";
inline constexpr char kOffersOfCampaign[] = "o.campaign_id = ?";
inline constexpr char kCountOffers[] =
    "SELECT COUNT(*) AS n FROM offers WHERE campaign_id = ?";
inline constexpr char kInsertOffer[] =
    "INSERT INTO offers (campaign_id, display_name, currency_code, "
    "discount_type, percent_bps, max_discount_minor, amount_off_minor, "
    "min_purchase_minor, start_time, end_time, redemption_cap, "
    "per_customer_limit, redemption_count, create_time, update_time, version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)";
inline constexpr char kUpdateOffer[] =
    "UPDATE offers SET display_name = ?, discount_type = ?, percent_bps = ?, "
    "max_discount_minor = ?, amount_off_minor = ?, min_purchase_minor = ?, "
    "start_time = ?, end_time = ?, redemption_cap = ?, per_customer_limit = ?, "
    "update_time = ?, version = ? "
    "WHERE campaign_id = ? AND id = ? AND version = ?";

// Code issuances and codes.
inline constexpr char kInsertIssuance[] =
    "INSERT INTO code_issuances (campaign_id, offer_id, kind, prefix, "
    "code_length, requested_count, issued_count, segment_snapshot, "
    "member_count, holdout_count, page_token, state, error, create_time, "
    "update_time) VALUES (?, ?, ?, ?, ?, ?, 0, '', 0, 0, '', ?, '', ?, ?)";
inline constexpr char kSelectIssuance[] = "SELECT " PH_ISSUANCE_COLUMNS(
    "i", "") " FROM code_issuances i "
    "WHERE i.campaign_id = ? AND i.offer_id = ? AND i.id = ?";
inline constexpr char kLockIssuance[] = "SELECT " PH_ISSUANCE_COLUMNS(
    "i", "") " FROM code_issuances i WHERE i.id = ? FOR UPDATE";
inline constexpr char kRunningIssuances[] =
    "SELECT id FROM code_issuances WHERE state = 'RUNNING' ORDER BY id LIMIT ?";
inline constexpr char kUpdateIssuance[] =
    "UPDATE code_issuances SET requested_count = ?, issued_count = ?, "
    "segment_snapshot = ?, member_count = ?, holdout_count = ?, "
    "page_token = ?, state = ?, error = ?, update_time = ? WHERE id = ?";
// One row of the multi-row insert; the statement is this prefix and the row
// repeated (storage builds placeholders only, never values, into SQL).
inline constexpr char kInsertCodesPrefix[] =
    "INSERT IGNORE INTO coupon_codes (code, offer_id, issuance_id, customer, "
    "max_uses, use_count, create_time) VALUES ";
inline constexpr char kInsertCodesRow[] = "(?, ?, ?, ?, 1, 0, ?)";
inline constexpr char kCustomersWithCodesPrefix[] =
    "SELECT customer FROM coupon_codes WHERE issuance_id = ? AND customer IN ";
// By id, paged by common's KeysetList (mysql::ReadSlice).
inline constexpr char kListCodesPrefix[] =
    "SELECT " PH_CODE_COLUMNS("k", "") " FROM coupon_codes k";
inline constexpr char kCodesOfIssuance[] = "k.issuance_id = ?";

// Redemption. The lookup reads everything the checks need in one round
// trip. Parameters: customer, request_id, code.
inline constexpr char kLookupCoupon[] =
    "SELECT " PH_CODE_COLUMNS("k", "k_") ", " PH_OFFER_COLUMNS("o", "o_") ", "
    PH_CAMPAIGN_COLUMNS("c", "c_") ", u.used AS u_used, "
    PH_REDEMPTION_COLUMNS("r", "r_")
    " FROM coupon_codes k "
    "JOIN offers o ON o.id = k.offer_id "
    "JOIN campaigns c ON c.id = o.campaign_id "
    "LEFT JOIN offer_customer_usage u "
    "  ON u.offer_id = k.offer_id AND u.customer = ? "
    "LEFT JOIN redemptions r ON r.request_id = ? "
    "WHERE k.code = ?";
inline constexpr char kFindRedemption[] = "SELECT " PH_REDEMPTION_COLUMNS(
    "r", "") " FROM redemptions r WHERE r.request_id = ?";
inline constexpr char kInsertRedemption[] =
    "INSERT INTO redemptions (campaign_id, offer_id, code_id, code, customer, "
    "partner_id, store, order_id, currency_code, order_amount_minor, "
    "discount_minor, partner_cost_minor, platform_cost_minor, state, "
    "redeem_time, void_time, void_reason, request_id, fingerprint) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '', ?, ?)";
// Creates the row, or locks it exclusively if it exists (IGNORE would take
// a shared lock, and two redemptions of one customer upgrading theirs to
// exclusive in Charge would deadlock).
inline constexpr char kEnsureCustomerUsage[] =
    "INSERT INTO offer_customer_usage (offer_id, customer, used) "
    "VALUES (?, ?, 0) ON DUPLICATE KEY UPDATE used = used";
// Every counter a redemption takes, in one statement: it changes all three
// rows when every condition holds, else none. Parameters: discount, code
// id, now, now, discount.
inline constexpr char kCharge[] =
    "UPDATE coupon_codes k "
    "JOIN offers o ON o.id = k.offer_id "
    "JOIN campaigns c ON c.id = o.campaign_id "
    "SET k.use_count = k.use_count + 1, "
    "o.redemption_count = o.redemption_count + 1, "
    "c.spent_minor = c.spent_minor + ?, "
    "c.redemption_count = c.redemption_count + 1 "
    "WHERE k.id = ? AND k.use_count < k.max_uses "
    "AND (o.redemption_cap = 0 OR o.redemption_count < o.redemption_cap) "
    "AND c.state = 'RUNNING' AND c.start_time <= ? AND c.end_time > ? "
    "AND c.spent_minor + ? <= c.budget_minor";
// kCharge with the customer's usage row of the offer as a fourth.
// Parameters: discount, code id, customer, limit, now, now, discount.
inline constexpr char kChargePerCustomer[] =
    "UPDATE coupon_codes k "
    "JOIN offers o ON o.id = k.offer_id "
    "JOIN campaigns c ON c.id = o.campaign_id "
    "JOIN offer_customer_usage u ON u.offer_id = k.offer_id "
    "SET k.use_count = k.use_count + 1, "
    "o.redemption_count = o.redemption_count + 1, "
    "c.spent_minor = c.spent_minor + ?, "
    "c.redemption_count = c.redemption_count + 1, "
    "u.used = u.used + 1 "
    "WHERE k.id = ? AND u.customer = ? AND u.used < ? "
    "AND k.use_count < k.max_uses "
    "AND (o.redemption_cap = 0 OR o.redemption_count < o.redemption_cap) "
    "AND c.state = 'RUNNING' AND c.start_time <= ? AND c.end_time > ? "
    "AND c.spent_minor + ? <= c.budget_minor";
// Parameters: discount, code id.
inline constexpr char kRefund[] =
    "UPDATE coupon_codes k "
    "JOIN offers o ON o.id = k.offer_id "
    "JOIN campaigns c ON c.id = o.campaign_id "
    "SET k.use_count = k.use_count - 1, "
    "o.redemption_count = o.redemption_count - 1, "
    "c.spent_minor = c.spent_minor - ?, "
    "c.redemption_count = c.redemption_count - 1 "
    "WHERE k.id = ?";
inline constexpr char kRefundCustomerUsage[] =
    "UPDATE offer_customer_usage SET used = used - 1 "
    "WHERE offer_id = ? AND customer = ? AND used > 0";
inline constexpr char kSelectRedemption[] = "SELECT " PH_REDEMPTION_COLUMNS(
    "r", "") " FROM redemptions r WHERE r.campaign_id = ? AND r.id = ?";
inline constexpr char kLockRedemption[] = "SELECT " PH_REDEMPTION_COLUMNS(
    "r",
    "") " FROM redemptions r WHERE r.campaign_id = ? AND r.id = ? FOR UPDATE";
inline constexpr char kUpdateRedemption[] =
    "UPDATE redemptions SET state = ?, void_time = ?, void_reason = ? "
    "WHERE id = ?";
// By id, paged by common's KeysetList (mysql::ReadSlice).
inline constexpr char kListRedemptionsPrefix[] =
    "SELECT " PH_REDEMPTION_COLUMNS("r", "") " FROM redemptions r";
inline constexpr char kRedemptionsOfCampaign[] = "r.campaign_id = ?";

#undef PH_COL
#undef PH_CAMPAIGN_COLUMNS
#undef PH_OFFER_COLUMNS
#undef PH_ISSUANCE_COLUMNS
#undef PH_CODE_COLUMNS
#undef PH_REDEMPTION_COLUMNS

}  // namespace partnerhub::campaign::sql_text

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_SQL_H_
