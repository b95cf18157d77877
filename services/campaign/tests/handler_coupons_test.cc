// The CampaignService through gRPC, over a real MariaDB, with fakes of the
// services it calls: redeeming and voiding coupons (discounts, budget,
// caps, limits, codes of other partners).
#include <gtest/gtest.h>

#include <functional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/grpc/proto_convert.h"
#include "services/campaign/src/domain/resource_names.h"
#include "services/campaign/src/domain/rules.h"
#include "services/campaign/tests/fixture.h"

namespace partnerhub::campaign {
namespace {

// ---- Coupons ----

TEST_F(CampaignTest, RedeemGivesTheDiscountSplitsItAndSpendsTheBudget) {
  v1::Offer offer = RunningOffer(ValidOffer());
  std::vector<std::string> codes = IssueCodes(offer.name(), 3);
  // Validate: the discount, and nothing changes.
  v1::ValidateCouponRequest vreq;
  *vreq.mutable_use() = Use(codes[0], 25000);
  v1::CouponValidation validation;
  ASSERT_TRUE(Call(*stub_, &Stub::ValidateCoupon, vreq, &validation).ok());
  EXPECT_EQ(validation.discount().amount_minor(), 2500);
  EXPECT_EQ(validation.partner_cost().amount_minor(), 1000);
  EXPECT_EQ(validation.platform_cost().amount_minor(), 1500);
  EXPECT_EQ(validation.offer(), offer.name());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM redemptions"), 0);

  v1::Redemption r;
  ASSERT_TRUE(Redeem(*stub_, Use(codes[0], 25000), "pos-1", &r).ok());
  EXPECT_EQ(r.state(), v1::Redemption::REDEEMED);
  EXPECT_EQ(r.discount().amount_minor(), 2500);
  EXPECT_EQ(r.partner_cost().amount_minor(), 1000);
  EXPECT_EQ(r.platform_cost().amount_minor(), 1500);
  EXPECT_EQ(r.partner(), "partners/3");
  EXPECT_EQ(r.store(), "gangnam-1");
  EXPECT_EQ(r.request_id(), "pos-1");
  v1::Campaign campaign = GetCampaign("campaigns/1");
  EXPECT_EQ(campaign.spent().amount_minor(), 2500);
  EXPECT_EQ(campaign.redemption_count(), 1);
  EXPECT_EQ(GetOffer(offer.name()).redemption_count(), 1);

  // The retry returns the first answer and changes nothing.
  v1::Redemption again;
  ASSERT_TRUE(Redeem(*stub_, Use(codes[0], 25000), "pos-1", &again).ok());
  EXPECT_EQ(again.SerializeAsString(), r.SerializeAsString());
  EXPECT_EQ(GetCampaign("campaigns/1").spent().amount_minor(), 2500);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM redemptions"), 1);
  // Typed differently, still the same request.
  std::string typed = absl::AsciiStrToLower(codes[0]);
  typed.insert(3, "-");
  v1::CouponUse typed_use = Use(typed, 25000);
  typed_use.set_order_id(Use(codes[0]).order_id());
  ASSERT_TRUE(Redeem(*stub_, typed_use, "pos-1", &again).ok());
  EXPECT_EQ(again.name(), r.name());
  // The same request_id for another order is refused.
  EXPECT_CODE(Redeem(*stub_, Use(codes[1], 25000), "pos-1", &again),
              INVALID_ARGUMENT);
  // The code is used up.
  EXPECT_CODE(Redeem(*stub_, Use(codes[0], 25000), "pos-2", &again),
              FAILED_PRECONDITION);
  v1::CouponValidation v2;
  EXPECT_CODE(Call(*stub_, &Stub::ValidateCoupon, vreq, &v2),
              FAILED_PRECONDITION);
  // request_id is required.
  EXPECT_CODE(Redeem(*stub_, Use(codes[1], 25000), "", &again),
              INVALID_ARGUMENT);
}

TEST_F(CampaignTest, WrongCodesPartnersAndCustomersAreRefused) {
  v1::Offer offer = RunningOffer(ValidOffer());
  std::vector<std::string> codes = IssueCodes(offer.name(), 1);
  v1::Redemption r;
  std::string typo = codes[0];
  typo[3] = typo[3] == 'A' ? 'B' : 'A';
  grpc::Status s = Redeem(*stub_, Use(typo), "r1", &r);
  EXPECT_CODE(s, INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("mistyped"), std::string::npos);
  // A well-formed code that was never issued.
  std::string unknown = "ZZZZZZZZZZ";
  unknown.push_back(CheckCharacter(unknown));
  EXPECT_CODE(Redeem(*stub_, Use(unknown), "r2", &r), NOT_FOUND);
  v1::CouponUse use = Use(codes[0]);
  use.set_partner("partners/4");
  EXPECT_CODE(Redeem(*stub_, use, "r3", &r), FAILED_PRECONDITION);
  use = Use(codes[0]);
  use.mutable_order_amount()->set_currency_code("USD");
  EXPECT_CODE(Redeem(*stub_, use, "r4", &r), INVALID_ARGUMENT);
  use = Use(codes[0]);
  use.set_customer("c1");
  EXPECT_CODE(Redeem(*stub_, use, "r5", &r), INVALID_ARGUMENT);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM redemptions"), 0);
  EXPECT_TRUE(Redeem(*stub_, Use(codes[0]), "r6", &r).ok());
}

TEST_F(CampaignTest, APausedOrEndedCampaignRedeemsNothing) {
  v1::Offer offer = RunningOffer(ValidOffer());
  std::vector<std::string> codes = IssueCodes(offer.name(), 2);
  Transition("campaigns/1", v1::Campaign::PAUSED);
  v1::Redemption r;
  EXPECT_CODE(Redeem(*stub_, Use(codes[0]), "p1", &r), FAILED_PRECONDITION);
  Transition("campaigns/1", v1::Campaign::RUNNING);
  EXPECT_TRUE(Redeem(*stub_, Use(codes[0]), "p2", &r).ok());
  clock_.Set(Start() + absl::Hours(24 * 10));  // end_time reached
  EXPECT_CODE(Redeem(*stub_, Use(codes[1]), "p3", &r), FAILED_PRECONDITION);
}

TEST_F(CampaignTest, CapsLimitsMinimumAndBudgetAreEnforced) {
  v1::Offer o = ValidOffer();
  o.set_redemption_cap(3);
  o.set_per_customer_limit(2);
  o.mutable_min_purchase()->set_currency_code("KRW");
  o.mutable_min_purchase()->set_amount_minor(10000);
  v1::Offer offer = RunningOffer(o, /*budget_minor=*/7000);
  std::vector<std::string> codes = IssueCodes(offer.name(), 6);
  v1::Redemption r;
  EXPECT_CODE(Redeem(*stub_, Use(codes[0], 9999), "m0", &r),
              FAILED_PRECONDITION);
  ASSERT_TRUE(
      Redeem(*stub_, Use(codes[0], 20000, "customers/a"), "a1", &r).ok());
  ASSERT_TRUE(
      Redeem(*stub_, Use(codes[1], 20000, "customers/a"), "a2", &r).ok());
  // customers/a reached the per-customer limit of 2.
  EXPECT_CODE(Redeem(*stub_, Use(codes[2], 20000, "customers/a"), "a3", &r),
              RESOURCE_EXHAUSTED);
  // 4000 spent of 7000: a discount of 4000 does not fit, 3000 does.
  EXPECT_CODE(Redeem(*stub_, Use(codes[2], 40000, "customers/b"), "b1", &r),
              RESOURCE_EXHAUSTED);
  ASSERT_TRUE(
      Redeem(*stub_, Use(codes[2], 30000, "customers/b"), "b2", &r).ok());
  EXPECT_EQ(GetCampaign("campaigns/1").spent().amount_minor(), 7000);
  // The offer's cap of 3 is reached.
  EXPECT_CODE(Redeem(*stub_, Use(codes[3], 10000, "customers/c"), "c1", &r),
              RESOURCE_EXHAUSTED);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM redemptions"), 3);
}

TEST_F(CampaignTest, VoidGivesBackBudgetCapsAndTheCodeAndKeepsTheRecord) {
  v1::Offer o = ValidOffer();
  o.set_redemption_cap(1);
  o.set_per_customer_limit(1);
  v1::Offer offer = RunningOffer(o, 1'000'000);
  std::vector<std::string> codes = IssueCodes(offer.name(), 2);
  v1::Redemption r;
  ASSERT_TRUE(Redeem(*stub_, Use(codes[0]), "v1", &r).ok());
  EXPECT_CODE(Redeem(*stub_, Use(codes[1]), "v2", &r), RESOURCE_EXHAUSTED);
  v1::VoidRedemptionRequest vreq;
  vreq.set_name(r.name());
  vreq.set_reason("order refunded");
  v1::Redemption voided;
  ASSERT_TRUE(Call(*stub_, &Stub::VoidRedemption, vreq, &voided).ok());
  EXPECT_EQ(voided.state(), v1::Redemption::VOIDED);
  EXPECT_EQ(voided.void_reason(), "order refunded");
  EXPECT_TRUE(voided.has_void_time());
  EXPECT_EQ(GetCampaign("campaigns/1").spent().amount_minor(), 0);
  EXPECT_EQ(GetCampaign("campaigns/1").redemption_count(), 0);
  EXPECT_EQ(GetOffer(offer.name()).redemption_count(), 0);
  // Voiding again changes nothing.
  v1::Redemption twice;
  ASSERT_TRUE(Call(*stub_, &Stub::VoidRedemption, vreq, &twice).ok());
  EXPECT_EQ(twice.SerializeAsString(), voided.SerializeAsString());
  EXPECT_EQ(GetCampaign("campaigns/1").spent().amount_minor(), 0);
  // A retry of the voided redemption's request gets the first answer, from
  // this process's memory or, elsewhere, from the database.
  v1::Redemption replay;
  ASSERT_TRUE(Redeem(*stub_, Use(codes[0]), "v1", &replay).ok());
  EXPECT_EQ(replay.SerializeAsString(), r.SerializeAsString());
  Coupons without_cache(*store_, clock_, {.replay_cache_entries = 0});
  CouponUse use{.code = codes[0],
                .customer = "customers/c1",
                .partner_id = kPartner,
                .store = "gangnam-1",
                .order_id = Use(codes[0]).order_id(),
                .currency_code = "KRW",
                .order_amount_minor = 20000};
  absl::StatusOr<Redemption> from_db = without_cache.Redeem("v1", use);
  ASSERT_TRUE(from_db.ok()) << from_db.status();
  EXPECT_EQ(RedemptionName(from_db->campaign_id, from_db->id), r.name());
  EXPECT_EQ(from_db->state, RedemptionState::kRedeemed);
  use.order_id = "another-order";
  EXPECT_TRUE(
      absl::IsInvalidArgument(without_cache.Redeem("v1", use).status()));
  // Cap, limit and code are free again: the same code redeems anew.
  v1::Redemption second;
  ASSERT_TRUE(Redeem(*stub_, Use(codes[0]), "v3", &second).ok());
  EXPECT_NE(second.name(), r.name());
  // The voided one stays on record.
  v1::ListRedemptionsRequest list;
  list.set_parent("campaigns/1");
  v1::ListRedemptionsResponse listed;
  ASSERT_TRUE(Call(*stub_, &Stub::ListRedemptions, list, &listed).ok());
  ASSERT_EQ(listed.redemptions_size(), 2);
  EXPECT_EQ(listed.redemptions(0).state(), v1::Redemption::VOIDED);
  EXPECT_EQ(listed.redemptions(1).state(), v1::Redemption::REDEEMED);
  // Outside the void window (48h in this fixture) it cannot be voided.
  clock_.Advance(absl::Hours(49));
  vreq.set_name(second.name());
  EXPECT_CODE(Call(*stub_, &Stub::VoidRedemption, vreq, &voided),
              FAILED_PRECONDITION);
  vreq.set_reason("");
  EXPECT_CODE(Call(*stub_, &Stub::VoidRedemption, vreq, &voided),
              INVALID_ARGUMENT);
}

TEST_F(CampaignTest, CodesOfAnotherPartnersCampaignAreRefusedThere) {
  v1::Offer offer = RunningOffer(ValidOffer());
  std::vector<std::string> mine = IssueCodes(offer.name(), 1);
  v1::Campaign other = ValidCampaign();
  other.set_partner("partners/4");
  v1::Campaign c2 = CreateCampaign(other);
  v1::Offer offer2 = CreateOffer(c2.name(), ValidOffer());
  Transition(c2.name(), v1::Campaign::SCHEDULED);
  Transition(c2.name(), v1::Campaign::RUNNING);
  std::vector<std::string> theirs = IssueCodes(offer2.name(), 1);
  v1::Redemption r;
  EXPECT_CODE(Redeem(*stub_, Use(theirs[0]), "x1", &r), FAILED_PRECONDITION);
  v1::CouponUse at_b = Use(theirs[0]);
  at_b.set_partner("partners/4");
  ASSERT_TRUE(Redeem(*stub_, at_b, "x2", &r).ok());
  EXPECT_EQ(r.partner_cost().amount_minor() * 2, r.discount().amount_minor());
}
}  // namespace
}  // namespace partnerhub::campaign
