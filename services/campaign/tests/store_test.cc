// The storage layer on its own, against a real MariaDB: the conditional
// charge statement and the schema's last line of defence.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"
#include "services/campaign/tests/fixture.h"
#include "tests/harness/harness.h"

namespace partnerhub::campaign {
namespace {

class StoreTest : public CampaignTest {
 protected:
  // A running campaign with one offer and `n` codes; returns the context of
  // the first code.
  CouponContext Prepare(const v1::Offer& offer, int64_t budget, int n = 2) {
    v1::Offer o = RunningOffer(offer, budget);
    codes_ = IssueCodes(o.name(), n);
    return Lookup(codes_[0], "customers/a");
  }

  CouponContext Lookup(const std::string& code, const std::string& customer) {
    std::optional<CouponContext> ctx;
    absl::Status s = store_->Read([&](CampaignTx& tx) -> absl::Status {
      PH_ASSIGN_OR_RETURN(ctx, tx.LookupCoupon(code, customer, ""));
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    EXPECT_TRUE(ctx.has_value());
    return ctx.value_or(CouponContext{});
  }

  bool Charge(const CouponContext& ctx, const std::string& customer,
              int64_t discount, absl::Time now) {
    bool charged = false;
    absl::Status s = store_->Transact([&](CampaignTx& tx) -> absl::Status {
      const RedemptionCharge c{
          .code_id = ctx.code.id,
          .offer_id = ctx.offer.id,
          .campaign_id = ctx.campaign.id,
          .customer = customer,
          .discount_minor = discount,
          .per_customer = ctx.offer.per_customer_limit > 0};
      if (c.per_customer) {
        PH_RETURN_IF_ERROR(tx.EnsureCustomerUsage(c.offer_id, customer));
      }
      PH_ASSIGN_OR_RETURN(charged,
                          tx.Charge(c, ctx.offer.per_customer_limit, now));
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return charged;
  }

  std::vector<std::string> codes_;
};

TEST_F(StoreTest, ChargeTakesEverythingOrNothing) {
  v1::Offer o = ValidOffer();
  o.set_redemption_cap(1);
  CouponContext ctx = Prepare(o, 5000);
  const absl::Time now = clock_.Now();
  // Over budget: nothing changes.
  EXPECT_FALSE(Charge(ctx, "customers/a", 5001, now));
  EXPECT_EQ(QueryInt("SELECT use_count FROM coupon_codes WHERE id = 1"), 0);
  EXPECT_EQ(QueryInt("SELECT redemption_count FROM offers"), 0);
  // Outside the campaign's window: nothing.
  EXPECT_FALSE(Charge(ctx, "customers/a", 100, Start() + absl::Hours(24 * 10)));
  EXPECT_TRUE(Charge(ctx, "customers/a", 5000, now));
  EXPECT_EQ(QueryInt("SELECT spent_minor FROM campaigns"), 5000);
  // The code is used, the cap reached, the budget spent: each alone refuses.
  EXPECT_FALSE(Charge(ctx, "customers/a", 0, now));
  CouponContext second = Lookup(codes_[1], "customers/a");
  EXPECT_FALSE(Charge(second, "customers/a", 0, now));
  EXPECT_EQ(QueryInt("SELECT SUM(use_count) FROM coupon_codes"), 1);
}

TEST_F(StoreTest, ChargeCountsTheCustomerLimit) {
  v1::Offer o = ValidOffer();
  o.set_per_customer_limit(1);
  CouponContext ctx = Prepare(o, 100000, 3);
  const absl::Time now = clock_.Now();
  EXPECT_TRUE(Charge(ctx, "customers/a", 10, now));
  CouponContext second = Lookup(codes_[1], "customers/a");
  EXPECT_EQ(second.customer_used, 1);
  EXPECT_FALSE(Charge(second, "customers/a", 10, now));
  EXPECT_TRUE(Charge(second, "customers/b", 10, now));
}

TEST_F(StoreTest, ThePausedCampaignIsNotCharged) {
  CouponContext ctx = Prepare(ValidOffer(), 100000);
  Transition("campaigns/1", v1::Campaign::PAUSED);
  EXPECT_FALSE(Charge(ctx, "customers/a", 10, clock_.Now()));
}

TEST_F(StoreTest, TheSchemaRefusesOverspendingAndOverCapping) {
  Prepare(ValidOffer(), 1000);
  auto overspend = testing::Query(
      db_options_, "UPDATE campaigns SET spent_minor = budget_minor + 1");
  EXPECT_FALSE(overspend.ok());
  auto reuse =
      testing::Query(db_options_, "UPDATE coupon_codes SET use_count = 2");
  EXPECT_FALSE(reuse.ok());
  auto dup = testing::Query(
      db_options_,
      absl::StrCat("INSERT INTO coupon_codes (code, offer_id, issuance_id, "
                   "customer, max_uses, use_count, create_time) VALUES ('",
                   codes_[0], "', 1, 1, '', 1, 0, NOW())"));
  EXPECT_FALSE(dup.ok());
}

TEST_F(StoreTest, InsertCodesCountsOnlyCodesThatDidNotCollide) {
  Prepare(ValidOffer(), 1000, 1);
  CodeIssuance issuance;
  issuance.id = 1;
  issuance.offer_id = 1;
  int64_t inserted = -1;
  ASSERT_TRUE(store_
                  ->Transact([&](CampaignTx& tx) -> absl::Status {
                    PH_ASSIGN_OR_RETURN(inserted,
                                        tx.InsertCodes(issuance,
                                                       {{.code = codes_[0]},
                                                        {.code = "NEWCODE2"},
                                                        {.code = "NEWCODE2"},
                                                        {.code = "NEWCODE3"}},
                                                       clock_.Now()));
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(inserted, 2);
}

}  // namespace
}  // namespace partnerhub::campaign
