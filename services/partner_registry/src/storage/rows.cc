#include "services/partner_registry/src/storage/rows.h"

#include <cppconn/resultset.h>

#include "common/mysql/statement.h"
#include "services/partner_registry/src/domain/enum_names.h"

namespace partnerhub::partner_registry {
namespace {

using mysql::GetInt64;
using mysql::GetOptionalTime;
using mysql::GetString;
using mysql::GetTime;

// Columns are ENUMs with the same names as the domain enums, so a value
// that does not parse means the schema and the code disagree.
template <typename E>
E GetEnum(sql::ResultSet& rs, const char* column) {
  std::optional<E> value = Parse<E>(GetString(rs, column));
  return value.value_or(E{});
}

}  // namespace

std::string FormatDate(absl::CivilDay day) {
  return absl::FormatCivilTime(day);
}

absl::CivilDay ParseDate(const std::string& text) {
  absl::CivilDay day;
  absl::ParseCivilTime(text, &day);
  return day;
}

Partner ReadPartner(sql::ResultSet& rs) {
  Partner p;
  p.id = GetInt64(rs, "id");
  p.display_name = GetString(rs, "display_name");
  p.legal_name = GetString(rs, "legal_name");
  p.business_registration_number =
      GetString(rs, "business_registration_number");
  p.category = GetEnum<PartnerCategory>(rs, "category");
  p.tier = GetEnum<PartnerTier>(rs, "tier");
  p.account_manager = GetString(rs, "account_manager");
  p.needs = GetString(rs, "needs");
  p.value_proposition = GetString(rs, "value_proposition");
  p.state = GetEnum<PartnerState>(rs, "state");
  p.state_change_time = GetTime(rs, "state_change_time");
  p.create_time = GetTime(rs, "create_time");
  p.update_time = GetTime(rs, "update_time");
  p.version = GetInt64(rs, "version");
  return p;
}

PartnerStateChange ReadStateChange(sql::ResultSet& rs) {
  PartnerStateChange c;
  c.id = GetInt64(rs, "id");
  c.partner_id = GetInt64(rs, "partner_id");
  if (!rs.isNull("from_state")) {
    c.from_state = GetEnum<PartnerState>(rs, "from_state");
  }
  c.to_state = GetEnum<PartnerState>(rs, "to_state");
  c.reason = GetString(rs, "reason");
  c.change_time = GetTime(rs, "change_time");
  return c;
}

Contact ReadContact(sql::ResultSet& rs) {
  Contact c;
  c.id = GetInt64(rs, "id");
  c.partner_id = GetInt64(rs, "partner_id");
  c.display_name = GetString(rs, "display_name");
  c.role = GetString(rs, "role");
  c.email = GetString(rs, "email");
  c.phone = GetString(rs, "phone");
  c.primary = !rs.isNull("is_primary");
  c.create_time = GetTime(rs, "create_time");
  c.update_time = GetTime(rs, "update_time");
  c.version = GetInt64(rs, "version");
  return c;
}

Agreement ReadAgreement(sql::ResultSet& rs) {
  Agreement a;
  a.id = GetInt64(rs, "id");
  a.partner_id = GetInt64(rs, "partner_id");
  a.commission_rate_bps = rs.getInt("commission_rate_bps");
  a.partner_discount_share_bps = rs.getInt("partner_discount_share_bps");
  a.settlement_cycle = GetEnum<SettlementCycle>(rs, "settlement_cycle");
  a.start_date = ParseDate(GetString(rs, "start_date"));
  a.end_date = ParseDate(GetString(rs, "end_date"));
  a.state = GetEnum<AgreementState>(rs, "state");
  a.kpi_targets.new_customers = GetInt64(rs, "kpi_new_customers");
  a.kpi_targets.gmv_currency_code = GetString(rs, "kpi_gmv_currency_code");
  a.kpi_targets.gmv_amount_minor = GetInt64(rs, "kpi_gmv_amount_minor");
  a.kpi_targets.orders = GetInt64(rs, "kpi_orders");
  a.kpi_targets.repeat_purchase_rate_bps =
      rs.getInt("kpi_repeat_purchase_rate_bps");
  a.kpi_targets.coupon_redemption_rate_bps =
      rs.getInt("kpi_coupon_redemption_rate_bps");
  a.sign_time = GetOptionalTime(rs, "sign_time");
  a.terminate_time = GetOptionalTime(rs, "terminate_time");
  a.terminate_reason = GetString(rs, "terminate_reason");
  a.create_time = GetTime(rs, "create_time");
  a.update_time = GetTime(rs, "update_time");
  a.version = GetInt64(rs, "version");
  return a;
}

SalesActivity ReadSalesActivity(sql::ResultSet& rs) {
  SalesActivity s;
  s.id = GetInt64(rs, "id");
  s.partner_id = GetInt64(rs, "partner_id");
  s.type = GetEnum<SalesActivityType>(rs, "type");
  s.owner = GetString(rs, "owner");
  s.contact_id = rs.isNull("contact_id") ? 0 : GetInt64(rs, "contact_id");
  s.occur_time = GetTime(rs, "occur_time");
  s.notes = GetString(rs, "notes");
  s.next_step = GetString(rs, "next_step");
  s.next_step_due_time = GetOptionalTime(rs, "next_step_due_time");
  s.create_time = GetTime(rs, "create_time");
  s.update_time = GetTime(rs, "update_time");
  s.version = GetInt64(rs, "version");
  return s;
}

}  // namespace partnerhub::partner_registry
