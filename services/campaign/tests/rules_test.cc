// Unit tests of the campaign rules (no database, no network): discounts and
// coupon use. Codes in rules_codes_test.cc, the lifecycle and settings in
// rules_lifecycle_test.cc.
#include "services/campaign/src/domain/rules.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/campaign/src/domain/secure_random.h"
#include "services/campaign/tests/rules_fixture.h"

namespace partnerhub::campaign {
namespace {

// ---- Discounts ----

TEST(DiscountTest, PercentOffRoundsDownAndRespectsTheMaximum) {
  Offer o = PercentOffer();
  o.percent_bps = 1500;
  auto d = ComputeDiscount(o, 9999, 0);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->discount_minor, 1499);  // 1499.85
  o.max_discount_minor = 1000;
  EXPECT_EQ(ComputeDiscount(o, 9999, 0)->discount_minor, 1000);
}

TEST(DiscountTest, AmountOffNeverExceedsTheOrder) {
  Offer o = PercentOffer();
  o.discount_type = DiscountType::kAmountOff;
  o.amount_off_minor = 5000;
  EXPECT_EQ(ComputeDiscount(o, 20000, 0)->discount_minor, 5000);
  EXPECT_EQ(ComputeDiscount(o, 3000, 0)->discount_minor, 3000);
}

TEST(DiscountTest, MinimumPurchaseIsEnforced) {
  Offer o = PercentOffer();
  o.min_purchase_minor = 10000;
  EXPECT_TRUE(absl::IsFailedPrecondition(ComputeDiscount(o, 9999, 0).status()));
  EXPECT_TRUE(ComputeDiscount(o, 10000, 0).ok());
}

TEST(DiscountTest, CostIsSplitByTheShareThePartnerRoundedDown) {
  Offer o = PercentOffer();
  o.discount_type = DiscountType::kAmountOff;
  o.amount_off_minor = 1001;
  auto d = ComputeDiscount(o, 50000, 3333);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->partner_cost_minor, 333);  // 333.6333
  EXPECT_EQ(d->platform_cost_minor, 668);
  EXPECT_EQ(ComputeDiscount(o, 50000, 10000)->platform_cost_minor, 0);
  EXPECT_EQ(ComputeDiscount(o, 50000, 0)->partner_cost_minor, 0);
}

TEST(DiscountTest, LargestAmountsDoNotOverflow) {
  Offer o = PercentOffer();
  o.percent_bps = 10000;
  auto d = ComputeDiscount(o, kMaxAmountMinor, 10000);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->discount_minor, kMaxAmountMinor);
  EXPECT_EQ(d->partner_cost_minor, kMaxAmountMinor);
}

// ---- Coupon use ----

TEST(CouponUseTest, AValidUsePasses) {
  EXPECT_TRUE(CheckCouponUse(Context(), Use(), kT0 + absl::Hours(1)).ok());
  EXPECT_TRUE(CheckCapacity(Context(), 4000).ok());
}

TEST(CouponUseTest, ACodeOfAnotherPartnerIsRefused) {
  CouponUse u = Use();
  u.partner_id = 4;
  auto s = CheckCouponUse(Context(), u, kT0 + absl::Hours(1));
  EXPECT_TRUE(absl::IsFailedPrecondition(s)) << s;
  EXPECT_NE(s.message().find("partners/4"), std::string::npos);
}

TEST(CouponUseTest, OnlyARunningCampaignInsideBothWindowsRedeems) {
  CouponContext ctx = Context();
  ctx.campaign.state = CampaignState::kPaused;
  EXPECT_TRUE(absl::IsFailedPrecondition(
      CheckCouponUse(ctx, Use(), kT0 + absl::Hours(1))));
  ctx = Context();
  EXPECT_TRUE(absl::IsFailedPrecondition(
      CheckCouponUse(ctx, Use(), kT0 - absl::Seconds(1))));
  EXPECT_TRUE(absl::IsFailedPrecondition(
      CheckCouponUse(ctx, Use(), ctx.campaign.end_time)));
  ctx.offer.start_time = kT0 + absl::Hours(2);
  ctx.offer.end_time = kT0 + absl::Hours(3);
  EXPECT_TRUE(absl::IsFailedPrecondition(
      CheckCouponUse(ctx, Use(), kT0 + absl::Hours(1))));
  EXPECT_TRUE(CheckCouponUse(ctx, Use(), kT0 + absl::Hours(2)).ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(
      CheckCouponUse(ctx, Use(), kT0 + absl::Hours(3))));
}

TEST(CouponUseTest, CurrencyAndPersonalCodesAreChecked) {
  CouponUse u = Use();
  u.currency_code = "USD";
  EXPECT_TRUE(absl::IsInvalidArgument(
      CheckCouponUse(Context(), u, kT0 + absl::Hours(1))));
  CouponContext ctx = Context();
  ctx.code.customer = "customers/someone-else";
  EXPECT_TRUE(absl::IsFailedPrecondition(
      CheckCouponUse(ctx, Use(), kT0 + absl::Hours(1))));
  ctx.code.customer = "customers/c1";
  EXPECT_TRUE(CheckCouponUse(ctx, Use(), kT0 + absl::Hours(1)).ok());
}

TEST(CouponUseTest, CountersRefuseWithTheRightCode) {
  CouponContext ctx = Context();
  ctx.code.use_count = 1;
  EXPECT_TRUE(absl::IsFailedPrecondition(CheckCapacity(ctx, 1)));
  ctx = Context();
  ctx.offer.redemption_cap = 5;
  ctx.offer.redemption_count = 5;
  EXPECT_TRUE(absl::IsResourceExhausted(CheckCapacity(ctx, 1)));
  ctx = Context();
  ctx.offer.per_customer_limit = 2;
  ctx.customer_used = 2;
  EXPECT_TRUE(absl::IsResourceExhausted(CheckCapacity(ctx, 1)));
  ctx.customer_used = 1;
  EXPECT_TRUE(CheckCapacity(ctx, 1).ok());
  ctx = Context();
  ctx.campaign.spent_minor = 99000;
  EXPECT_TRUE(CheckCapacity(ctx, 1000).ok());
  EXPECT_TRUE(absl::IsResourceExhausted(CheckCapacity(ctx, 1001)));
}

TEST(CouponUseTest, FieldsOfAUseAreValidated) {
  EXPECT_TRUE(ValidateCouponUse(Use()).ok());
  CouponUse u = Use();
  u.customer = "customer/c1";
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateCouponUse(u)));
  u = Use();
  u.store = "";
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateCouponUse(u)));
  u = Use();
  u.order_amount_minor = 0;
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateCouponUse(u)));
  u = Use();
  u.order_id = "has space";
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateCouponUse(u)));
}

TEST(VoidTest, OnlyWithinTheWindow) {
  Redemption r;
  r.redeem_time = kT0;
  EXPECT_TRUE(CheckVoidable(r, kT0 + absl::Hours(24), absl::Hours(48)).ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(
      CheckVoidable(r, kT0 + absl::Hours(49), absl::Hours(48))));
}
}  // namespace
}  // namespace partnerhub::campaign
