// Campaigns, offers, contexts and uses valid for the campaign rules tests
// (rules_*_test.cc).
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_TESTS_RULES_FIXTURE_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_TESTS_RULES_FIXTURE_H_

#include "absl/time/time.h"
#include "services/campaign/src/domain/rules.h"

namespace partnerhub::campaign {

inline const absl::Time kT0 = absl::FromUnixSeconds(1'790'000'000);

inline Campaign RunningCampaign() {
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

inline Offer PercentOffer() {
  Offer o;
  o.id = 2;
  o.campaign_id = 7;
  o.display_name = "20% off";
  o.currency_code = "KRW";
  o.discount_type = DiscountType::kPercentOff;
  o.percent_bps = 2000;
  return o;
}

inline CouponContext Context() {
  CouponContext ctx;
  ctx.campaign = RunningCampaign();
  ctx.offer = PercentOffer();
  ctx.code.id = 11;
  ctx.code.code = "ABCDEFGHJK";
  ctx.code.max_uses = 1;
  return ctx;
}

inline CouponUse Use() {
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

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_TESTS_RULES_FIXTURE_H_
