// The customer-experience domain: plain values, no proto, no SQL. Enum
// values match the proto's numbers, so the handler and storage convert by
// value.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_TYPES_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_TYPES_H_

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace partnerhub::customer_experience {

enum class AgeBand {
  kUnknown = 0,
  kUnder20 = 1,
  kTwenties = 2,
  kThirties = 3,
  kForties = 4,
  kFifties = 5,
  kSixtiesAndOver = 6,
};

enum class Gender { kUnspecified = 0, kFemale = 1, kMale = 2, kOther = 3 };

enum class ConsentState {
  kUnspecified = 0,
  kGranted = 1,
  kDenied = 2,
  kRevoked = 3
};

enum class FunnelStage {
  kNone = 0,
  kAware = 1,
  kInterested = 2,
  kConsidering = 3,
  kPurchased = 4,
  kRepeat = 5,
  kAdvocate = 6,
};
inline constexpr int kStageCount = 6;  // kAware .. kAdvocate

enum class TouchpointType {
  kUnspecified = 0,
  kAdImpression = 1,
  kPageView = 2,
  kSearch = 3,
  kAddToCart = 4,
  kCouponReceived = 5,
  kPurchase = 6,
  kRepeatPurchase = 7,
  kReview = 8,
  kReferral = 9,
  kRefund = 10,
};
inline constexpr int kMaxTouchpointType = 10;

enum class Channel {
  kUnspecified = 0,
  kWeb = 1,
  kApp = 2,
  kOfflineStore = 3,
  kEmail = 4,
  kSms = 5,
  kPush = 6,
  kSocial = 7,
  kPartnerSite = 8,
};
inline constexpr int kMaxChannel = 8;

struct PersonalData {
  std::string display_name;
  std::string email;
  std::string phone;
  bool empty() const {
    return display_name.empty() && email.empty() && phone.empty();
  }
};

struct Customer {
  // Internal key; 0 before insert.
  int64_t key = 0;
  // The platform's customer id.
  std::string customer_id;
  // 0 when unknown.
  int32_t birth_year = 0;
  Gender gender = Gender::kUnspecified;
  // "" when not given.
  std::string region;
  absl::Time sign_up_time;
  ConsentState consent = ConsentState::kDenied;
  absl::Time consent_change_time;
  PersonalData personal_data;
  std::optional<absl::Time> personal_data_erase_time;
  // Overall funnel stage (read only; from funnel progress).
  FunnelStage funnel_stage = FunnelStage::kNone;
  absl::Time create_time;
  absl::Time update_time;
  int64_t version = 0;
};

struct ConsentChange {
  int64_t id = 0;
  int64_t customer_key = 0;
  std::string customer_id;
  ConsentState from_state = ConsentState::kUnspecified;
  ConsentState to_state = ConsentState::kDenied;
  std::string source;
  absl::Time change_time;
};

struct Touchpoint {
  int64_t id = 0;
  std::string customer_id;
  // Filled by storage from customer_id.
  int64_t customer_key = 0;
  std::string event_id;
  TouchpointType type = TouchpointType::kUnspecified;
  absl::Time occur_time;
  Channel channel = Channel::kUnspecified;
  // 0 for none.
  int64_t partner_id = 0;
  int64_t campaign_id = 0;
  std::map<std::string, std::string> properties;
  // Order id for purchase/refund touchpoints; "" otherwise.
  std::string purchase_id;
  absl::Time record_time;
};

// What happened to one event of a batch.
struct TouchpointOutcome {
  enum class Kind { kRecorded = 1, kDuplicate = 2, kRejected = 3 };
  Kind kind = Kind::kRejected;
  // For kRejected.
  absl::Status error;
};

struct PurchaseItem {
  std::string category;
  std::string product_id;
  int32_t quantity = 0;
  int64_t amount_minor = 0;
};

struct Refund {
  int64_t id = 0;
  int64_t amount_minor = 0;
  std::string reason;
  absl::Time refund_time;
  absl::Time create_time;
};

struct Purchase {
  int64_t key = 0;
  // The order id.
  std::string purchase_id;
  std::string customer_id;
  int64_t customer_key = 0;
  int64_t partner_id = 0;
  std::vector<PurchaseItem> items;
  std::string currency_code;
  int64_t total_minor = 0;
  std::string coupon_code;
  int64_t campaign_id = 0;
  Channel channel = Channel::kUnspecified;
  absl::Time purchase_time;
  std::vector<Refund> refunds;
  int64_t refunded_minor = 0;
  absl::Time create_time;
  // Of the recorded content (see Purchases::Record).
  uint64_t content_fingerprint = 0;
};

// The time each stage was first reached; nullopt when not (yet) reached.
// Index 0 is kAware, 5 is kAdvocate.
using StageTimes = std::array<std::optional<absl::Time>, kStageCount>;

struct FunnelProgress {
  // 0: overall.
  int64_t partner_id = 0;
  StageTimes reached;
};

// A batch's contribution to one customer's overall funnel row: the
// earliest time of each stage's events, and the second-earliest purchase
// (a repeat). Merging deltas into a row is commutative (any order, any
// grouping of the events gives the same row).
struct FunnelDelta {
  int64_t customer_key = 0;
  StageTimes reached;
};

// The same for one customer's progress with one partner (partner_id != 0).
struct PartnerFunnelDelta {
  int64_t customer_key = 0;
  int64_t partner_id = 0;
  StageTimes reached;
};

// A stage a customer reached for the first time with a batch of
// touchpoints, overall (partner_id 0) or with a partner.
struct StageReach {
  int64_t customer_key = 0;
  std::string customer_id;
  int64_t partner_id = 0;
  FunnelStage stage = FunnelStage::kNone;
  absl::Time reach_time;
  // Of the touchpoint at reach_time; 0 for none.
  int64_t campaign_id = 0;
  // REPEAT reached at the time of the purchase stored before (an earlier
  // purchase arrived late and made it the second one): campaign_id is that
  // stored purchase's and must be looked up.
  bool at_stored_purchase = false;
};

struct CustomerFunnel {
  std::string customer_id;
  FunnelProgress overall;
  std::vector<FunnelProgress> partners;
};

struct FunnelCounts {
  int64_t partner_id = 0;
  int64_t campaign_id = 0;
  absl::Time start_time;
  absl::Time end_time;
  // Index 0 is kAware.
  std::array<int64_t, kStageCount> customers{};
};

// A behaviour window: the last N days before evaluation, or fixed.
struct TimeWindow {
  int32_t last_days = 0;  // > 0 for a relative window
  absl::Time start_time;  // fixed window when last_days == 0
  absl::Time end_time;
};

// A node of a segment's condition tree.
struct Condition {
  enum class Kind {
    kAllOf = 1,
    kAnyOf = 2,
    kNot = 3,
    kAgeBand = 4,
    kGender = 5,
    kRegion = 6,
    kConsent = 7,
    kFunnelStage = 8,
    kPurchaseCount = 9,
    kSpend = 10,
    kTouchpoint = 11,
  };
  Kind kind = Kind::kAllOf;
  // kAllOf, kAnyOf: 1+; kNot: exactly 1.
  std::vector<Condition> children;
  // kAgeBand, kGender, kConsent: enum numbers; kFunnelStage: unused.
  std::vector<int> values;
  // kRegion.
  std::vector<std::string> regions;
  // kPurchaseCount, kSpend: "" for any.
  std::string category;
  // kFunnelStage (0: overall), kPurchaseCount, kSpend, kTouchpoint: 0 for any.
  int64_t partner_id = 0;
  // kTouchpoint: 0 for any.
  int64_t campaign_id = 0;
  // kFunnelStage: 0 for no bound.
  FunnelStage min_stage = FunnelStage::kNone;
  FunnelStage max_stage = FunnelStage::kNone;
  // kPurchaseCount: orders; kTouchpoint: touchpoints.
  int64_t min_count = 0;
  // kSpend.
  std::string currency_code;
  int64_t min_amount_minor = 0;
  // kTouchpoint.
  TouchpointType touchpoint_type = TouchpointType::kUnspecified;
  // kPurchaseCount, kSpend, kTouchpoint.
  TimeWindow window;
};

struct Segment {
  int64_t id = 0;
  std::string display_name;
  std::string description;
  Condition condition;
  absl::Time create_time;
  absl::Time update_time;
  int64_t version = 0;
};

struct SegmentSnapshot {
  int64_t id = 0;
  // The definition as of the snapshot (id = segment id).
  Segment segment;
  int64_t member_count = 0;
  absl::Time snapshot_time;
};

struct SegmentSize {
  int64_t member_count = 0;
  int64_t matching_count = 0;
  absl::Time evaluate_time;
};

struct Membership {
  bool member = false;
  bool matches = false;
  ConsentState consent = ConsentState::kUnspecified;
  absl::Time evaluate_time;
};

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_TYPES_H_
