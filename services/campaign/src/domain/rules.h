// The campaign service's rules as pure functions: what is valid, what may
// follow what, what a coupon gives. The use cases (campaigns.h, offers.h,
// coupons.h, issuing.h) apply them inside storage transactions; the unit
// tests exercise them directly.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_RULES_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_RULES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/campaign/src/domain/types.h"

namespace partnerhub::campaign {

// Largest amount of money accepted anywhere, in minor units (10^15): keeps
// every sum and product far from overflow.
inline constexpr int64_t kMaxAmountMinor = 1'000'000'000'000'000;

// ---- Settings ----

// The fields a client sets, checked for a create or after an update.
absl::Status ValidateCampaign(const Campaign& campaign);
// `offer` on its own, and against its campaign (currency).
absl::Status ValidateOffer(const Offer& offer, const Campaign& campaign);

// Copies the fields named by an update mask from `patch` into `target`.
// INVALID_ARGUMENT for an empty mask or a path not in the updatable set;
// FAILED_PRECONDITION for a path the campaign's state does not allow (see
// the proto's UpdateCampaign).
absl::Status ApplyMask(const Campaign& patch,
                       const std::vector<std::string>& paths, Campaign& target);
absl::Status ApplyMask(const Offer& patch,
                       const std::vector<std::string>& paths, Offer& target);
// After an update of a RUNNING or PAUSED campaign: end_time not in the
// past, budget not below spent.
absl::Status CheckLiveUpdate(const Campaign& updated, absl::Time now);

// Whether offers may be added or changed (DRAFT and SCHEDULED only).
absl::Status CheckOffersEditable(const Campaign& campaign);

// ---- Lifecycle ----

// Whether the lifecycle allows from → to (see the proto).
bool IsAllowedTransition(CampaignState from, CampaignState to);
// FAILED_PRECONDITION when the move is not allowed, or its condition does
// not hold at `now`: SCHEDULED needs an offer and end_time after now;
// RUNNING needs now in [start_time, end_time).
absl::Status CheckTransition(const Campaign& campaign, CampaignState to,
                             absl::Time now, int64_t offer_count);
// Partners campaigns may be created for and started with.
bool PartnerMayRunCampaigns(absl::string_view partner_state);

// ---- Coupons ----

// A coupon's discount on an order of `order_amount_minor`, and its split by
// the partner's share (the partner's part rounded down, the platform pays
// the rest). FAILED_PRECONDITION below the offer's minimum purchase.
absl::StatusOr<DiscountSplit> ComputeDiscount(const Offer& offer,
                                              int64_t order_amount_minor,
                                              int32_t partner_share_bps);

// The checks of a coupon use that do not depend on counters: the campaign
// RUNNING, now inside the campaign's and the offer's windows, the partner
// and the currency the campaign's, a personal code used by its customer.
absl::Status CheckCouponUse(const CouponContext& context, const CouponUse& use,
                            absl::Time now);
// The counters as `context` read them: the code not used up, the offer's
// cap, the customer's limit and the budget leaving room for `discount`.
// For ValidateCoupon, and as a fast first check of RedeemCoupon (whose
// conditional updates then decide atomically).
absl::Status CheckCapacity(const CouponContext& context,
                           int64_t discount_minor);

// A redemption may be voided until `window` after it was made.
absl::Status CheckVoidable(const Redemption& redemption, absl::Time now,
                           absl::Duration window);

// ---- Codes ----

// The characters codes are made of: no 0/O, no 1/I/L. 31 of them, a prime,
// so the check character catches every single substitution and every swap
// of neighbours.
inline constexpr absl::string_view kCodeAlphabet =
    "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr int kMaxPrefixLength = 8;
inline constexpr int kMinBodyLength = 6;
inline constexpr int kMaxBodyLength = 20;
inline constexpr int kDefaultBodyLength = 10;
// Possible bodies per issued code, at least (a guess hits 1 in 10,000).
inline constexpr double kMinCodeSpacePerCode = 10000;

// Fills in the default length; INVALID_ARGUMENT naming `field` when the
// prefix or length is out of bounds, or `count` codes would make codes
// guessable.
absl::StatusOr<CodeFormat> ResolveCodeFormat(absl::string_view field,
                                             CodeFormat format, int64_t count);

// The check character of `chars` (all in the alphabet).
char CheckCharacter(absl::string_view chars);

// prefix + `length` random characters + check character. `random` returns
// uniformly distributed 64-bit values.
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual uint64_t Next() = 0;
};
std::string MakeCode(const CodeFormat& format, RandomSource& random);

// The code as stored: upper case, spaces and dashes removed. INVALID_ARGUMENT
// naming `field` when it has characters outside the alphabet, a wrong length
// or a check character that does not match (a typo), so a mistyped code
// costs no lookup.
absl::StatusOr<std::string> NormalizeCode(absl::string_view field,
                                          absl::string_view input);

// A store id: 1 to 64 of A-Z, a-z, 0-9, '.', '_', '-'.
absl::Status CheckStoreId(absl::string_view field, absl::string_view value);
// Checks the fields of a coupon use given by the caller.
absl::Status ValidateCouponUse(const CouponUse& use);

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_RULES_H_
