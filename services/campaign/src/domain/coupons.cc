#include "services/campaign/src/domain/coupons.h"

#include "absl/strings/str_cat.h"
#include "common/api/field_checks.h"
#include "common/api/fingerprint.h"
#include "common/api/request_key.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "common/status/status_macros.h"
#include "services/campaign/src/domain/errors.h"
#include "services/campaign/src/domain/resource_names.h"
#include "services/campaign/src/domain/rules.h"

namespace partnerhub::campaign {

uint64_t Coupons::UseFingerprint(const CouponUse& u) {
  return Fingerprint(absl::StrCat(u.code, "\n", u.customer, "\n", u.partner_id,
                                  "\n", u.store, "\n", u.order_id, "\n",
                                  u.currency_code, "\n", u.order_amount_minor));
}

absl::StatusOr<Redemption> Replay(const Redemption& prior,
                                  uint64_t fingerprint) {
  if (prior.fingerprint != fingerprint) {
    return InvalidField(
        "request_id",
        absl::StrCat(prior.request_id,
                     " was already used for a different redemption; use a new "
                     "request_id"),
        ::partnerhub::reason::kRequestIdReused);
  }
  Redemption first = prior;
  first.state = RedemptionState::kRedeemed;
  first.void_time.reset();
  first.void_reason.clear();
  return first;
}

absl::Status Coupons::Check(CouponUse& use) {
  // A mistyped code is rejected here, before any lookup, together with
  // every other bad field of the use.
  FieldErrors errors;
  absl::StatusOr<std::string> code = NormalizeCode("use.code", use.code);
  errors.Add(code.status());
  errors.Add(ValidateCouponUse(use));
  PH_RETURN_IF_ERROR(errors.Result());
  use.code = *std::move(code);
  return absl::OkStatus();
}

absl::StatusOr<CouponContext> Coupons::Lookup(CouponUse& use,
                                              const std::string& request_id) {
  std::optional<CouponContext> context;
  PH_RETURN_IF_ERROR(store_.Read([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(context,
                        tx.LookupCoupon(use.code, use.customer, request_id));
    return absl::OkStatus();
  }));
  if (!context.has_value()) return CouponCodeNotFound(use.code);
  return *std::move(context);
}

absl::StatusOr<CouponValidation> Coupons::Validate(CouponUse use) {
  PH_RETURN_IF_ERROR(Check(use));
  PH_ASSIGN_OR_RETURN(CouponContext context, Lookup(use, ""));
  const absl::Time now = clock_.Now();
  PH_RETURN_IF_ERROR(CheckCouponUse(context, use, now));
  PH_ASSIGN_OR_RETURN(
      DiscountSplit split,
      ComputeDiscount(context.offer, use.order_amount_minor,
                      context.campaign.partner_discount_share_bps));
  PH_RETURN_IF_ERROR(CheckCapacity(context, split.discount_minor));
  return CouponValidation{std::move(context), split};
}

absl::StatusOr<Redemption> Coupons::Redeem(const std::string& request_id,
                                           CouponUse use) {
  FieldErrors errors;
  if (request_id.empty()) {
    errors.Add("request_id",
               "is required: a retry must be recognisable as one");
  } else {
    errors.Add(ValidateRequestId(request_id));
  }
  errors.Add(Check(use));
  PH_RETURN_IF_ERROR(errors.Result());
  const uint64_t fingerprint = UseFingerprint(use);
  // A retry answered by this process before: no database round trip.
  if (std::optional<Redemption> known = replays_.Find(request_id)) {
    return Replay(*known, fingerprint);
  }
  PH_ASSIGN_OR_RETURN(CouponContext context, Lookup(use, request_id));
  if (context.prior.has_value()) {
    replays_.Put(*context.prior);
    return Replay(*context.prior, fingerprint);
  }

  const absl::Time now = clock_.Now();
  PH_RETURN_IF_ERROR(CheckCouponUse(context, use, now));
  PH_ASSIGN_OR_RETURN(
      DiscountSplit split,
      ComputeDiscount(context.offer, use.order_amount_minor,
                      context.campaign.partner_discount_share_bps));
  // A fast refusal on what the lookup read; the conditional update below
  // decides atomically.
  PH_RETURN_IF_ERROR(CheckCapacity(context, split.discount_minor));

  Redemption r;
  r.campaign_id = context.campaign.id;
  r.offer_id = context.offer.id;
  r.code_id = context.code.id;
  r.code = use.code;
  r.customer = use.customer;
  r.partner_id = use.partner_id;
  r.store = use.store;
  r.order_id = use.order_id;
  r.currency_code = use.currency_code;
  r.order_amount_minor = use.order_amount_minor;
  r.discount_minor = split.discount_minor;
  r.partner_cost_minor = split.partner_cost_minor;
  r.platform_cost_minor = split.platform_cost_minor;
  r.state = RedemptionState::kRedeemed;
  r.redeem_time = now;
  r.request_id = request_id;
  r.fingerprint = fingerprint;
  const RedemptionCharge charge{
      .code_id = r.code_id,
      .offer_id = r.offer_id,
      .campaign_id = r.campaign_id,
      .customer = r.customer,
      .discount_minor = r.discount_minor,
      .per_customer = context.offer.per_customer_limit > 0};

  absl::Status status = store_.Transact([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(r.id, tx.InsertRedemption(r));
    if (charge.per_customer) {
      PH_RETURN_IF_ERROR(tx.EnsureCustomerUsage(r.offer_id, r.customer));
    }
    PH_ASSIGN_OR_RETURN(
        bool charged, tx.Charge(charge, context.offer.per_customer_limit, now));
    if (!charged) return WhyNotCharged(tx, use, r.discount_minor, now);
    tx.Publish(
        {now, RedemptionChanged{RedemptionChanged::Change::kRedeemed, r}});
    return absl::OkStatus();
  });
  if (absl::IsAlreadyExists(status)) {
    // A call with the same request_id committed first (this one waited for
    // it on the unique key): answer with its redemption.
    std::optional<Redemption> prior;
    PH_RETURN_IF_ERROR(store_.Read([&](CampaignTx& tx) -> absl::Status {
      PH_ASSIGN_OR_RETURN(prior, tx.FindRedemption(request_id));
      return absl::OkStatus();
    }));
    if (!prior.has_value()) {
      return ConcurrentUpdate("a concurrent redemption conflicted; retry");
    }
    replays_.Put(*prior);
    return Replay(*prior, fingerprint);
  }
  PH_RETURN_IF_ERROR(status);
  replays_.Put(r);
  return r;
}

absl::Status Coupons::WhyNotCharged(CampaignTx& tx, const CouponUse& use,
                                    int64_t discount_minor, absl::Time now) {
  // Read committed: what concurrent redemptions have left.
  PH_ASSIGN_OR_RETURN(std::optional<CouponContext> fresh,
                      tx.LookupCoupon(use.code, use.customer, ""));
  if (!fresh.has_value()) return CouponCodeNotFound(use.code);
  PH_RETURN_IF_ERROR(CheckCouponUse(*fresh, use, now));
  PH_RETURN_IF_ERROR(CheckCapacity(*fresh, discount_minor));
  return ConcurrentUpdate(
      "the coupon's counters changed concurrently; retry with the same "
      "request_id");
}

absl::StatusOr<Redemption> Coupons::Void(int64_t campaign_id, int64_t id,
                                         const std::string& reason) {
  PH_RETURN_IF_ERROR(CheckText("reason", reason, 1, 500));
  Redemption r;
  PH_RETURN_IF_ERROR(store_.Transact([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(r, tx.LockRedemption(campaign_id, id));
    if (r.state == RedemptionState::kVoided) return absl::OkStatus();
    const absl::Time now = clock_.Now();
    PH_RETURN_IF_ERROR(CheckVoidable(r, now, options_.void_window));
    PH_ASSIGN_OR_RETURN(Offer offer, tx.GetOffer(r.campaign_id, r.offer_id));
    r.state = RedemptionState::kVoided;
    r.void_time = now;
    r.void_reason = reason;
    PH_RETURN_IF_ERROR(tx.UpdateRedemption(r));
    PH_RETURN_IF_ERROR(
        tx.Refund({.code_id = r.code_id,
                   .offer_id = r.offer_id,
                   .campaign_id = r.campaign_id,
                   .customer = r.customer,
                   .discount_minor = r.discount_minor,
                   .per_customer = offer.per_customer_limit > 0}));
    tx.Publish({now, RedemptionChanged{RedemptionChanged::Change::kVoided, r}});
    return absl::OkStatus();
  }));
  return r;
}

absl::StatusOr<Redemption> Coupons::Get(int64_t campaign_id, int64_t id) {
  Redemption r;
  PH_RETURN_IF_ERROR(store_.Read([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(r, tx.GetRedemption(campaign_id, id));
    return absl::OkStatus();
  }));
  return r;
}

absl::StatusOr<Page<Redemption>> Coupons::List(int64_t campaign_id,
                                               const ListRequest& request) {
  PH_ASSIGN_OR_RETURN(ListQuery query, ResolveList(IdListSpec(), request));
  Slice<Redemption> slice;
  PH_RETURN_IF_ERROR(store_.Read([&](CampaignTx& tx) -> absl::Status {
    PH_RETURN_IF_ERROR(tx.GetCampaign(campaign_id).status());
    PH_ASSIGN_OR_RETURN(slice, tx.ListRedemptions(campaign_id, query));
    return absl::OkStatus();
  }));
  return ToPage(std::move(slice), query);
}

}  // namespace partnerhub::campaign
