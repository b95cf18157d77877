// What a coupon gives and when it may be used (rules.h).
#include "absl/strings/str_cat.h"
#include "common/status/error_details.h"
#include "services/campaign/src/domain/enum_names.h"
#include "services/campaign/src/domain/errors.h"
#include "services/campaign/src/domain/resource_names.h"
#include "services/campaign/src/domain/rules.h"

namespace partnerhub::campaign {

absl::StatusOr<DiscountSplit> ComputeDiscount(const Offer& offer,
                                              int64_t order_amount_minor,
                                              int32_t partner_share_bps) {
  if (order_amount_minor < offer.min_purchase_minor) {
    return FailedPrecondition(
        reason::kBelowMinimumPurchase, OfferName(offer.campaign_id, offer.id),
        absl::StrCat("the order amount ", order_amount_minor, " ",
                     offer.currency_code,
                     " is below the offer's minimum purchase of ",
                     offer.min_purchase_minor, " ", offer.currency_code));
  }
  int64_t discount = 0;
  if (offer.discount_type == DiscountType::kPercentOff) {
    // 10^15 × 10^4 does not fit in 64 bits: multiply in 128.
    discount = static_cast<int64_t>(static_cast<__int128>(order_amount_minor) *
                                    offer.percent_bps / 10000);
    if (offer.max_discount_minor > 0 && discount > offer.max_discount_minor) {
      discount = offer.max_discount_minor;
    }
  } else {
    discount = std::min(offer.amount_off_minor, order_amount_minor);
  }
  DiscountSplit split;
  split.discount_minor = discount;
  split.partner_cost_minor = static_cast<int64_t>(
      static_cast<__int128>(discount) * partner_share_bps / 10000);
  split.platform_cost_minor = discount - split.partner_cost_minor;
  return split;
}

absl::Status CheckCouponUse(const CouponContext& ctx, const CouponUse& use,
                            absl::Time now) {
  const Campaign& c = ctx.campaign;
  const Offer& o = ctx.offer;
  if (use.partner_id != c.partner_id) {
    // The subject is the code as given: naming its campaign would tell one
    // partner about another's.
    return FailedPrecondition(
        reason::kCouponOfAnotherPartner, use.code,
        absl::StrCat("coupon code ", use.code, " is not valid at ",
                     PartnerName(use.partner_id),
                     ": it belongs to another partner's campaign"));
  }
  const std::string code_name = CouponCodeName(c.id, o.id, ctx.code.code);
  if (c.state != CampaignState::kRunning) {
    return FailedPrecondition(
        reason::kCampaignNotRunning, CampaignName(c.id),
        absl::StrCat("coupon code ", use.code, " cannot be used: its campaign ",
                     CampaignName(c.id), " is ", NameOf(c.state)));
  }
  const absl::Time start =
      std::max(c.start_time, o.start_time.value_or(c.start_time));
  const absl::Time end = std::min(c.end_time, o.end_time.value_or(c.end_time));
  if (now < start || now >= end) {
    return FailedPrecondition(
        reason::kOutsideRedemptionWindow, OfferName(c.id, o.id),
        absl::StrCat("coupon code ", use.code, " can be used only from ",
                     TimeText(start), " until ", TimeText(end)));
  }
  if (use.currency_code != c.currency_code) {
    return InvalidField(
        "use.order_amount.currency_code",
        absl::StrCat("must be the campaign's currency ", c.currency_code,
                     ", got ", use.currency_code));
  }
  if (!ctx.code.customer.empty() && ctx.code.customer != use.customer) {
    return FailedPrecondition(
        reason::kCouponOfAnotherCustomer, code_name,
        absl::StrCat("coupon code ", use.code,
                     " is personal and cannot be used by ", use.customer));
  }
  return absl::OkStatus();
}

absl::Status CheckCapacity(const CouponContext& ctx, int64_t discount_minor) {
  const Campaign& c = ctx.campaign;
  const Offer& o = ctx.offer;
  if (ctx.code.use_count >= ctx.code.max_uses) {
    return FailedPrecondition(reason::kCouponAlreadyRedeemed,
                              CouponCodeName(c.id, o.id, ctx.code.code),
                              absl::StrCat("coupon code ", ctx.code.code,
                                           " has already been redeemed"));
  }
  // Used up, not a rate limit: waiting alone does not help, so no RetryInfo.
  const std::string offer_name = OfferName(o.campaign_id, o.id);
  if (o.redemption_cap > 0 && o.redemption_count >= o.redemption_cap) {
    return ErrorWithReason(
        absl::StatusCode::kResourceExhausted, reason::kRedemptionCapReached,
        absl::StrCat("offer ", offer_name, " has reached its cap of ",
                     o.redemption_cap, " redemptions"),
        {{"resource", offer_name}});
  }
  if (o.per_customer_limit > 0 && ctx.customer_used >= o.per_customer_limit) {
    return ErrorWithReason(
        absl::StatusCode::kResourceExhausted, reason::kPerCustomerLimitReached,
        absl::StrCat("the customer has used offer ", offer_name, " ",
                     ctx.customer_used, " times, its limit per customer"),
        {{"resource", offer_name}});
  }
  if (c.spent_minor + discount_minor > c.budget_minor) {
    const std::string campaign_name = CampaignName(c.id);
    return ErrorWithReason(
        absl::StatusCode::kResourceExhausted, reason::kBudgetExhausted,
        absl::StrCat("the budget of ", campaign_name, " is used up: ",
                     c.budget_minor - c.spent_minor, " ", c.currency_code,
                     " left, the discount is ", discount_minor),
        {{"resource", campaign_name}});
  }
  return absl::OkStatus();
}

absl::Status CheckVoidable(const Redemption& r, absl::Time now,
                           absl::Duration window) {
  if (r.state != RedemptionState::kRedeemed) return absl::OkStatus();
  if (now > r.redeem_time + window) {
    return FailedPrecondition(
        reason::kVoidWindowPassed, RedemptionName(r.campaign_id, r.id),
        absl::StrCat(RedemptionName(r.campaign_id, r.id),
                     " can no longer be voided: the "
                     "void window of ",
                     absl::FormatDuration(window), " after ",
                     TimeText(r.redeem_time), " has passed"));
  }
  return absl::OkStatus();
}

}  // namespace partnerhub::campaign
