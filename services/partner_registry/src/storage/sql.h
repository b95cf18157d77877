// The partner registry's SQL, as named constants with ? parameters.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_SQL_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_SQL_H_

namespace partnerhub::partner_registry::sql_text {

// Partners.
#define PH_PARTNER_COLUMNS                                                 \
  "id, display_name, legal_name, business_registration_number, category, " \
  "tier, account_manager, needs, value_proposition, state, "               \
  "state_change_time, create_time, update_time, version"

inline constexpr char kSelectPartner[] =
    "SELECT " PH_PARTNER_COLUMNS " FROM partners WHERE id = ?";
inline constexpr char kLockPartner[] =
    "SELECT " PH_PARTNER_COLUMNS " FROM partners WHERE id = ? FOR UPDATE";
// The list query is this prefix, then WHERE terms from a fixed set of
// column fragments, then ORDER BY and LIMIT (common's KeysetList, see
// partner_list_sql.cc).
inline constexpr char kListPartnersPrefix[] =
    "SELECT " PH_PARTNER_COLUMNS " FROM partners";
inline constexpr char kInsertPartner[] =
    "INSERT INTO partners (display_name, legal_name, "
    "business_registration_number, category, tier, account_manager, needs, "
    "value_proposition, state, state_change_time, create_time, update_time, "
    "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr char kUpdatePartner[] =
    "UPDATE partners SET display_name = ?, legal_name = ?, category = ?, "
    "tier = ?, account_manager = ?, needs = ?, value_proposition = ?, "
    "state = ?, state_change_time = ?, update_time = ?, version = ? "
    "WHERE id = ? AND version = ?";
inline constexpr char kDeletePartner[] = "DELETE FROM partners WHERE id = ?";
// The partner holding a registration number (after a duplicate-key error:
// a locking read sees it even when it committed after this transaction's
// snapshot).
inline constexpr char kPartnerByRegistrationNumber[] =
    "SELECT id FROM partners WHERE business_registration_number = ? "
    "LOCK IN SHARE MODE";

// The rows of one partner, in the lists of its state changes, contacts,
// agreements and sales activities.
inline constexpr char kOfPartner[] = "partner_id = ?";

// State changes.
inline constexpr char kInsertStateChange[] =
    "INSERT INTO partner_state_changes (partner_id, from_state, to_state, "
    "reason, change_time) VALUES (?, ?, ?, ?, ?)";
// Newest first (by id), paged by common's KeysetList after kOfPartner.
inline constexpr char kListStateChangesPrefix[] =
    "SELECT id, partner_id, from_state, to_state, reason, change_time "
    "FROM partner_state_changes";

// Contacts.
#define PH_CONTACT_COLUMNS                                         \
  "id, partner_id, display_name, role, email, phone, is_primary, " \
  "create_time, update_time, version"

inline constexpr char kSelectContact[] =
    "SELECT " PH_CONTACT_COLUMNS
    " FROM contacts WHERE partner_id = ? AND id = ?";
inline constexpr char kAllContacts[] =
    "SELECT " PH_CONTACT_COLUMNS
    " FROM contacts WHERE partner_id = ? ORDER BY id";
// Primary first (is_primary 1 before NULL), then display name, then id;
// paged by common's KeysetList after kOfPartner, on the key
// (kContactRank, display_name, id).
inline constexpr char kListContactsPrefix[] =
    "SELECT " PH_CONTACT_COLUMNS " FROM contacts";
inline constexpr char kContactRank[] = "IF(is_primary IS NULL, 1, 0)";
inline constexpr char kInsertContact[] =
    "INSERT INTO contacts (partner_id, display_name, role, email, phone, "
    "is_primary, create_time, update_time, version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr char kUpdateContact[] =
    "UPDATE contacts SET display_name = ?, role = ?, email = ?, phone = ?, "
    "is_primary = ?, update_time = ?, version = ? "
    "WHERE partner_id = ? AND id = ? AND version = ?";
inline constexpr char kDeleteContact[] =
    "DELETE FROM contacts WHERE partner_id = ? AND id = ?";

// Agreements.
#define PH_AGREEMENT_COLUMNS                                                  \
  "id, partner_id, commission_rate_bps, partner_discount_share_bps, "         \
  "settlement_cycle, start_date, end_date, state, kpi_new_customers, "        \
  "kpi_gmv_currency_code, kpi_gmv_amount_minor, kpi_orders, "                 \
  "kpi_repeat_purchase_rate_bps, kpi_coupon_redemption_rate_bps, sign_time, " \
  "terminate_time, terminate_reason, create_time, update_time, version"

inline constexpr char kSelectAgreement[] =
    "SELECT " PH_AGREEMENT_COLUMNS
    " FROM agreements WHERE partner_id = ? AND id = ?";
inline constexpr char kAllAgreements[] =
    "SELECT " PH_AGREEMENT_COLUMNS
    " FROM agreements WHERE partner_id = ? "
    "ORDER BY start_date, id";
// Latest start first; paged by common's KeysetList after kOfPartner, on the
// key (start_date, id).
inline constexpr char kListAgreementsPrefix[] =
    "SELECT " PH_AGREEMENT_COLUMNS " FROM agreements";
inline constexpr char kInsertAgreement[] =
    "INSERT INTO agreements (partner_id, commission_rate_bps, "
    "partner_discount_share_bps, settlement_cycle, start_date, end_date, "
    "state, kpi_new_customers, kpi_gmv_currency_code, kpi_gmv_amount_minor, "
    "kpi_orders, kpi_repeat_purchase_rate_bps, kpi_coupon_redemption_rate_bps, "
    "sign_time, terminate_time, terminate_reason, create_time, update_time, "
    "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr char kUpdateAgreement[] =
    "UPDATE agreements SET commission_rate_bps = ?, "
    "partner_discount_share_bps = ?, settlement_cycle = ?, start_date = ?, "
    "end_date = ?, state = ?, kpi_new_customers = ?, "
    "kpi_gmv_currency_code = ?, kpi_gmv_amount_minor = ?, kpi_orders = ?, "
    "kpi_repeat_purchase_rate_bps = ?, kpi_coupon_redemption_rate_bps = ?, "
    "sign_time = ?, terminate_time = ?, terminate_reason = ?, "
    "update_time = ?, version = ? "
    "WHERE partner_id = ? AND id = ? AND version = ?";
inline constexpr char kDeleteAgreement[] =
    "DELETE FROM agreements WHERE partner_id = ? AND id = ?";

// Sales activities.
#define PH_SALES_ACTIVITY_COLUMNS                                           \
  "id, partner_id, type, owner, contact_id, occur_time, notes, next_step, " \
  "next_step_due_time, create_time, update_time, version"

inline constexpr char kSelectSalesActivity[] =
    "SELECT " PH_SALES_ACTIVITY_COLUMNS
    " FROM sales_activities WHERE partner_id = ? AND id = ?";
// Newest first; paged by common's KeysetList after kOfPartner, on the key
// (occur_time, id).
inline constexpr char kListSalesActivitiesPrefix[] =
    "SELECT " PH_SALES_ACTIVITY_COLUMNS " FROM sales_activities";
inline constexpr char kInsertSalesActivity[] =
    "INSERT INTO sales_activities (partner_id, type, owner, contact_id, "
    "occur_time, notes, next_step, next_step_due_time, create_time, "
    "update_time, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr char kUpdateSalesActivity[] =
    "UPDATE sales_activities SET type = ?, owner = ?, contact_id = ?, "
    "occur_time = ?, notes = ?, next_step = ?, next_step_due_time = ?, "
    "update_time = ?, version = ? "
    "WHERE partner_id = ? AND id = ? AND version = ?";
inline constexpr char kDeleteSalesActivity[] =
    "DELETE FROM sales_activities WHERE partner_id = ? AND id = ?";

#undef PH_PARTNER_COLUMNS
#undef PH_CONTACT_COLUMNS
#undef PH_AGREEMENT_COLUMNS
#undef PH_SALES_ACTIVITY_COLUMNS

}  // namespace partnerhub::partner_registry::sql_text

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_SQL_H_
