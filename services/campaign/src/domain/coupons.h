// Use cases of coupon codes at the till: validate, redeem, void, and reading
// redemptions.
//
// RedeemCoupon in round trips: one lookup query (code, offer, campaign, the
// customer's usage, and a redemption of the same request_id if any: a retry
// ends here), then one transaction: INSERT the redemption (its UNIQUE
// request_id is the claim that makes a concurrent duplicate wait and then
// find this one), and one conditional UPDATE that takes the code's use, the
// offer's cap, the customer's limit and the budget at once or not at all.
// The hot rows (offer, campaign) are locked by the last statement before
// COMMIT, so they are held as briefly as possible.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_COUPONS_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_COUPONS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/api/list_request.h"
#include "common/api/pagination.h"
#include "common/time/clock.h"
#include "services/campaign/src/domain/replay_cache.h"
#include "services/campaign/src/domain/store.h"
#include "services/campaign/src/domain/types.h"

namespace partnerhub::campaign {

struct CouponsOptions {
  // How long after a redemption it may be voided.
  absl::Duration void_window = absl::Hours(24 * 30);
  // Answers of recent redemptions kept in memory for retries (ReplayCache).
  size_t replay_cache_entries = 50000;
};

// What ValidateCoupon found.
struct CouponValidation {
  CouponContext context;
  DiscountSplit split;
};

class Coupons {
 public:
  Coupons(CampaignStore& store, const Clock& clock, CouponsOptions options = {})
      : store_(store),
        clock_(clock),
        options_(options),
        replays_(options.replay_cache_entries) {}

  // `use.code` as the caller gave it; normalized and checked here.
  absl::StatusOr<CouponValidation> Validate(CouponUse use);
  // request_id is required. A retry (same request_id, same use) returns the
  // answer of the first call (the redemption as it was made, also if it was
  // voided since); the same request_id with another use is
  // INVALID_ARGUMENT.
  absl::StatusOr<Redemption> Redeem(const std::string& request_id,
                                    CouponUse use);
  absl::StatusOr<Redemption> Void(int64_t campaign_id, int64_t id,
                                  const std::string& reason);
  absl::StatusOr<Redemption> Get(int64_t campaign_id, int64_t id);
  absl::StatusOr<Page<Redemption>> List(int64_t campaign_id,
                                        const ListRequest& request);

  // Fingerprint of a (normalized) use, stored with its redemption to tell a
  // retry from a reuse of its request_id.
  static uint64_t UseFingerprint(const CouponUse& use);

 private:
  // Normalizes and checks `use`.
  static absl::Status Check(CouponUse& use);
  // Checks `use` (already normalized); looks up its code (and the redemption of
  // `request_id`, if any).
  absl::StatusOr<CouponContext> Lookup(CouponUse& use,
                                       const std::string& request_id);
  // Why Charge took nothing, read afresh inside the transaction.
  absl::Status WhyNotCharged(CampaignTx& tx, const CouponUse& use,
                             int64_t discount_minor, absl::Time now);

  CampaignStore& store_;
  const Clock& clock_;
  const CouponsOptions options_;
  ReplayCache replays_;
};

// The answer to a retry of the request that made `prior`: the redemption as
// it was made when `fingerprint` matches, else INVALID_ARGUMENT.
absl::StatusOr<Redemption> Replay(const Redemption& prior,
                                  uint64_t fingerprint);

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_COUPONS_H_
