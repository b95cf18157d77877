#include "services/partner_registry/src/convert/convert.h"

#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/grpc/proto_convert.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/partner_registry/src/domain/resource_names.h"

namespace partnerhub::partner_registry {
namespace {

// A proto enum value as the domain enum (same numbers), or INVALID_ARGUMENT
// naming the field when it is UNSPECIFIED or unknown.
template <typename Domain, typename Proto>
absl::StatusOr<Domain> EnumFromProto(const char* field, Proto value,
                                     bool (*is_valid)(int)) {
  if (static_cast<int>(value) == 0) return InvalidField(field, "is required");
  if (!is_valid(static_cast<int>(value))) {
    return InvalidField(
        field, absl::StrCat("has an unknown value ", static_cast<int>(value)));
  }
  return static_cast<Domain>(value);
}

template <typename Proto, typename Domain>
Proto EnumToProto(Domain value) {
  return static_cast<Proto>(static_cast<int>(value));
}

}  // namespace

absl::StatusOr<PartnerState> StateFromProto(const char* field,
                                            v1::Partner::State state) {
  return EnumFromProto<PartnerState>(field, state, v1::Partner::State_IsValid);
}

absl::StatusOr<Partner> FromProto(const v1::Partner& p, const FieldSet& set) {
  Partner out;
  FieldErrors errors;
  out.display_name = p.display_name();
  out.legal_name = p.legal_name();
  out.business_registration_number = p.business_registration_number();
  if (set("category")) {
    errors.Assign(
        EnumFromProto<PartnerCategory>("partner.category", p.category(),
                                       v1::Partner::Category_IsValid),
        out.category);
  }
  if (set("tier")) {
    errors.Assign(EnumFromProto<PartnerTier>("partner.tier", p.tier(),
                                             v1::Partner::Tier_IsValid),
                  out.tier);
  }
  out.account_manager = p.account_manager();
  out.needs = p.needs();
  out.value_proposition = p.value_proposition();
  PH_RETURN_IF_ERROR(errors.Result());
  return out;
}

absl::StatusOr<Contact> FromProto(const v1::Contact& c, const FieldSet&) {
  Contact out;
  out.display_name = c.display_name();
  out.role = c.role();
  out.email = c.email();
  out.phone = c.phone();
  out.primary = c.primary();
  return out;
}

absl::StatusOr<Agreement> FromProto(const v1::Agreement& a,
                                    const FieldSet& set) {
  Agreement out;
  FieldErrors errors;
  out.commission_rate_bps = a.commission_rate_bps();
  out.partner_discount_share_bps = a.partner_discount_share_bps();
  if (set("settlement_cycle")) {
    errors.Assign(EnumFromProto<SettlementCycle>(
                      "agreement.settlement_cycle", a.settlement_cycle(),
                      v1::Agreement::SettlementCycle_IsValid),
                  out.settlement_cycle);
  }
  if (set("start_date")) {
    if (!a.has_start_date()) {
      errors.Add("agreement.start_date", "is required");
    } else {
      errors.Assign(FromProtoDate("agreement.start_date", a.start_date()),
                    out.start_date);
    }
  }
  if (set("end_date")) {
    if (!a.has_end_date()) {
      errors.Add("agreement.end_date", "is required");
    } else {
      errors.Assign(FromProtoDate("agreement.end_date", a.end_date()),
                    out.end_date);
    }
  }
  const v1::KpiTargets& k = a.kpi_targets();
  out.kpi_targets.new_customers = k.new_customers();
  out.kpi_targets.gmv_currency_code = k.gmv().currency_code();
  out.kpi_targets.gmv_amount_minor = k.gmv().amount_minor();
  out.kpi_targets.orders = k.orders();
  out.kpi_targets.repeat_purchase_rate_bps = k.repeat_purchase_rate_bps();
  out.kpi_targets.coupon_redemption_rate_bps = k.coupon_redemption_rate_bps();
  PH_RETURN_IF_ERROR(errors.Result());
  return out;
}

absl::StatusOr<SalesActivity> FromProto(const v1::SalesActivity& s,
                                        int64_t partner_id,
                                        const FieldSet& set) {
  SalesActivity out;
  FieldErrors errors;
  out.partner_id = partner_id;
  if (set("type")) {
    errors.Assign(
        EnumFromProto<SalesActivityType>("sales_activity.type", s.type(),
                                         v1::SalesActivity::Type_IsValid),
        out.type);
  }
  out.owner = s.owner();
  if (set("contact") && !s.contact().empty()) {
    absl::StatusOr<ChildId> contact =
        ParseContactName(s.contact(), "sales_activity.contact");
    if (!contact.ok()) {
      errors.Add(contact.status());
    } else if (contact->partner_id != partner_id) {
      errors.Add("sales_activity.contact",
                 absl::StrCat(s.contact(), " belongs to another partner"));
    } else {
      out.contact_id = contact->id;
    }
  }
  out.occur_time = absl::InfinitePast();
  if (set("occur_time") && s.has_occur_time()) {
    errors.Assign(FromProtoTime("sales_activity.occur_time", s.occur_time()),
                  out.occur_time);
  }
  out.notes = s.notes();
  out.next_step = s.next_step();
  if (set("next_step_due_time") && s.has_next_step_due_time()) {
    errors.Assign(FromProtoTime("sales_activity.next_step_due_time",
                                s.next_step_due_time()),
                  out.next_step_due_time);
  }
  PH_RETURN_IF_ERROR(errors.Result());
  return out;
}

v1::Partner ToProto(const Partner& p) {
  v1::Partner out;
  out.set_name(PartnerName(p.id));
  out.set_display_name(p.display_name);
  out.set_legal_name(p.legal_name);
  out.set_business_registration_number(p.business_registration_number);
  out.set_category(EnumToProto<v1::Partner::Category>(p.category));
  out.set_tier(EnumToProto<v1::Partner::Tier>(p.tier));
  out.set_account_manager(p.account_manager);
  out.set_needs(p.needs);
  out.set_value_proposition(p.value_proposition);
  out.set_state(EnumToProto<v1::Partner::State>(p.state));
  *out.mutable_state_change_time() = ToProtoTime(p.state_change_time);
  *out.mutable_create_time() = ToProtoTime(p.create_time);
  *out.mutable_update_time() = ToProtoTime(p.update_time);
  out.set_etag(FormatEtag(p.version));
  return out;
}

v1::PartnerStateChange ToProto(const PartnerStateChange& c) {
  v1::PartnerStateChange out;
  out.set_name(StateChangeName(c.partner_id, c.id));
  if (c.from_state.has_value()) {
    out.set_from_state(EnumToProto<v1::Partner::State>(*c.from_state));
  }
  out.set_to_state(EnumToProto<v1::Partner::State>(c.to_state));
  out.set_reason(c.reason);
  *out.mutable_change_time() = ToProtoTime(c.change_time);
  return out;
}

v1::Contact ToProto(const Contact& c) {
  v1::Contact out;
  out.set_name(ContactName(c.partner_id, c.id));
  out.set_display_name(c.display_name);
  out.set_role(c.role);
  out.set_email(c.email);
  out.set_phone(c.phone);
  out.set_primary(c.primary);
  *out.mutable_create_time() = ToProtoTime(c.create_time);
  *out.mutable_update_time() = ToProtoTime(c.update_time);
  out.set_etag(FormatEtag(c.version));
  return out;
}

v1::Agreement ToProto(const Agreement& a, bool in_force) {
  v1::Agreement out;
  out.set_name(AgreementName(a.partner_id, a.id));
  out.set_commission_rate_bps(a.commission_rate_bps);
  out.set_partner_discount_share_bps(a.partner_discount_share_bps);
  out.set_settlement_cycle(
      EnumToProto<v1::Agreement::SettlementCycle>(a.settlement_cycle));
  *out.mutable_start_date() = ToProtoDate(a.start_date);
  *out.mutable_end_date() = ToProtoDate(a.end_date);
  out.set_state(EnumToProto<v1::Agreement::State>(a.state));
  out.set_in_force(in_force);
  v1::KpiTargets* k = out.mutable_kpi_targets();
  k->set_new_customers(a.kpi_targets.new_customers);
  if (!a.kpi_targets.gmv_currency_code.empty()) {
    k->mutable_gmv()->set_currency_code(a.kpi_targets.gmv_currency_code);
    k->mutable_gmv()->set_amount_minor(a.kpi_targets.gmv_amount_minor);
  }
  k->set_orders(a.kpi_targets.orders);
  k->set_repeat_purchase_rate_bps(a.kpi_targets.repeat_purchase_rate_bps);
  k->set_coupon_redemption_rate_bps(a.kpi_targets.coupon_redemption_rate_bps);
  if (a.sign_time) *out.mutable_sign_time() = ToProtoTime(*a.sign_time);
  if (a.terminate_time) {
    *out.mutable_terminate_time() = ToProtoTime(*a.terminate_time);
  }
  out.set_terminate_reason(a.terminate_reason);
  *out.mutable_create_time() = ToProtoTime(a.create_time);
  *out.mutable_update_time() = ToProtoTime(a.update_time);
  out.set_etag(FormatEtag(a.version));
  return out;
}

v1::SalesActivity ToProto(const SalesActivity& s) {
  v1::SalesActivity out;
  out.set_name(SalesActivityName(s.partner_id, s.id));
  out.set_type(EnumToProto<v1::SalesActivity::Type>(s.type));
  out.set_owner(s.owner);
  if (s.contact_id != 0)
    out.set_contact(ContactName(s.partner_id, s.contact_id));
  *out.mutable_occur_time() = ToProtoTime(s.occur_time);
  out.set_notes(s.notes);
  out.set_next_step(s.next_step);
  if (s.next_step_due_time) {
    *out.mutable_next_step_due_time() = ToProtoTime(*s.next_step_due_time);
  }
  *out.mutable_create_time() = ToProtoTime(s.create_time);
  *out.mutable_update_time() = ToProtoTime(s.update_time);
  out.set_etag(FormatEtag(s.version));
  return out;
}

}  // namespace partnerhub::partner_registry
