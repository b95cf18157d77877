// proto ⇄ domain for segments, their conditions and snapshots.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/grpc/proto_convert.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/convert/convert.h"
#include "services/customer_experience/src/convert/convert_internal.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {

using convert_internal::EnumFromProto;
using convert_internal::EnumToProto;
using convert_internal::Money;

namespace {

absl::StatusOr<TimeWindow> WindowFromProto(const v1::TimeWindow& w,
                                           const std::string& field) {
  TimeWindow out;
  switch (w.window_case()) {
    case v1::TimeWindow::kLastDays:
      out.last_days = w.last_days();
      if (out.last_days <= 0) {
        return InvalidField(absl::StrCat(field, ".last_days"),
                            "must be 1 to 3660");
      }
      return out;
    case v1::TimeWindow::kFixed: {
      if (!w.fixed().has_start_time() || !w.fixed().has_end_time()) {
        return InvalidField(absl::StrCat(field, ".fixed"),
                            "needs start_time and end_time");
      }
      FieldErrors errors;
      errors.Assign(FromProtoTime(absl::StrCat(field, ".fixed.start_time"),
                                  w.fixed().start_time()),
                    out.start_time);
      errors.Assign(FromProtoTime(absl::StrCat(field, ".fixed.end_time"),
                                  w.fixed().end_time()),
                    out.end_time);
      PH_RETURN_IF_ERROR(errors.Result());
      return out;
    }
    default:
      return InvalidField(field, "is required (last_days or fixed)");
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
  FieldErrors errors;  // every bad value
  for (int i = 0; i < values.size(); ++i) {
    const int v = values.Get(i);
    if (v == 0 || !is_valid(v)) {
      errors.Add(absl::StrCat(field, "[", i, "]"),
                 absl::StrCat("is unspecified or unknown (", v, ")"));
    }
    out.push_back(v);
  }
  PH_RETURN_IF_ERROR(errors.Result());
  return out;
}

// The condition at `field`, as far as it converts; every field that does
// not convert (in the whole tree) is added to `errors`.
Condition ConditionFrom(const v1::SegmentCondition& c, const std::string& field,
                        FieldErrors& errors) {
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
        errors.Add(f, absl::StrCat("must have 1 to ", kMaxConditionChildren,
                                   " conditions"));
        return out;
      }
      for (int i = 0; i < list.conditions_size(); ++i) {
        out.children.push_back(ConditionFrom(
            list.conditions(i), absl::StrCat(f, "[", i, "]"), errors));
      }
      return out;
    }
    case v1::SegmentCondition::kNegation:
      out.kind = Kind::kNot;
      out.children.push_back(ConditionFrom(
          c.negation(), absl::StrCat(field, ".negation"), errors));
      return out;
    case v1::SegmentCondition::kAgeBand:
      out.kind = Kind::kAgeBand;
      errors.Assign(Values<v1::Customer::AgeBand>(
                        c.age_band().age_bands(),
                        absl::StrCat(field, ".age_band.age_bands"),
                        v1::Customer::AgeBand_IsValid),
                    out.values);
      return out;
    case v1::SegmentCondition::kGender:
      out.kind = Kind::kGender;
      errors.Assign(
          Values<v1::Customer::Gender>(c.gender().genders(),
                                       absl::StrCat(field, ".gender.genders"),
                                       v1::Customer::Gender_IsValid),
          out.values);
      return out;
    case v1::SegmentCondition::kConsent:
      out.kind = Kind::kConsent;
      errors.Assign(
          Values<v1::MarketingConsent::State>(
              c.consent().states(), absl::StrCat(field, ".consent.states"),
              v1::MarketingConsent::State_IsValid),
          out.values);
      return out;
    case v1::SegmentCondition::kRegion:
      out.kind = Kind::kRegion;
      out.regions.assign(c.region().regions().begin(),
                         c.region().regions().end());
      return out;
    case v1::SegmentCondition::kFunnelStage: {
      const std::string f = absl::StrCat(field, ".funnel_stage");
      out.kind = Kind::kFunnelStage;
      errors.Assign(ParseOptionalPartnerName(c.funnel_stage().partner(),
                                             absl::StrCat(f, ".partner")),
                    out.partner_id);
      errors.Assign(
          EnumFromProto<FunnelStage>(absl::StrCat(f, ".min_stage"),
                                     c.funnel_stage().min_stage(),
                                     v1::FunnelProgress::Stage_IsValid, true),
          out.min_stage);
      errors.Assign(
          EnumFromProto<FunnelStage>(absl::StrCat(f, ".max_stage"),
                                     c.funnel_stage().max_stage(),
                                     v1::FunnelProgress::Stage_IsValid, true),
          out.max_stage);
      return out;
    }
    case v1::SegmentCondition::kPurchaseCount: {
      const std::string f = absl::StrCat(field, ".purchase_count");
      const v1::PurchaseCountCondition& p = c.purchase_count();
      out.kind = Kind::kPurchaseCount;
      out.category = p.category();
      errors.Assign(
          ParseOptionalPartnerName(p.partner(), absl::StrCat(f, ".partner")),
          out.partner_id);
      out.min_count = p.min_purchases();
      errors.Assign(WindowFromProto(p.window(), absl::StrCat(f, ".window")),
                    out.window);
      return out;
    }
    case v1::SegmentCondition::kSpend: {
      const std::string f = absl::StrCat(field, ".spend");
      const v1::SpendCondition& s = c.spend();
      out.kind = Kind::kSpend;
      out.category = s.category();
      errors.Assign(
          ParseOptionalPartnerName(s.partner(), absl::StrCat(f, ".partner")),
          out.partner_id);
      out.currency_code = s.min_amount().currency_code();
      out.min_amount_minor = s.min_amount().amount_minor();
      errors.Assign(WindowFromProto(s.window(), absl::StrCat(f, ".window")),
                    out.window);
      return out;
    }
    case v1::SegmentCondition::kTouchpoint: {
      const std::string f = absl::StrCat(field, ".touchpoint");
      const v1::TouchpointCondition& t = c.touchpoint();
      out.kind = Kind::kTouchpoint;
      errors.Assign(
          EnumFromProto<TouchpointType>(absl::StrCat(f, ".type"), t.type(),
                                        v1::Touchpoint::Type_IsValid, false),
          out.touchpoint_type);
      errors.Assign(
          ParseOptionalPartnerName(t.partner(), absl::StrCat(f, ".partner")),
          out.partner_id);
      errors.Assign(
          ParseOptionalCampaignName(t.campaign(), absl::StrCat(f, ".campaign")),
          out.campaign_id);
      out.min_count = t.min_count() == 0 ? 1 : t.min_count();
      errors.Assign(WindowFromProto(t.window(), absl::StrCat(f, ".window")),
                    out.window);
      return out;
    }
    case v1::SegmentCondition::CONDITION_NOT_SET:
      break;
  }
  errors.Add(field, "is required");
  return out;
}

}  // namespace

absl::StatusOr<Condition> FromProto(const v1::SegmentCondition& c,
                                    const std::string& field) {
  FieldErrors errors;
  Condition out = ConditionFrom(c, field, errors);
  PH_RETURN_IF_ERROR(errors.Result());
  return out;
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

}  // namespace partnerhub::customer_experience
