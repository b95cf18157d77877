#include "services/campaign/src/convert/convert.h"

#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/grpc/proto_convert.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/campaign/src/domain/resource_names.h"

namespace partnerhub::campaign {
namespace {

using ::partnerhub::type::v1::Money;

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

// InfinitePast for an unset timestamp (the domain says "is required").
absl::StatusOr<absl::Time> TimeOrUnset(const char* field, bool has,
                                       const google::protobuf::Timestamp& ts) {
  if (!has) return absl::InfinitePast();
  return FromProtoTime(field, ts);
}

absl::StatusOr<std::optional<absl::Time>> OptionalTime(
    const char* field, bool has, const google::protobuf::Timestamp& ts) {
  if (!has) return std::nullopt;
  PH_ASSIGN_OR_RETURN(absl::Time t, FromProtoTime(field, ts));
  return t;
}

// The currency every money field of one message shares.
class Currency {
 public:
  // Takes `m` (if set) and returns its amount; INVALID_ARGUMENT when its
  // currency differs from an earlier one.
  absl::StatusOr<int64_t> Take(const char* field, bool has, const Money& m) {
    if (!has) return 0;
    if (code_.empty()) {
      code_ = m.currency_code();
      field_ = field;
    } else if (m.currency_code() != code_) {
      return InvalidField(absl::StrCat(field, ".currency_code"),
                          absl::StrCat("must be ", code_, " as in ", field_,
                                       ", got \"", m.currency_code(), "\""));
    }
    return m.amount_minor();
  }
  const std::string& code() const { return code_; }

 private:
  std::string code_;
  std::string field_;
};

Money ToMoney(const std::string& currency, int64_t amount) {
  Money m;
  m.set_currency_code(currency);
  m.set_amount_minor(amount);
  return m;
}

}  // namespace

absl::StatusOr<std::optional<CampaignState>> StateFromProto(
    const char* field, v1::Campaign::State state, bool allow_unspecified) {
  if (allow_unspecified && state == v1::Campaign::STATE_UNSPECIFIED) {
    return std::nullopt;
  }
  PH_ASSIGN_OR_RETURN(
      CampaignState s,
      EnumFromProto<CampaignState>(field, state, v1::Campaign::State_IsValid));
  return s;
}

absl::StatusOr<Campaign> FromProto(const v1::Campaign& c, const FieldSet& set) {
  Campaign out;
  FieldErrors errors;
  if (set("partner")) {
    errors.Assign(ParsePartnerName(c.partner(), "campaign.partner"),
                  out.partner_id);
  }
  out.display_name = c.display_name();
  out.description = c.description();
  if (set("objective")) {
    errors.Assign(EnumFromProto<Objective>("campaign.objective", c.objective(),
                                           v1::Campaign::Objective_IsValid),
                  out.objective);
  }
  if (set("channel")) {
    errors.Assign(EnumFromProto<Channel>("campaign.channel", c.channel(),
                                         v1::Campaign::Channel_IsValid),
                  out.channel);
  }
  errors.Assign(
      TimeOrUnset("campaign.start_time", c.has_start_time(), c.start_time()),
      out.start_time);
  errors.Assign(
      TimeOrUnset("campaign.end_time", c.has_end_time(), c.end_time()),
      out.end_time);
  PH_RETURN_IF_ERROR(errors.Result());
  out.currency_code = c.budget().currency_code();
  out.budget_minor = c.budget().amount_minor();
  out.segment = c.segment();
  out.holdout_bps = c.holdout_bps();
  return out;
}

absl::StatusOr<Offer> FromProto(const v1::Offer& o, const FieldSet& set) {
  Offer out;
  out.display_name = o.display_name();
  Currency currency;
  const bool percent = set("percent_off") && o.has_percent_off();
  const bool amount = set("amount_off") && o.has_amount_off();
  FieldErrors errors;
  if (set("percent_off") && set("amount_off") && percent == amount) {
    errors.Add("offer", "needs exactly one of percent_off and amount_off");
  }
  if (percent) {
    out.discount_type = DiscountType::kPercentOff;
    out.percent_bps = o.percent_off().percent_bps();
    errors.Assign(currency.Take("offer.percent_off.max_discount",
                                o.percent_off().has_max_discount(),
                                o.percent_off().max_discount()),
                  out.max_discount_minor);
  } else if (amount) {
    out.discount_type = DiscountType::kAmountOff;
    errors.Assign(currency.Take("offer.amount_off", true, o.amount_off()),
                  out.amount_off_minor);
  } else if (set("percent_off") != set("amount_off")) {
    const char* named = set("percent_off") ? "percent_off" : "amount_off";
    errors.Add(absl::StrCat("offer.", named),
               "is named in update_mask but not set");
  }
  if (set("min_purchase")) {
    errors.Assign(currency.Take("offer.min_purchase", o.has_min_purchase(),
                                o.min_purchase()),
                  out.min_purchase_minor);
  }
  errors.Assign(
      OptionalTime("offer.start_time", o.has_start_time(), o.start_time()),
      out.start_time);
  errors.Assign(OptionalTime("offer.end_time", o.has_end_time(), o.end_time()),
                out.end_time);
  PH_RETURN_IF_ERROR(errors.Result());
  out.redemption_cap = o.redemption_cap();
  out.per_customer_limit = o.per_customer_limit();
  out.currency_code = currency.code();
  return out;
}

absl::StatusOr<CodeIssuance> FromProto(const v1::CodeIssuance& i) {
  CodeIssuance out;
  PH_ASSIGN_OR_RETURN(
      out.kind, EnumFromProto<IssuanceKind>("issuance.kind", i.kind(),
                                            v1::CodeIssuance::Kind_IsValid));
  out.format.prefix = i.format().prefix();
  out.format.length = i.format().length();
  out.requested_count = i.count();
  return out;
}

absl::StatusOr<CouponUse> FromProto(const v1::CouponUse& u) {
  CouponUse out;
  out.code = u.code();
  out.customer = u.customer();
  PH_ASSIGN_OR_RETURN(out.partner_id,
                      ParsePartnerName(u.partner(), "use.partner"));
  out.store = u.store();
  out.order_id = u.order_id();
  out.currency_code = u.order_amount().currency_code();
  out.order_amount_minor = u.order_amount().amount_minor();
  return out;
}

v1::Campaign ToProto(const Campaign& c) {
  v1::Campaign out;
  out.set_name(CampaignName(c.id));
  out.set_partner(PartnerName(c.partner_id));
  out.set_display_name(c.display_name);
  out.set_description(c.description);
  out.set_objective(EnumToProto<v1::Campaign::Objective>(c.objective));
  out.set_channel(EnumToProto<v1::Campaign::Channel>(c.channel));
  *out.mutable_start_time() = ToProtoTime(c.start_time);
  *out.mutable_end_time() = ToProtoTime(c.end_time);
  *out.mutable_budget() = ToMoney(c.currency_code, c.budget_minor);
  *out.mutable_spent() = ToMoney(c.currency_code, c.spent_minor);
  out.set_redemption_count(c.redemption_count);
  out.set_segment(c.segment);
  out.set_holdout_bps(c.holdout_bps);
  out.set_segment_snapshot(c.segment_snapshot);
  out.set_partner_discount_share_bps(c.partner_discount_share_bps);
  out.set_state(EnumToProto<v1::Campaign::State>(c.state));
  *out.mutable_state_change_time() = ToProtoTime(c.state_change_time);
  *out.mutable_create_time() = ToProtoTime(c.create_time);
  *out.mutable_update_time() = ToProtoTime(c.update_time);
  out.set_etag(FormatEtag(c.version));
  return out;
}

v1::Offer ToProto(const Offer& o) {
  v1::Offer out;
  out.set_name(OfferName(o.campaign_id, o.id));
  out.set_display_name(o.display_name);
  if (o.discount_type == DiscountType::kPercentOff) {
    out.mutable_percent_off()->set_percent_bps(o.percent_bps);
    if (o.max_discount_minor > 0) {
      *out.mutable_percent_off()->mutable_max_discount() =
          ToMoney(o.currency_code, o.max_discount_minor);
    }
  } else {
    *out.mutable_amount_off() = ToMoney(o.currency_code, o.amount_off_minor);
  }
  *out.mutable_min_purchase() = ToMoney(o.currency_code, o.min_purchase_minor);
  if (o.start_time.has_value())
    *out.mutable_start_time() = ToProtoTime(*o.start_time);
  if (o.end_time.has_value())
    *out.mutable_end_time() = ToProtoTime(*o.end_time);
  out.set_redemption_cap(o.redemption_cap);
  out.set_per_customer_limit(o.per_customer_limit);
  out.set_redemption_count(o.redemption_count);
  *out.mutable_create_time() = ToProtoTime(o.create_time);
  *out.mutable_update_time() = ToProtoTime(o.update_time);
  out.set_etag(FormatEtag(o.version));
  return out;
}

v1::CodeIssuance ToProto(const CodeIssuance& i) {
  v1::CodeIssuance out;
  out.set_name(IssuanceName(i.campaign_id, i.offer_id, i.id));
  out.set_kind(EnumToProto<v1::CodeIssuance::Kind>(i.kind));
  out.mutable_format()->set_prefix(i.format.prefix);
  out.mutable_format()->set_length(i.format.length);
  out.set_count(i.requested_count);
  out.set_issued_count(i.issued_count);
  out.set_segment_snapshot(i.segment_snapshot);
  out.set_member_count(i.member_count);
  out.set_holdout_count(i.holdout_count);
  out.set_state(EnumToProto<v1::CodeIssuance::State>(i.state));
  out.set_error(i.error);
  *out.mutable_create_time() = ToProtoTime(i.create_time);
  *out.mutable_update_time() = ToProtoTime(i.update_time);
  return out;
}

v1::CouponCode ToProto(const CouponCode& c) {
  v1::CouponCode out;
  out.set_name(CouponCodeName(c.campaign_id, c.offer_id, c.code));
  out.set_code(c.code);
  out.set_customer(c.customer);
  out.set_redeemed(c.use_count >= c.max_uses);
  out.set_issuance(IssuanceName(c.campaign_id, c.offer_id, c.issuance_id));
  *out.mutable_create_time() = ToProtoTime(c.create_time);
  return out;
}

v1::Redemption ToProto(const Redemption& r) {
  v1::Redemption out;
  out.set_name(RedemptionName(r.campaign_id, r.id));
  out.set_code(r.code);
  out.set_offer(OfferName(r.campaign_id, r.offer_id));
  out.set_customer(r.customer);
  out.set_partner(PartnerName(r.partner_id));
  out.set_store(r.store);
  out.set_order_id(r.order_id);
  *out.mutable_order_amount() = ToMoney(r.currency_code, r.order_amount_minor);
  *out.mutable_discount() = ToMoney(r.currency_code, r.discount_minor);
  *out.mutable_partner_cost() = ToMoney(r.currency_code, r.partner_cost_minor);
  *out.mutable_platform_cost() =
      ToMoney(r.currency_code, r.platform_cost_minor);
  out.set_state(EnumToProto<v1::Redemption::State>(r.state));
  *out.mutable_redeem_time() = ToProtoTime(r.redeem_time);
  if (r.void_time.has_value())
    *out.mutable_void_time() = ToProtoTime(*r.void_time);
  out.set_void_reason(r.void_reason);
  out.set_request_id(r.request_id);
  return out;
}

v1::CouponValidation ToProto(const CouponValidation& v) {
  const CouponContext& ctx = v.context;
  const std::string& currency = ctx.campaign.currency_code;
  v1::CouponValidation out;
  out.set_code(ctx.code.code);
  out.set_offer(OfferName(ctx.campaign.id, ctx.offer.id));
  out.set_offer_display_name(ctx.offer.display_name);
  *out.mutable_discount() = ToMoney(currency, v.split.discount_minor);
  *out.mutable_partner_cost() = ToMoney(currency, v.split.partner_cost_minor);
  *out.mutable_platform_cost() = ToMoney(currency, v.split.platform_cost_minor);
  return out;
}

}  // namespace partnerhub::campaign
