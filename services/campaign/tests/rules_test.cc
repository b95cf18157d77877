// Unit tests of the campaign rules (no database, no network).
#include "services/campaign/src/domain/rules.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/campaign/src/domain/secure_random.h"

namespace partnerhub::campaign {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1'790'000'000);

Campaign RunningCampaign() {
  Campaign c;
  c.id = 7;
  c.partner_id = 3;
  c.display_name = "Burger Town summer";
  c.start_time = kT0;
  c.end_time = kT0 + absl::Hours(24 * 10);
  c.currency_code = "KRW";
  c.budget_minor = 100000;
  c.state = CampaignState::kRunning;
  c.partner_discount_share_bps = 3000;
  return c;
}

Offer PercentOffer() {
  Offer o;
  o.id = 2;
  o.campaign_id = 7;
  o.display_name = "20% off";
  o.currency_code = "KRW";
  o.discount_type = DiscountType::kPercentOff;
  o.percent_bps = 2000;
  return o;
}

CouponContext Context() {
  CouponContext ctx;
  ctx.campaign = RunningCampaign();
  ctx.offer = PercentOffer();
  ctx.code.id = 11;
  ctx.code.code = "ABCDEFGHJK";
  ctx.code.max_uses = 1;
  return ctx;
}

CouponUse Use() {
  CouponUse u;
  u.code = "ABCDEFGHJK";
  u.customer = "customers/c1";
  u.partner_id = 3;
  u.store = "gangnam-1";
  u.order_id = "o-1";
  u.currency_code = "KRW";
  u.order_amount_minor = 20000;
  return u;
}

// A deterministic RandomSource for code tests.
class CountingRandom final : public RandomSource {
 public:
  uint64_t Next() override {
    return state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
  }

 private:
  uint64_t state_ = 1;
};

// ---- Codes ----

TEST(CodeTest, MadeCodesHavePrefixLengthAlphabetAndAValidCheckCharacter) {
  SecureRandom random;
  const CodeFormat format{.prefix = "BURGER", .length = 10};
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string code = MakeCode(format, random);
    ASSERT_EQ(code.size(), 6u + 10u + 1u);
    EXPECT_EQ(code.substr(0, 6), "BURGER");
    for (char c : code)
      EXPECT_NE(kCodeAlphabet.find(c), absl::string_view::npos) << code;
    auto normalized = NormalizeCode("code", code);
    ASSERT_TRUE(normalized.ok()) << normalized.status();
    EXPECT_EQ(*normalized, code);
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 2000u);
}

TEST(CodeTest, AlphabetHasNoLookAlikes) {
  for (char c : std::string("0O1IL")) {
    EXPECT_EQ(kCodeAlphabet.find(c), absl::string_view::npos) << c;
  }
  EXPECT_EQ(kCodeAlphabet.size(), 31u);
}

TEST(CodeTest, NormalizeAcceptsCaseSpacesAndDashes) {
  CountingRandom random;
  const std::string code = MakeCode({.prefix = "", .length = 8}, random);
  std::string typed = absl::AsciiStrToLower(code);
  typed.insert(4, "-");
  typed.insert(2, " ");
  auto normalized = NormalizeCode("use.code", typed);
  ASSERT_TRUE(normalized.ok()) << normalized.status();
  EXPECT_EQ(*normalized, code);
}

TEST(CodeTest, EverySingleMistypedCharacterIsCaught) {
  CountingRandom random;
  const std::string code = MakeCode({.prefix = "PH", .length = 12}, random);
  for (size_t i = 0; i < code.size(); ++i) {
    for (char c : kCodeAlphabet) {
      if (c == code[i]) continue;
      std::string typo = code;
      typo[i] = c;
      auto s = NormalizeCode("use.code", typo);
      EXPECT_TRUE(absl::IsInvalidArgument(s.status())) << typo;
    }
  }
}

TEST(CodeTest, EverySwapOfNeighboursIsCaught) {
  CountingRandom random;
  for (int n = 0; n < 50; ++n) {
    const std::string code = MakeCode({.prefix = "", .length = 14}, random);
    for (size_t i = 0; i + 2 < code.size(); ++i) {  // body characters
      if (code[i] == code[i + 1]) continue;
      std::string swapped = code;
      std::swap(swapped[i], swapped[i + 1]);
      EXPECT_FALSE(NormalizeCode("use.code", swapped).ok())
          << code << " " << swapped;
    }
  }
}

TEST(CodeTest, MistypedCodeSaysSoAndNamesTheField) {
  auto s = NormalizeCode("use.code", "ABCDEFGH2");
  if (s.ok()) s = NormalizeCode("use.code", "ABCDEFGH3");
  ASSERT_TRUE(absl::IsInvalidArgument(s.status()));
  EXPECT_NE(s.status().message().find("use.code"), std::string::npos);
  EXPECT_TRUE(absl::IsInvalidArgument(NormalizeCode("use.code", "").status()));
  EXPECT_TRUE(
      absl::IsInvalidArgument(NormalizeCode("use.code", "ABC").status()));
  EXPECT_TRUE(
      absl::IsInvalidArgument(NormalizeCode("use.code", "ABCDEF0GH").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      NormalizeCode("use.code", std::string(40, 'A')).status()));
}

TEST(CodeTest, FormatIsCheckedAndDefaulted) {
  auto f = ResolveCodeFormat("issuance.format",
                             {.prefix = "burger", .length = 0}, 1000);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->prefix, "BURGER");
  EXPECT_EQ(f->length, kDefaultBodyLength);
  EXPECT_TRUE(absl::IsInvalidArgument(
      ResolveCodeFormat("f", {.prefix = "LOTTE", .length = 10}, 1).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      ResolveCodeFormat("f", {.prefix = "ABCDEFGHJ", .length = 10}, 1)
          .status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      ResolveCodeFormat("f", {.prefix = "", .length = 5}, 1).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      ResolveCodeFormat("f", {.prefix = "", .length = 21}, 1).status()));
  // 31^6 ≈ 8.9e8 bodies: enough for 80,000 codes, not for a million.
  EXPECT_TRUE(ResolveCodeFormat("f", {.prefix = "", .length = 6}, 80000).ok());
  auto guessable = ResolveCodeFormat("f", {.prefix = "", .length = 6}, 1000000);
  EXPECT_TRUE(absl::IsInvalidArgument(guessable.status()));
  EXPECT_NE(guessable.status().message().find("guessable"), std::string::npos);
}

// ---- Holdout ----

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

// ---- Lifecycle ----

TEST(LifecycleTest, AllowedMovesAreExactlyTheDocumentedOnes) {
  using S = CampaignState;
  const std::set<std::pair<S, S>> allowed = {
      {S::kDraft, S::kScheduled},   {S::kDraft, S::kCancelled},
      {S::kScheduled, S::kRunning}, {S::kScheduled, S::kCancelled},
      {S::kRunning, S::kPaused},    {S::kRunning, S::kEnded},
      {S::kRunning, S::kCancelled}, {S::kPaused, S::kRunning},
      {S::kPaused, S::kEnded},      {S::kPaused, S::kCancelled}};
  const S all[] = {S::kDraft,  S::kScheduled, S::kRunning,
                   S::kPaused, S::kEnded,     S::kCancelled};
  for (S from : all) {
    for (S to : all) {
      EXPECT_EQ(IsAllowedTransition(from, to), allowed.count({from, to}) == 1)
          << static_cast<int>(from) << "→" << static_cast<int>(to);
    }
  }
}

TEST(LifecycleTest, RunningOnlyInsideTheWindowAndSchedulingNeedsAnOffer) {
  Campaign c = RunningCampaign();
  c.state = CampaignState::kScheduled;
  EXPECT_TRUE(absl::IsFailedPrecondition(
      CheckTransition(c, CampaignState::kRunning, kT0 - absl::Seconds(1), 1)));
  EXPECT_TRUE(CheckTransition(c, CampaignState::kRunning, kT0, 1).ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(
      CheckTransition(c, CampaignState::kRunning, c.end_time, 1)));
  c.state = CampaignState::kDraft;
  EXPECT_TRUE(absl::IsFailedPrecondition(
      CheckTransition(c, CampaignState::kScheduled, kT0, 0)));
  EXPECT_TRUE(CheckTransition(c, CampaignState::kScheduled, kT0, 1).ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(
      CheckTransition(c, CampaignState::kScheduled, c.end_time, 1)));
}

TEST(LifecycleTest, PartnersInContractOrActiveMayRunCampaigns) {
  EXPECT_TRUE(PartnerMayRunCampaigns("CONTRACTED"));
  EXPECT_TRUE(PartnerMayRunCampaigns("ACTIVE"));
  for (const char* s : {"PROSPECT", "NEGOTIATING", "SUSPENDED", "TERMINATED"}) {
    EXPECT_FALSE(PartnerMayRunCampaigns(s)) << s;
  }
}

// ---- Settings ----

TEST(SettingsTest, EditsAreRestrictedOnceRunning) {
  Campaign target = RunningCampaign();
  Campaign patch = target;
  patch.display_name = "Renamed";
  patch.start_time = kT0 + absl::Hours(1);
  patch.budget_minor = 200000;
  EXPECT_TRUE(
      ApplyMask(patch, {"display_name", "budget", "end_time"}, target).ok());
  EXPECT_EQ(target.display_name, "Renamed");
  EXPECT_EQ(target.budget_minor, 200000);
  EXPECT_TRUE(
      absl::IsFailedPrecondition(ApplyMask(patch, {"start_time"}, target)));
  EXPECT_TRUE(
      absl::IsFailedPrecondition(ApplyMask(patch, {"holdout_bps"}, target)));
  target.state = CampaignState::kEnded;
  EXPECT_TRUE(
      absl::IsFailedPrecondition(ApplyMask(patch, {"display_name"}, target)));
  target.state = CampaignState::kDraft;
  EXPECT_TRUE(ApplyMask(patch, {"start_time", "holdout_bps"}, target).ok());
  // Once personal codes went out, the targeting is fixed.
  target.segment_snapshot = "segments/s/snapshots/1";
  EXPECT_TRUE(
      absl::IsFailedPrecondition(ApplyMask(patch, {"segment"}, target)));
  EXPECT_TRUE(
      absl::IsFailedPrecondition(ApplyMask(patch, {"holdout_bps"}, target)));
  EXPECT_TRUE(absl::IsInvalidArgument(ApplyMask(patch, {"partner"}, target)));
  EXPECT_TRUE(absl::IsInvalidArgument(ApplyMask(patch, {}, target)));
}

TEST(SettingsTest, ALiveCampaignKeepsBudgetAboveSpentAndEndInTheFuture) {
  Campaign c = RunningCampaign();
  c.spent_minor = 5000;
  c.budget_minor = 4999;
  EXPECT_TRUE(absl::IsFailedPrecondition(CheckLiveUpdate(c, kT0)));
  c.budget_minor = 5000;
  EXPECT_TRUE(CheckLiveUpdate(c, kT0).ok());
  c.end_time = kT0;
  EXPECT_TRUE(absl::IsFailedPrecondition(CheckLiveUpdate(c, kT0)));
}

TEST(SettingsTest, CampaignAndOfferFieldsAreValidated) {
  Campaign c = RunningCampaign();
  EXPECT_TRUE(ValidateCampaign(c).ok());
  Campaign bad = c;
  bad.end_time = bad.start_time;
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateCampaign(bad)));
  bad = c;
  bad.currency_code = "krw";
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateCampaign(bad)));
  bad = c;
  bad.budget_minor = 0;
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateCampaign(bad)));
  bad = c;
  bad.holdout_bps = 10001;
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateCampaign(bad)));
  bad = c;
  bad.segment = "segments/has space";
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateCampaign(bad)));

  Offer o = PercentOffer();
  EXPECT_TRUE(ValidateOffer(o, c).ok());
  o.currency_code = "USD";
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateOffer(o, c)));
  o = PercentOffer();
  o.percent_bps = 0;
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateOffer(o, c)));
  o = PercentOffer();
  o.per_customer_limit = -1;
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateOffer(o, c)));
}

}  // namespace
}  // namespace partnerhub::campaign
