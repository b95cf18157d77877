// reporting's SQL, as named constants with `?` parameters. Multi-row
// statements are a head, a row repeated (mysql::RepeatRows) and a tail.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_STORAGE_SQL_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_STORAGE_SQL_H_

namespace partnerhub::reporting {

// ---- Feeds ----
inline constexpr const char* kSelectPosition =
    "SELECT position FROM feed_positions WHERE feed = ?";
inline constexpr const char* kLockPosition =
    "SELECT position FROM feed_positions WHERE feed = ? FOR UPDATE";
inline constexpr const char* kLockApply =
    "SELECT customer_count FROM apply_lock WHERE id = 1 FOR UPDATE";
inline constexpr const char* kStorePosition =
    "UPDATE feed_positions SET position = ?, head_position = GREATEST(?, ?), "
    "update_time = UTC_TIMESTAMP(6) WHERE feed = ?";
inline constexpr const char* kSelectPositions =
    "SELECT feed, position, head_position, update_time FROM feed_positions";
inline constexpr const char* kLockAllPositions =
    "SELECT feed FROM feed_positions ORDER BY feed FOR UPDATE";
inline constexpr const char* kResetPositions =
    "UPDATE feed_positions SET position = 0, update_time = UTC_TIMESTAMP(6)";
inline constexpr const char* kResetCustomerCount =
    "UPDATE apply_lock SET customer_count = 0 WHERE id = 1";
// Every read model, emptied by a rebuild.
inline constexpr const char* kReadModelTables[] = {"partners",
                                                   "agreements",
                                                   "campaigns",
                                                   "customers",
                                                   "snapshots",
                                                   "snapshot_members",
                                                   "purchase_facts",
                                                   "partner_daily",
                                                   "campaign_daily",
                                                   "pattern_category_daily",
                                                   "pattern_partner_daily",
                                                   "funnel_daily",
                                                   "lift_state",
                                                   "lift_members",
                                                   "lift_customer_period",
                                                   "lift_aggregates"};

// ---- Dimensions ----
inline constexpr const char* kUpsertPartnersHead =
    "INSERT INTO partners (partner, display_name, state, deleted) VALUES ";
inline constexpr const char* kUpsertPartnersRow = "(?, ?, ?, ?)";
inline constexpr const char* kUpsertPartnersTail =
    " ON DUPLICATE KEY UPDATE display_name = VALUES(display_name), "
    "state = VALUES(state), deleted = VALUES(deleted)";

inline constexpr const char* kDeleteAgreement =
    "DELETE FROM agreements WHERE agreement = ?";
inline constexpr const char* kUpsertAgreementsHead =
    "INSERT INTO agreements (agreement, partner, start_day, end_day, state, "
    "target_new_customers, target_gmv, target_orders, target_repeat_rate_bps, "
    "target_redemption_rate_bps) VALUES ";
inline constexpr const char* kUpsertAgreementsRow =
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char* kUpsertAgreementsTail =
    " ON DUPLICATE KEY UPDATE partner = VALUES(partner), "
    "start_day = VALUES(start_day), end_day = VALUES(end_day), "
    "state = VALUES(state), target_new_customers = "
    "VALUES(target_new_customers), "
    "target_gmv = VALUES(target_gmv), target_orders = VALUES(target_orders), "
    "target_repeat_rate_bps = VALUES(target_repeat_rate_bps), "
    "target_redemption_rate_bps = VALUES(target_redemption_rate_bps)";

inline constexpr const char* kUpsertCampaignsHead =
    "INSERT INTO campaigns (campaign, partner, display_name, state, "
    "start_time, end_time, budget, currency, partner_share_bps, "
    "segment_snapshot, holdout_bps) VALUES ";
inline constexpr const char* kUpsertCampaignsRow =
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char* kUpsertCampaignsTail =
    " ON DUPLICATE KEY UPDATE partner = VALUES(partner), "
    "display_name = VALUES(display_name), state = VALUES(state), "
    "start_time = VALUES(start_time), end_time = VALUES(end_time), "
    "budget = VALUES(budget), currency = VALUES(currency), "
    "partner_share_bps = VALUES(partner_share_bps), "
    "segment_snapshot = VALUES(segment_snapshot), "
    "holdout_bps = VALUES(holdout_bps)";

inline constexpr const char* kSelectCustomersIn =
    "SELECT customer FROM customers WHERE customer IN (";
inline constexpr const char* kUpsertCustomersHead =
    "INSERT INTO customers (customer, age_band, gender, region, sign_up_time) "
    "VALUES ";
inline constexpr const char* kUpsertCustomersRow = "(?, ?, ?, ?, ?)";
inline constexpr const char* kUpsertCustomersTail =
    " ON DUPLICATE KEY UPDATE age_band = VALUES(age_band), "
    "gender = VALUES(gender), region = VALUES(region), "
    "sign_up_time = VALUES(sign_up_time)";
inline constexpr const char* kAddCustomerCount =
    "UPDATE apply_lock SET customer_count = customer_count + ? WHERE id = 1";
inline constexpr const char* kSelectDimsIn =
    "SELECT customer, age_band, gender, region FROM customers "
    "WHERE customer IN (";

inline constexpr const char* kUpsertSnapshotsHead =
    "INSERT INTO snapshots (snapshot, member_count, members_received, "
    "complete) VALUES ";
inline constexpr const char* kUpsertSnapshotsRow = "(?, ?, 0, ?)";
inline constexpr const char* kUpsertSnapshotsTail =
    " ON DUPLICATE KEY UPDATE member_count = VALUES(member_count), "
    "complete = GREATEST(complete, VALUES(complete))";
inline constexpr const char* kInsertMembersHead =
    "INSERT IGNORE INTO snapshot_members (snapshot, customer) VALUES ";
inline constexpr const char* kInsertMembersRow = "(?, ?)";
inline constexpr const char* kAddMembersReceivedHead =
    "INSERT INTO snapshots (snapshot, member_count, members_received, "
    "complete) VALUES ";
inline constexpr const char* kAddMembersReceivedRow = "(?, 0, ?, ?)";
inline constexpr const char* kAddMembersReceivedTail =
    " ON DUPLICATE KEY UPDATE members_received = members_received + "
    "VALUES(members_received), complete = GREATEST(complete, VALUES(complete))";

// ---- Rollups ----
inline constexpr const char* kUpsertCampaignDailyHead =
    "INSERT INTO campaign_daily (campaign, day, redemptions, voids, discount, "
    "partner_cost, platform_cost, codes_issued, orders, gmv, refunds, "
    "new_customer_orders, returning_customer_orders) VALUES ";
inline constexpr const char* kUpsertCampaignDailyRow =
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char* kUpsertCampaignDailyTail =
    " ON DUPLICATE KEY UPDATE redemptions = redemptions + VALUES(redemptions), "
    "voids = voids + VALUES(voids), discount = discount + VALUES(discount), "
    "partner_cost = partner_cost + VALUES(partner_cost), "
    "platform_cost = platform_cost + VALUES(platform_cost), "
    "codes_issued = codes_issued + VALUES(codes_issued), "
    "orders = orders + VALUES(orders), gmv = gmv + VALUES(gmv), "
    "refunds = refunds + VALUES(refunds), "
    "new_customer_orders = new_customer_orders + VALUES(new_customer_orders), "
    "returning_customer_orders = returning_customer_orders + "
    "VALUES(returning_customer_orders)";

// The partners each customer bought from before.
// Of (partner, customer) pairs: those with a purchase stored (multi-row:
// head + "(?, ?)" per pair joined by ", " + ")"), on
// purchase_facts_by_partner.
inline constexpr const char* kSelectKnownPairsHead =
    "SELECT DISTINCT customer, partner FROM purchase_facts "
    "WHERE (partner, customer) IN (";

inline constexpr const char* kUpsertFactsHead =
    "INSERT INTO purchase_facts (purchase, customer, partner, campaign, "
    "purchase_time, day, total, refunded) VALUES ";
inline constexpr const char* kUpsertFactsRow = "(?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char* kUpsertFactsTail =
    " ON DUPLICATE KEY UPDATE refunded = refunded + VALUES(refunded)";

inline constexpr const char* kUpsertPartnerDailyHead =
    "INSERT INTO partner_daily (partner, day, orders, gmv, refunds, "
    "new_customers) VALUES ";
inline constexpr const char* kUpsertPartnerDailyRow = "(?, ?, ?, ?, ?, ?)";
inline constexpr const char* kUpsertPartnerDailyTail =
    " ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders), "
    "gmv = gmv + VALUES(gmv), refunds = refunds + VALUES(refunds), "
    "new_customers = new_customers + VALUES(new_customers)";

inline constexpr const char* kUpsertPatternCategoryHead =
    "INSERT INTO pattern_category_daily (day, age_band, gender, region, "
    "category, line_count, quantity, amount) VALUES ";
inline constexpr const char* kUpsertPatternPartnerHead =
    "INSERT INTO pattern_partner_daily (day, age_band, gender, region, "
    "partner, line_count, quantity, amount) VALUES ";
inline constexpr const char* kUpsertPatternRow = "(?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char* kUpsertPatternTail =
    " ON DUPLICATE KEY UPDATE line_count = line_count + VALUES(line_count), "
    "quantity = quantity + VALUES(quantity), amount = amount + VALUES(amount)";

inline constexpr const char* kUpsertFunnelHead =
    "INSERT INTO funnel_daily (partner, day, campaign, stage, customers) "
    "VALUES ";
inline constexpr const char* kUpsertFunnelRow = "(?, ?, ?, ?, ?)";
inline constexpr const char* kUpsertFunnelTail =
    " ON DUPLICATE KEY UPDATE customers = customers + VALUES(customers)";

// ---- Lift ----
inline constexpr const char* kSelectReadyLifts =
    "SELECT campaign, holdout_bps, start_time, end_time FROM lift_state";
inline constexpr const char* kSelectLiftMembersIn =
    "SELECT campaign, customer, grp FROM lift_members WHERE customer IN (";
inline constexpr const char* kSelectLiftKeysIn =
    "SELECT campaign, customer, lift_period FROM lift_customer_period "
    "WHERE customer IN (";
inline constexpr const char* kUpsertLiftRowsHead =
    "INSERT INTO lift_customer_period (campaign, customer, lift_period, grp, "
    "orders, sales) VALUES ";
inline constexpr const char* kUpsertLiftRowsRow = "(?, ?, ?, ?, ?, ?)";
inline constexpr const char* kUpsertLiftRowsTail =
    " ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders), "
    "sales = sales + VALUES(sales)";
inline constexpr const char* kUpsertLiftAggsHead =
    "INSERT INTO lift_aggregates (campaign, grp, lift_period, buyers, orders, "
    "sales) VALUES ";
inline constexpr const char* kUpsertLiftAggsRow = "(?, ?, ?, ?, ?, ?)";
inline constexpr const char* kUpsertLiftAggsTail =
    " ON DUPLICATE KEY UPDATE buyers = buyers + VALUES(buyers), "
    "orders = orders + VALUES(orders), sales = sales + VALUES(sales)";

// Campaigns whose window and complete target snapshot are known but whose
// lift is not set up for exactly them.
inline constexpr const char* kSelectDueLifts =
    "SELECT c.campaign, c.segment_snapshot, c.holdout_bps, c.start_time, "
    "c.end_time FROM campaigns c "
    "JOIN snapshots s ON s.snapshot = c.segment_snapshot AND s.complete = 1 "
    "LEFT JOIN lift_state l ON l.campaign = c.campaign "
    "WHERE c.segment_snapshot <> '' AND c.start_time IS NOT NULL "
    "AND c.end_time > c.start_time AND (l.campaign IS NULL "
    "OR l.snapshot <> c.segment_snapshot OR l.holdout_bps <> c.holdout_bps "
    "OR l.start_time <> c.start_time OR l.end_time <> c.end_time) "
    "ORDER BY c.campaign";
inline constexpr const char* kDeleteLiftMembers =
    "DELETE FROM lift_members WHERE campaign = ?";
inline constexpr const char* kDeleteLiftRows =
    "DELETE FROM lift_customer_period WHERE campaign = ?";
inline constexpr const char* kDeleteLiftAggs =
    "DELETE FROM lift_aggregates WHERE campaign = ?";
inline constexpr const char* kSelectSnapshotMembers =
    "SELECT customer FROM snapshot_members WHERE snapshot = ? "
    "ORDER BY customer";
inline constexpr const char* kInsertLiftMembersHead =
    "INSERT INTO lift_members (campaign, customer, grp) VALUES ";
inline constexpr const char* kInsertLiftMembersRow = "(?, ?, ?)";
// Params: start, end, range from, range to, campaign.
inline constexpr const char* kBackfillMemberRows =
    "INSERT INTO lift_customer_period (campaign, customer, lift_period, grp, "
    "orders, sales) "
    "SELECT m.campaign, p.customer, "
    "CASE WHEN p.purchase_time < ? THEN 1 WHEN p.purchase_time < ? THEN 2 "
    "ELSE 3 END AS lp, m.grp, COUNT(*), SUM(p.total - p.refunded) "
    "FROM lift_members m JOIN purchase_facts p ON p.customer = m.customer "
    "AND p.purchase_time >= ? AND p.purchase_time < ? "
    "WHERE m.campaign = ? GROUP BY p.customer, lp, m.grp";
// Params: campaign, start, end, range from, range to, campaign.
inline constexpr const char* kBackfillRestRows =
    "INSERT INTO lift_customer_period (campaign, customer, lift_period, grp, "
    "orders, sales) "
    "SELECT ?, p.customer, "
    "CASE WHEN p.purchase_time < ? THEN 1 WHEN p.purchase_time < ? THEN 2 "
    "ELSE 3 END AS lp, 2, COUNT(*), SUM(p.total - p.refunded) "
    "FROM purchase_facts p WHERE p.purchase_time >= ? AND p.purchase_time < ? "
    "AND NOT EXISTS (SELECT 1 FROM lift_members m WHERE m.campaign = ? "
    "AND m.customer = p.customer) GROUP BY p.customer, lp";
inline constexpr const char* kBackfillLiftAggs =
    "INSERT INTO lift_aggregates (campaign, grp, lift_period, buyers, orders, "
    "sales) SELECT campaign, grp, lift_period, COUNT(*), SUM(orders), "
    "SUM(sales) FROM lift_customer_period WHERE campaign = ? "
    "GROUP BY campaign, grp, lift_period";
inline constexpr const char* kUpsertLiftState =
    "INSERT INTO lift_state (campaign, snapshot, holdout_bps, start_time, "
    "end_time, before_start_time, after_end_time, treated_customers, "
    "holdout_customers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE snapshot = VALUES(snapshot), "
    "holdout_bps = VALUES(holdout_bps), start_time = VALUES(start_time), "
    "end_time = VALUES(end_time), "
    "before_start_time = VALUES(before_start_time), "
    "after_end_time = VALUES(after_end_time), "
    "treated_customers = VALUES(treated_customers), "
    "holdout_customers = VALUES(holdout_customers)";

// ---- Queries ----
inline constexpr const char* kSelectCampaign =
    "SELECT campaign, partner, display_name, state, start_time, end_time, "
    "budget, currency, partner_share_bps, segment_snapshot, holdout_bps "
    "FROM campaigns WHERE campaign = ?";
inline constexpr const char* kSelectCampaignDays =
    "SELECT day, redemptions, voids, discount, partner_cost, platform_cost, "
    "codes_issued, orders, gmv, refunds, new_customer_orders, "
    "returning_customer_orders FROM campaign_daily WHERE campaign = ? "
    "ORDER BY day";
inline constexpr const char* kSelectCampaignDaysIn =
    "SELECT day, redemptions, voids, discount, partner_cost, platform_cost, "
    "codes_issued, orders, gmv, refunds, new_customer_orders, "
    "returning_customer_orders FROM campaign_daily WHERE campaign = ? "
    "AND day BETWEEN ? AND ? ORDER BY day";
inline constexpr const char* kSelectCampaignDiscount =
    "SELECT COALESCE(SUM(discount), 0) FROM campaign_daily WHERE campaign = ?";
inline constexpr const char* kSelectLiftState =
    "SELECT snapshot, holdout_bps, start_time, end_time, treated_customers, "
    "holdout_customers FROM lift_state WHERE campaign = ?";
inline constexpr const char* kSelectLiftAggs =
    "SELECT grp, lift_period, buyers, orders, sales FROM lift_aggregates "
    "WHERE campaign = ?";
inline constexpr const char* kSelectCustomerCount =
    "SELECT customer_count FROM apply_lock WHERE id = 1";

// Purchase patterns: one key of the cube (-1 / '*' for "any").
inline constexpr const char* kPatternCategories =
    "SELECT category AS k, SUM(line_count) AS l, SUM(quantity) AS q, "
    "SUM(amount) AS a FROM pattern_category_daily WHERE age_band = ? "
    "AND gender = ? AND region = ? AND day BETWEEN ? AND ? GROUP BY category";
inline constexpr const char* kPatternPartners =
    "SELECT partner AS k, SUM(line_count) AS l, SUM(quantity) AS q, "
    "SUM(amount) AS a FROM pattern_partner_daily WHERE age_band = ? "
    "AND gender = ? AND region = ? AND day BETWEEN ? AND ? GROUP BY partner";
inline constexpr const char* kSelectPartnerNamesIn =
    "SELECT partner, display_name FROM partners WHERE partner IN (";

inline constexpr const char* kFunnelByPartner =
    "SELECT stage, SUM(customers) FROM funnel_daily WHERE partner = ? "
    "AND day BETWEEN ? AND ? GROUP BY stage";
inline constexpr const char* kFunnelByCampaign =
    "SELECT stage, SUM(customers) FROM funnel_daily WHERE campaign = ? "
    "AND day BETWEEN ? AND ? AND partner <> '' GROUP BY stage";
inline constexpr const char* kFunnelByPartnerAndCampaign =
    "SELECT stage, SUM(customers) FROM funnel_daily WHERE partner = ? "
    "AND day BETWEEN ? AND ? AND campaign = ? GROUP BY stage";

inline constexpr const char* kSelectPartner =
    "SELECT display_name FROM partners WHERE partner = ? AND deleted = 0";
inline constexpr const char* kSelectAgreementInForce =
    "SELECT agreement, partner, start_day, end_day, state, "
    "target_new_customers, target_gmv, target_orders, target_repeat_rate_bps, "
    "target_redemption_rate_bps FROM agreements WHERE partner = ? "
    "AND state = 2 AND start_day <= ? AND end_day >= ? "
    "ORDER BY start_day DESC, agreement DESC LIMIT 1";
inline constexpr const char* kSelectPartnerDaily =
    "SELECT COALESCE(SUM(orders), 0), COALESCE(SUM(gmv), 0), "
    "COALESCE(SUM(new_customers), 0) FROM partner_daily WHERE partner = ? "
    "AND day BETWEEN ? AND ?";
inline constexpr const char* kSelectPartnerBuyers =
    "SELECT COUNT(*), COALESCE(SUM(n >= 2), 0) FROM (SELECT COUNT(*) AS n "
    "FROM purchase_facts WHERE partner = ? AND day BETWEEN ? AND ? "
    "GROUP BY customer) AS b";
inline constexpr const char* kSelectPartnerCoupons =
    "SELECT COALESCE(SUM(d.codes_issued), 0), "
    "COALESCE(SUM(d.redemptions - d.voids), 0) FROM campaign_daily d "
    "JOIN campaigns c ON c.campaign = d.campaign WHERE c.partner = ? "
    "AND d.day BETWEEN ? AND ?";

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_STORAGE_SQL_H_
