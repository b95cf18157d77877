// The campaign service's domain: plain values, no proto, no SQL.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_TYPES_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_TYPES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace partnerhub::campaign {

// Enum values match the proto's numbers, so the handler converts by value.
enum class Objective { kAcquisition = 1, kActivation = 2, kRetention = 3 };

enum class Channel {
  kOnsite = 1,
  kAppPush = 2,
  kEmail = 3,
  kMessage = 4,
  kPartnerStore = 5,
};

enum class CampaignState {
  kDraft = 1,
  kScheduled = 2,
  kRunning = 3,
  kPaused = 4,
  kEnded = 5,
  kCancelled = 6,
};

enum class DiscountType { kPercentOff = 1, kAmountOff = 2 };

enum class IssuanceKind { kBulk = 1, kSegment = 2 };

enum class IssuanceState { kRunning = 1, kSucceeded = 2, kFailed = 3 };

enum class RedemptionState { kRedeemed = 1, kVoided = 2 };

struct Campaign {
  int64_t id = 0;
  int64_t partner_id = 0;
  std::string display_name;
  std::string description;
  Objective objective = Objective::kAcquisition;
  Channel channel = Channel::kOnsite;
  absl::Time start_time;
  absl::Time end_time;
  // ISO 4217; of the budget, and of every amount in the campaign.
  std::string currency_code;
  int64_t budget_minor = 0;
  // Output only: maintained by redemptions.
  int64_t spent_minor = 0;
  int64_t redemption_count = 0;
  // "segments/{segment}" or empty.
  std::string segment;
  int32_t holdout_bps = 0;
  // "segments/{s}/snapshots/{n}" or empty.
  std::string segment_snapshot;
  int32_t partner_discount_share_bps = 0;
  CampaignState state = CampaignState::kDraft;
  absl::Time state_change_time;
  absl::Time create_time;
  absl::Time update_time;
  // Bumped by every change of settings or state; the etag.
  int64_t version = 0;
};

struct Offer {
  int64_t id = 0;
  int64_t campaign_id = 0;
  std::string display_name;
  // The campaign's currency, of every amount of the offer.
  std::string currency_code;
  DiscountType discount_type = DiscountType::kPercentOff;
  int32_t percent_bps = 0;
  // 0: no maximum.
  int64_t max_discount_minor = 0;
  int64_t amount_off_minor = 0;
  int64_t min_purchase_minor = 0;
  // Unset: the campaign's start_time / end_time.
  std::optional<absl::Time> start_time;
  std::optional<absl::Time> end_time;
  // 0: no cap / no limit.
  int64_t redemption_cap = 0;
  int32_t per_customer_limit = 0;
  int64_t redemption_count = 0;
  absl::Time create_time;
  absl::Time update_time;
  int64_t version = 0;
};

struct CodeFormat {
  std::string prefix;
  int32_t length = 10;
};

struct CodeIssuance {
  int64_t id = 0;
  int64_t campaign_id = 0;
  int64_t offer_id = 0;
  IssuanceKind kind = IssuanceKind::kBulk;
  CodeFormat format;
  // BULK: asked for. SEGMENT: known when the snapshot is read (else 0).
  int64_t requested_count = 0;
  int64_t issued_count = 0;
  std::string segment_snapshot;
  int64_t member_count = 0;
  int64_t holdout_count = 0;
  // SEGMENT: the next page of members to read.
  std::string page_token;
  IssuanceState state = IssuanceState::kRunning;
  std::string error;
  absl::Time create_time;
  absl::Time update_time;
};

// A code to insert.
struct NewCode {
  std::string code;
  // "customers/{c}" for personal codes, else empty.
  std::string customer;
};

struct CouponCode {
  int64_t id = 0;
  std::string code;
  int64_t campaign_id = 0;
  int64_t offer_id = 0;
  int64_t issuance_id = 0;
  std::string customer;
  int32_t max_uses = 1;
  int32_t use_count = 0;
  absl::Time create_time;
};

// An order a code is used on (ValidateCoupon, RedeemCoupon).
struct CouponUse {
  // Normalized.
  std::string code;
  // "customers/{c}".
  std::string customer;
  int64_t partner_id = 0;
  std::string store;
  std::string order_id;
  std::string currency_code;
  int64_t order_amount_minor = 0;
};

struct Redemption {
  int64_t id = 0;
  int64_t campaign_id = 0;
  int64_t offer_id = 0;
  int64_t code_id = 0;
  std::string code;
  std::string customer;
  int64_t partner_id = 0;
  std::string store;
  std::string order_id;
  std::string currency_code;
  int64_t order_amount_minor = 0;
  int64_t discount_minor = 0;
  int64_t partner_cost_minor = 0;
  int64_t platform_cost_minor = 0;
  RedemptionState state = RedemptionState::kRedeemed;
  absl::Time redeem_time;
  std::optional<absl::Time> void_time;
  std::string void_reason;
  std::string request_id;
  uint64_t fingerprint = 0;
};

// Everything a redemption is checked against, read in one query by code:
// the code, its offer and campaign, the customer's use of the offer, and the
// redemption an earlier request with the same request_id made, if any.
struct CouponContext {
  CouponCode code;
  Offer offer;
  Campaign campaign;
  // Redemptions of the offer by the customer asked about.
  int32_t customer_used = 0;
  std::optional<Redemption> prior;
};

// A discount and who funds it.
struct DiscountSplit {
  int64_t discount_minor = 0;
  int64_t partner_cost_minor = 0;
  int64_t platform_cost_minor = 0;
};

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_TYPES_H_
