#include "services/customer_experience/src/handler/convert.h"

#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/grpc/proto_convert.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {
namespace {

// A proto enum value as the domain enum (same numbers). UNSPECIFIED (0) is
// accepted here when `allow_unspecified`; unknown numbers never.
template <typename Domain, typename Proto>
absl::StatusOr<Domain> EnumFromProto(absl::string_view field, Proto value,
                                     bool (*is_valid)(int),
                                     bool allow_unspecified) {
  const int v = static_cast<int>(value);
  if (v == 0 && !allow_unspecified) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
  }
  if (!is_valid(v)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " has an unknown value ", v));
  }
  return static_cast<Domain>(v);
}

template <typename Proto, typename Domain>
Proto EnumToProto(Domain value) {
  return static_cast<Proto>(static_cast<int>(value));
}

absl::StatusOr<absl::Time> OptionalTime(const std::string& field, bool has,
                                        const google::protobuf::Timestamp& ts) {
  if (!has) return absl::UnixEpoch();
  return FromProtoTime(field, ts);
}

partnerhub::type::v1::Money Money(const std::string& currency, int64_t amount) {
  partnerhub::type::v1::Money m;
  m.set_currency_code(currency);
  m.set_amount_minor(amount);
  return m;
}

absl::StatusOr<TimeWindow> WindowFromProto(const v1::TimeWindow& w,
                                           const std::string& field) {
  TimeWindow out;
  switch (w.window_case()) {
    case v1::TimeWindow::kLastDays:
      out.last_days = w.last_days();
      if (out.last_days <= 0) {
        return absl::InvalidArgumentError(
            absl::StrCat(field, ".last_days must be 1 to 3660"));
      }
      return out;
    case v1::TimeWindow::kFixed: {
      if (!w.fixed().has_start_time() || !w.fixed().has_end_time()) {
        return absl::InvalidArgumentError(
            absl::StrCat(field, ".fixed needs start_time and end_time"));
      }
      PH_ASSIGN_OR_RETURN(
          out.start_time,
          FromProtoTime(absl::StrCat(field, ".fixed.start_time"),
                        w.fixed().start_time()));
      PH_ASSIGN_OR_RETURN(out.end_time,
                          FromProtoTime(absl::StrCat(field, ".fixed.end_time"),
                                        w.fixed().end_time()));
      return out;
    }
    default:
      return absl::InvalidArgumentError(
          absl::StrCat(field, " is required (last_days or fixed)"));
  }
}

v1::TimeWindow WindowToProto(const TimeWindow& w) {
  v1::TimeWindow out;
  if (w.last_days > 0) {
    out.set_last_days(w.last_days);
  } else {
    *out.mutable_fixed()->mutable_start_time() = ToProtoTime(w.start_time);
    *out.mutable_fixed()->mutable_end_time() = ToProtoTime(w.end_time);
  }
  return out;
}

template <typename ProtoEnum>
absl::StatusOr<std::vector<int>> Values(
    const google::protobuf::RepeatedField<int>& values,
    const std::string& field, bool (*is_valid)(int)) {
  std::vector<int> out;
  for (int i = 0; i < values.size(); ++i) {
    const int v = values.Get(i);
    if (v == 0 || !is_valid(v)) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, "[", i, "] is unspecified or unknown (", v, ")"));
    }
    out.push_back(v);
  }
  return out;
}

}  // namespace

absl::StatusOr<Customer> FromProto(const v1::Customer& c) {
  Customer out;
  out.birth_year = c.birth_year();
  PH_ASSIGN_OR_RETURN(
      out.gender, EnumFromProto<Gender>("customer.gender", c.gender(),
                                        v1::Customer::Gender_IsValid, true));
  out.region = c.region();
  PH_ASSIGN_OR_RETURN(out.sign_up_time,
                      OptionalTime("customer.sign_up_time",
                                   c.has_sign_up_time(), c.sign_up_time()));
  PH_ASSIGN_OR_RETURN(
      out.consent,
      EnumFromProto<ConsentState>("customer.marketing_consent.state",
                                  c.marketing_consent().state(),
                                  v1::MarketingConsent::State_IsValid, true));
  out.personal_data.display_name = c.personal_data().display_name();
  out.personal_data.email = c.personal_data().email();
  out.personal_data.phone = c.personal_data().phone();
  return out;
}

v1::Customer ToProto(const Customer& c, bool full, absl::Time now) {
  v1::Customer out;
  out.set_name(CustomerName(c.customer_id));
  out.set_birth_year(c.birth_year);
  out.set_age_band(
      EnumToProto<v1::Customer::AgeBand>(AgeBandOf(c.birth_year, now)));
  out.set_gender(EnumToProto<v1::Customer::Gender>(c.gender));
  out.set_region(c.region);
  *out.mutable_sign_up_time() = ToProtoTime(c.sign_up_time);
  out.mutable_marketing_consent()->set_state(
      EnumToProto<v1::MarketingConsent::State>(c.consent));
  *out.mutable_marketing_consent()->mutable_change_time() =
      ToProtoTime(c.consent_change_time);
  const PersonalData data =
      full ? c.personal_data : MaskPersonalData(c.personal_data);
  if (!data.empty()) {
    out.mutable_personal_data()->set_display_name(data.display_name);
    out.mutable_personal_data()->set_email(data.email);
    out.mutable_personal_data()->set_phone(data.phone);
  }
  if (c.personal_data_erase_time.has_value()) {
    *out.mutable_personal_data_erase_time() =
        ToProtoTime(*c.personal_data_erase_time);
  }
  out.set_funnel_stage(EnumToProto<v1::FunnelProgress::Stage>(c.funnel_stage));
  *out.mutable_create_time() = ToProtoTime(c.create_time);
  *out.mutable_update_time() = ToProtoTime(c.update_time);
  out.set_etag(FormatEtag(c.version));
  return out;
}

v1::ConsentChange ToProto(const ConsentChange& c) {
  v1::ConsentChange out;
  out.set_name(ConsentChangeName(c.customer_id, c.id));
  out.set_from_state(EnumToProto<v1::MarketingConsent::State>(c.from_state));
  out.set_to_state(EnumToProto<v1::MarketingConsent::State>(c.to_state));
  out.set_source(c.source);
  *out.mutable_change_time() = ToProtoTime(c.change_time);
  return out;
}

absl::StatusOr<Touchpoint> FromProto(const v1::Touchpoint& t,
                                     const std::string& field) {
  Touchpoint out;
  PH_ASSIGN_OR_RETURN(
      out.customer_id,
      ParseCustomerName(t.customer(), absl::StrCat(field, ".customer")));
  out.event_id = t.event_id();
  PH_ASSIGN_OR_RETURN(out.type, EnumFromProto<TouchpointType>(
                                    absl::StrCat(field, ".type"), t.type(),
                                    v1::Touchpoint::Type_IsValid, false));
  if (out.type == TouchpointType::kRefund) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".type REFUND is recorded by RefundPurchase only"));
  }
  PH_ASSIGN_OR_RETURN(out.occur_time,
                      OptionalTime(absl::StrCat(field, ".occur_time"),
                                   t.has_occur_time(), t.occur_time()));
  PH_ASSIGN_OR_RETURN(
      out.channel,
      EnumFromProto<Channel>(absl::StrCat(field, ".channel"), t.channel(),
                             v1::Touchpoint::Channel_IsValid, true));
  PH_ASSIGN_OR_RETURN(
      out.partner_id,
      ParseOptionalPartnerName(t.partner(), absl::StrCat(field, ".partner")));
  PH_ASSIGN_OR_RETURN(out.campaign_id,
                      ParseOptionalCampaignName(
                          t.campaign(), absl::StrCat(field, ".campaign")));
  out.properties.insert(t.properties().begin(), t.properties().end());
  return out;
}

v1::Touchpoint ToProto(const Touchpoint& t) {
  v1::Touchpoint out;
  out.set_name(TouchpointName(t.customer_id, t.event_id));
  out.set_customer(CustomerName(t.customer_id));
  out.set_event_id(t.event_id);
  out.set_type(EnumToProto<v1::Touchpoint::Type>(t.type));
  *out.mutable_occur_time() = ToProtoTime(t.occur_time);
  out.set_channel(EnumToProto<v1::Touchpoint::Channel>(t.channel));
  out.set_partner(PartnerName(t.partner_id));
  out.set_campaign(CampaignName(t.campaign_id));
  out.mutable_properties()->insert(t.properties.begin(), t.properties.end());
  if (!t.purchase_id.empty()) out.set_purchase(PurchaseName(t.purchase_id));
  *out.mutable_record_time() = ToProtoTime(t.record_time);
  return out;
}

absl::StatusOr<Purchase> FromProto(const v1::Purchase& p) {
  Purchase out;
  PH_ASSIGN_OR_RETURN(out.customer_id,
                      ParseCustomerName(p.customer(), "purchase.customer"));
  if (p.partner().empty())
    return absl::InvalidArgumentError("purchase.partner is required");
  PH_ASSIGN_OR_RETURN(out.partner_id, ParseOptionalPartnerName(
                                          p.partner(), "purchase.partner"));
  out.currency_code = p.total().currency_code();
  out.total_minor = p.total().amount_minor();
  for (int i = 0; i < p.items_size(); ++i) {
    const v1::PurchaseItem& item = p.items(i);
    if (item.amount().currency_code() != out.currency_code) {
      return absl::InvalidArgumentError(
          absl::StrCat("purchase.items[", i,
                       "].amount.currency_code must equal purchase.total's (",
                       out.currency_code, ")"));
    }
    out.items.push_back({.category = item.category(),
                         .product_id = item.product_id(),
                         .quantity = item.quantity(),
                         .amount_minor = item.amount().amount_minor()});
  }
  out.coupon_code = p.coupon_code();
  PH_ASSIGN_OR_RETURN(out.campaign_id, ParseOptionalCampaignName(
                                           p.campaign(), "purchase.campaign"));
  PH_ASSIGN_OR_RETURN(out.purchase_time,
                      OptionalTime("purchase.purchase_time",
                                   p.has_purchase_time(), p.purchase_time()));
  PH_ASSIGN_OR_RETURN(out.channel, EnumFromProto<Channel>(
                                       "purchase.channel", p.channel(),
                                       v1::Touchpoint::Channel_IsValid, true));
  return out;
}

v1::Purchase ToProto(const Purchase& p) {
  v1::Purchase out;
  out.set_name(PurchaseName(p.purchase_id));
  out.set_customer(CustomerName(p.customer_id));
  out.set_partner(PartnerName(p.partner_id));
  for (const PurchaseItem& item : p.items) {
    v1::PurchaseItem* i = out.add_items();
    i->set_category(item.category);
    i->set_product_id(item.product_id);
    i->set_quantity(item.quantity);
    *i->mutable_amount() = Money(p.currency_code, item.amount_minor);
  }
  *out.mutable_total() = Money(p.currency_code, p.total_minor);
  out.set_coupon_code(p.coupon_code);
  out.set_campaign(CampaignName(p.campaign_id));
  *out.mutable_purchase_time() = ToProtoTime(p.purchase_time);
  out.set_channel(EnumToProto<v1::Touchpoint::Channel>(p.channel));
  for (const Refund& r : p.refunds) {
    v1::Refund* o = out.add_refunds();
    o->set_name(RefundName(p.purchase_id, r.id));
    *o->mutable_amount() = Money(p.currency_code, r.amount_minor);
    o->set_reason(r.reason);
    *o->mutable_refund_time() = ToProtoTime(r.refund_time);
    *o->mutable_create_time() = ToProtoTime(r.create_time);
  }
  *out.mutable_refunded_total() = Money(p.currency_code, p.refunded_minor);
  *out.mutable_create_time() = ToProtoTime(p.create_time);
  return out;
}

absl::StatusOr<Refund> FromProto(const v1::Refund& r,
                                 const std::string& currency_code) {
  Refund out;
  if (!r.amount().currency_code().empty() &&
      r.amount().currency_code() != currency_code) {
    return absl::InvalidArgumentError(
        absl::StrCat("refund.amount.currency_code must be the purchase's (",
                     currency_code, ")"));
  }
  out.amount_minor = r.amount().amount_minor();
  out.reason = r.reason();
  PH_ASSIGN_OR_RETURN(
      out.refund_time,
      OptionalTime("refund.refund_time", r.has_refund_time(), r.refund_time()));
  return out;
}

namespace {

v1::FunnelProgress ProgressToProto(const FunnelProgress& p) {
  v1::FunnelProgress out;
  out.set_partner(PartnerName(p.partner_id));
  out.set_stage(
      EnumToProto<v1::FunnelProgress::Stage>(FurthestStage(p.reached)));
  for (int i = 0; i < kStageCount; ++i) {
    if (!p.reached[i].has_value()) continue;
    v1::FunnelProgress::StageReach* r = out.add_stages_reached();
    r->set_stage(static_cast<v1::FunnelProgress::Stage>(i + 1));
    *r->mutable_reach_time() = ToProtoTime(*p.reached[i]);
  }
  return out;
}

}  // namespace

v1::CustomerFunnel ToProto(const CustomerFunnel& f) {
  v1::CustomerFunnel out;
  out.set_name(FunnelName(f.customer_id));
  *out.mutable_overall() = ProgressToProto(f.overall);
  for (const FunnelProgress& p : f.partners)
    *out.add_partners() = ProgressToProto(p);
  return out;
}

v1::FunnelCounts ToProto(const FunnelCounts& c) {
  v1::FunnelCounts out;
  out.set_partner(PartnerName(c.partner_id));
  out.set_campaign(CampaignName(c.campaign_id));
  *out.mutable_start_time() = ToProtoTime(c.start_time);
  *out.mutable_end_time() = ToProtoTime(c.end_time);
  for (int i = 0; i < kStageCount; ++i) {
    v1::FunnelCounts::StageCount* s = out.add_stage_counts();
    s->set_stage(static_cast<v1::FunnelProgress::Stage>(i + 1));
    s->set_customers(c.customers[i]);
  }
  return out;
}

absl::StatusOr<Condition> FromProto(const v1::SegmentCondition& c,
                                    const std::string& field) {
  using Kind = Condition::Kind;
  Condition out;
  switch (c.condition_case()) {
    case v1::SegmentCondition::kAllOf:
    case v1::SegmentCondition::kAnyOf: {
      const bool all = c.condition_case() == v1::SegmentCondition::kAllOf;
      out.kind = all ? Kind::kAllOf : Kind::kAnyOf;
      const v1::SegmentConditionList& list = all ? c.all_of() : c.any_of();
      const std::string f =
          absl::StrCat(field, all ? ".all_of" : ".any_of", ".conditions");
      if (list.conditions_size() > kMaxConditionChildren) {
        return absl::InvalidArgumentError(absl::StrCat(
            f, " must have 1 to ", kMaxConditionChildren, " conditions"));
      }
      for (int i = 0; i < list.conditions_size(); ++i) {
        PH_ASSIGN_OR_RETURN(
            Condition child,
            FromProto(list.conditions(i), absl::StrCat(f, "[", i, "]")));
        out.children.push_back(std::move(child));
      }
      return out;
    }
    case v1::SegmentCondition::kNegation: {
      out.kind = Kind::kNot;
      PH_ASSIGN_OR_RETURN(
          Condition child,
          FromProto(c.negation(), absl::StrCat(field, ".negation")));
      out.children.push_back(std::move(child));
      return out;
    }
    case v1::SegmentCondition::kAgeBand: {
      out.kind = Kind::kAgeBand;
      PH_ASSIGN_OR_RETURN(out.values,
                          Values<v1::Customer::AgeBand>(
                              c.age_band().age_bands(),
                              absl::StrCat(field, ".age_band.age_bands"),
                              v1::Customer::AgeBand_IsValid));
      return out;
    }
    case v1::SegmentCondition::kGender: {
      out.kind = Kind::kGender;
      PH_ASSIGN_OR_RETURN(
          out.values,
          Values<v1::Customer::Gender>(c.gender().genders(),
                                       absl::StrCat(field, ".gender.genders"),
                                       v1::Customer::Gender_IsValid));
      return out;
    }
    case v1::SegmentCondition::kConsent: {
      out.kind = Kind::kConsent;
      PH_ASSIGN_OR_RETURN(
          out.values,
          Values<v1::MarketingConsent::State>(
              c.consent().states(), absl::StrCat(field, ".consent.states"),
              v1::MarketingConsent::State_IsValid));
      return out;
    }
    case v1::SegmentCondition::kRegion:
      out.kind = Kind::kRegion;
      out.regions.assign(c.region().regions().begin(),
                         c.region().regions().end());
      return out;
    case v1::SegmentCondition::kFunnelStage: {
      const std::string f = absl::StrCat(field, ".funnel_stage");
      out.kind = Kind::kFunnelStage;
      PH_ASSIGN_OR_RETURN(out.partner_id, ParseOptionalPartnerName(
                                              c.funnel_stage().partner(),
                                              absl::StrCat(f, ".partner")));
      PH_ASSIGN_OR_RETURN(
          out.min_stage,
          EnumFromProto<FunnelStage>(absl::StrCat(f, ".min_stage"),
                                     c.funnel_stage().min_stage(),
                                     v1::FunnelProgress::Stage_IsValid, true));
      PH_ASSIGN_OR_RETURN(
          out.max_stage,
          EnumFromProto<FunnelStage>(absl::StrCat(f, ".max_stage"),
                                     c.funnel_stage().max_stage(),
                                     v1::FunnelProgress::Stage_IsValid, true));
      return out;
    }
    case v1::SegmentCondition::kPurchaseCount: {
      const std::string f = absl::StrCat(field, ".purchase_count");
      const v1::PurchaseCountCondition& p = c.purchase_count();
      out.kind = Kind::kPurchaseCount;
      out.category = p.category();
      PH_ASSIGN_OR_RETURN(
          out.partner_id,
          ParseOptionalPartnerName(p.partner(), absl::StrCat(f, ".partner")));
      out.min_count = p.min_purchases();
      PH_ASSIGN_OR_RETURN(
          out.window, WindowFromProto(p.window(), absl::StrCat(f, ".window")));
      return out;
    }
    case v1::SegmentCondition::kSpend: {
      const std::string f = absl::StrCat(field, ".spend");
      const v1::SpendCondition& s = c.spend();
      out.kind = Kind::kSpend;
      out.category = s.category();
      PH_ASSIGN_OR_RETURN(
          out.partner_id,
          ParseOptionalPartnerName(s.partner(), absl::StrCat(f, ".partner")));
      out.currency_code = s.min_amount().currency_code();
      out.min_amount_minor = s.min_amount().amount_minor();
      PH_ASSIGN_OR_RETURN(
          out.window, WindowFromProto(s.window(), absl::StrCat(f, ".window")));
      return out;
    }
    case v1::SegmentCondition::kTouchpoint: {
      const std::string f = absl::StrCat(field, ".touchpoint");
      const v1::TouchpointCondition& t = c.touchpoint();
      out.kind = Kind::kTouchpoint;
      PH_ASSIGN_OR_RETURN(
          out.touchpoint_type,
          EnumFromProto<TouchpointType>(absl::StrCat(f, ".type"), t.type(),
                                        v1::Touchpoint::Type_IsValid, false));
      PH_ASSIGN_OR_RETURN(
          out.partner_id,
          ParseOptionalPartnerName(t.partner(), absl::StrCat(f, ".partner")));
      PH_ASSIGN_OR_RETURN(out.campaign_id,
                          ParseOptionalCampaignName(
                              t.campaign(), absl::StrCat(f, ".campaign")));
      out.min_count = t.min_count() == 0 ? 1 : t.min_count();
      PH_ASSIGN_OR_RETURN(
          out.window, WindowFromProto(t.window(), absl::StrCat(f, ".window")));
      return out;
    }
    case v1::SegmentCondition::CONDITION_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
}

v1::SegmentCondition ToProto(const Condition& c) {
  using Kind = Condition::Kind;
  v1::SegmentCondition out;
  switch (c.kind) {
    case Kind::kAllOf:
      for (const Condition& child : c.children) {
        *out.mutable_all_of()->add_conditions() = ToProto(child);
      }
      break;
    case Kind::kAnyOf:
      for (const Condition& child : c.children) {
        *out.mutable_any_of()->add_conditions() = ToProto(child);
      }
      break;
    case Kind::kNot:
      if (!c.children.empty()) *out.mutable_negation() = ToProto(c.children[0]);
      break;
    case Kind::kAgeBand:
      for (int v : c.values)
        out.mutable_age_band()->add_age_bands(
            static_cast<v1::Customer::AgeBand>(v));
      break;
    case Kind::kGender:
      for (int v : c.values)
        out.mutable_gender()->add_genders(static_cast<v1::Customer::Gender>(v));
      break;
    case Kind::kConsent:
      for (int v : c.values) {
        out.mutable_consent()->add_states(
            static_cast<v1::MarketingConsent::State>(v));
      }
      break;
    case Kind::kRegion:
      for (const std::string& r : c.regions)
        out.mutable_region()->add_regions(r);
      break;
    case Kind::kFunnelStage: {
      v1::FunnelStageCondition* f = out.mutable_funnel_stage();
      f->set_partner(PartnerName(c.partner_id));
      f->set_min_stage(EnumToProto<v1::FunnelProgress::Stage>(c.min_stage));
      f->set_max_stage(EnumToProto<v1::FunnelProgress::Stage>(c.max_stage));
      break;
    }
    case Kind::kPurchaseCount: {
      v1::PurchaseCountCondition* p = out.mutable_purchase_count();
      p->set_category(c.category);
      p->set_partner(PartnerName(c.partner_id));
      p->set_min_purchases(static_cast<int32_t>(c.min_count));
      *p->mutable_window() = WindowToProto(c.window);
      break;
    }
    case Kind::kSpend: {
      v1::SpendCondition* s = out.mutable_spend();
      s->set_category(c.category);
      s->set_partner(PartnerName(c.partner_id));
      *s->mutable_min_amount() = Money(c.currency_code, c.min_amount_minor);
      *s->mutable_window() = WindowToProto(c.window);
      break;
    }
    case Kind::kTouchpoint: {
      v1::TouchpointCondition* t = out.mutable_touchpoint();
      t->set_type(EnumToProto<v1::Touchpoint::Type>(c.touchpoint_type));
      t->set_partner(PartnerName(c.partner_id));
      t->set_campaign(CampaignName(c.campaign_id));
      t->set_min_count(static_cast<int32_t>(c.min_count));
      *t->mutable_window() = WindowToProto(c.window);
      break;
    }
  }
  return out;
}

absl::StatusOr<Segment> FromProto(const v1::Segment& s) {
  Segment out;
  out.display_name = s.display_name();
  out.description = s.description();
  if (s.has_condition()) {
    PH_ASSIGN_OR_RETURN(out.condition,
                        FromProto(s.condition(), "segment.condition"));
  } else {
    out.condition.kind =
        Condition::Kind::kAllOf;  // empty: rejected by validation
  }
  return out;
}

v1::Segment ToProto(const Segment& s) {
  v1::Segment out;
  out.set_name(SegmentName(s.id));
  out.set_display_name(s.display_name);
  out.set_description(s.description);
  *out.mutable_condition() = ToProto(s.condition);
  *out.mutable_create_time() = ToProtoTime(s.create_time);
  *out.mutable_update_time() = ToProtoTime(s.update_time);
  out.set_etag(FormatEtag(s.version));
  return out;
}

v1::SegmentSnapshot ToProto(const SegmentSnapshot& s) {
  v1::SegmentSnapshot out;
  out.set_name(SnapshotName(s.segment.id, s.id));
  *out.mutable_segment() = ToProto(s.segment);
  out.set_member_count(s.member_count);
  *out.mutable_snapshot_time() = ToProtoTime(s.snapshot_time);
  return out;
}

v1::TouchpointResult ToProto(const TouchpointOutcome& o, int64_t index,
                             const std::string& name) {
  v1::TouchpointResult out;
  out.set_index(static_cast<int32_t>(index));
  out.set_outcome(
      static_cast<v1::TouchpointResult::Outcome>(static_cast<int>(o.kind)));
  if (o.kind == TouchpointOutcome::Kind::kRejected) {
    out.set_code(static_cast<int32_t>(o.error.code()));
    out.set_message(std::string(o.error.message()));
  } else {
    out.set_name(name);
  }
  return out;
}

}  // namespace partnerhub::customer_experience
