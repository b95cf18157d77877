// The customer-experience rules as pure functions: what is valid, how
// consent may change, which funnel stage a touchpoint counts toward and how
// progress merges, what a segment condition means. The use cases apply them
// inside storage transactions; the unit tests exercise them directly.
// One header for all of them; one .cc per topic: field_rules.cc (id,
// category and region formats), profile_rules.cc, consent_rules.cc,
// pii_rules.cc, touchpoint_rules.cc, funnel_rules.cc, purchase_rules.cc,
// segment_rules.cc.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_RULES_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_RULES_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience {

// Limits of the API (see the proto).
inline constexpr int kMaxBatchTouchpoints = 5000;
inline constexpr int kMaxProperties = 20;
inline constexpr int kMaxPurchaseItems = 200;
inline constexpr int kMaxConditionNodes = 200;
inline constexpr int kMaxConditionDepth = 10;
inline constexpr int kMaxConditionChildren = 50;
// How far in the future an event time may lie (client clocks drift).
inline constexpr absl::Duration kMaxClockSkew = absl::Hours(1);

// 1 to 64 of A-Z a-z 0-9 '_' '-': customer and order ids.
absl::Status CheckExternalId(absl::string_view field, absl::string_view id);
// 1 to 64 of A-Z a-z 0-9 '_' '-' '.' ':': event ids.
absl::Status CheckEventId(absl::string_view field, absl::string_view id);
// 1 to 64 of a-z 0-9 '_' '-' '.': product categories.
absl::Status CheckCategory(absl::string_view field, absl::string_view category);
// "KR-11": two capital letters, '-', 1 to 3 capital letters or digits.
absl::Status CheckRegion(absl::string_view field, absl::string_view region);

// The calendar year (UTC) of `now`.
int CurrentYear(absl::Time now);
// The age band of a customer born in `birth_year` (0: unknown).
AgeBand AgeBandOf(int32_t birth_year, absl::Time now);
// Birth years [first, last] of an age band at `now`.
std::pair<int32_t, int32_t> BirthYears(AgeBand band, absl::Time now);

// The profile fields a client sets, checked on create and after an update;
// errors name the field as "customer.<field>", every bad one at once.
absl::Status ValidateCustomer(const Customer& customer, absl::Time now);

// Whether consent may move from → to (the proto's SetMarketingConsent):
// GRANTED from DENIED or REVOKED; REVOKED from GRANTED. FAILED_PRECONDITION
// otherwise (CONSENT_DENIED_ONLY_ON_CREATE, CONSENT_NOT_GRANTED; subject:
// `customer`, its resource name). from == to is allowed (and changes
// nothing).
absl::Status CheckConsentChange(absl::string_view customer, ConsentState from,
                                ConsentState to);

// Personal data as shown with view BASIC: "m****@e******.com",
// "+82 10-****-**78", "M*****".
PersonalData MaskPersonalData(const PersonalData& data);

// The funnel stage a touchpoint type counts toward (kNone for REFUND).
FunnelStage StageOf(TouchpointType type);
// The furthest stage with a time.
FunnelStage FurthestStage(const StageTimes& reached);

// Checks one touchpoint a client sends; errors name the fields under
// `field` (e.g. "touchpoints[3].occur_time"), every bad one at once.
absl::Status ValidateTouchpoint(absl::string_view field, const Touchpoint& t,
                                absl::Time now);

// What recorded touchpoints contribute to the stored (overall) funnel: one
// delta per customer, sorted by customer_key. Touchpoints need customer_key
// set.
std::vector<FunnelDelta> FunnelDeltas(
    const std::vector<const Touchpoint*>& recorded);
// Merges `delta` into `row`: earliest time per stage; REPEAT also reached by
// a purchase after an earlier one (the second-earliest purchase). The
// storage's upsert computes the same; commutative and idempotent.
void MergeFunnel(StageTimes& row, const StageTimes& delta);
// What newly recorded touchpoints do to the stored funnel progress: the
// deltas to merge into the overall rows and into the rows per (customer,
// partner), and the stages reached for the first time.
//
// "First time" means: the stage had no reach time in the stored progress
// (before this batch) and has one after it. A touchpoint older than the
// stored reach time of a stage already reached moves that time earlier in
// storage but is not a new reach, so it gives no event: each customer
// reaches each stage (overall, and with each partner) at most once on the
// feed. reach_time is the merged (stored) time of the stage, which is the
// occur_time of the touchpoint that reached it; campaign_id is that
// touchpoint's.
struct FunnelAdvance {
  // Sorted by customer_key; only rows the batch changes.
  std::vector<FunnelDelta> overall;
  // Sorted by (customer_key, partner_id); only rows the batch changes.
  std::vector<PartnerFunnelDelta> partners;
  // Sorted by (customer_key, partner_id, stage).
  std::vector<StageReach> reaches;
};
using PartnerKey = std::pair<int64_t, int64_t>;  // (customer_key, partner_id)
// The customers (sorted, distinct) and (customer, partner) pairs whose
// stored progress AdvanceFunnel needs: those of touchpoints that count
// toward a stage.
std::vector<int64_t> FunnelCustomers(
    const std::vector<const Touchpoint*>& recorded);
std::vector<PartnerKey> FunnelPartners(
    const std::vector<const Touchpoint*>& recorded);
// `stored_overall` / `stored_partners`: the stored progress (absent: none)
// of FunnelCustomers / FunnelPartners. Touchpoints need customer_key set.
FunnelAdvance AdvanceFunnel(
    const std::vector<const Touchpoint*>& recorded,
    const absl::flat_hash_map<int64_t, StageTimes>& stored_overall,
    const absl::flat_hash_map<PartnerKey, StageTimes>& stored_partners);

// The funnel progress a list of one customer's touchpoints (with one
// partner, or all for the overall row) gives, by definition: for each
// stage the earliest event counting toward it, and for REPEAT the earliest
// REPEAT_PURCHASE or second-earliest PURCHASE. Progress with a partner is
// computed with it when read, and GetFunnel's overall progress too.
StageTimes ProgressOf(const std::vector<Touchpoint>& touchpoints);
// Per partner (ascending, partner 0 excluded), the progress of the
// touchpoints with that partner.
std::vector<FunnelProgress> PartnerProgress(
    const std::vector<Touchpoint>& touchpoints);
// The touchpoint types whose furthest stage is `stage` or later, without
// the "second purchase" route to REPEAT (see ProgressOf).
std::vector<TouchpointType> TypesAtOrAfter(FunnelStage stage);

// Checks a purchase as recorded (ids, items, total = sum of the items);
// every bad field at once (the total only when the items are valid).
absl::Status ValidatePurchase(const Purchase& purchase, absl::Time now);
// A fingerprint of what a client sent for a purchase, to tell a retry from
// a different order with the same id.
uint64_t PurchaseFingerprint(const Purchase& purchase);

// Checks a condition tree; errors name the node, e.g.
// "segment.condition.all_of.conditions[1].spend.min_amount.amount_minor",
// every bad one at once, except that a tree too big (nodes, depth) gives
// only that error.
absl::Status ValidateCondition(absl::string_view field, const Condition& c);
// [start, end) of a window evaluated at `now`.
std::pair<absl::Time, absl::Time> ResolveWindow(const TimeWindow& window,
                                                absl::Time now);

// Everything the reference evaluation needs to know about one customer.
struct CustomerFacts {
  Customer customer;
  std::vector<Touchpoint> touchpoints;
  std::vector<Purchase> purchases;
  // Funnel progress: overall (partner 0) and per partner.
  std::vector<FunnelProgress> funnel;
};

// The meaning of a condition, evaluated in memory for one customer (the
// storage compiles the same meaning to SQL). Does not look at consent
// unless the condition does; a member also needs consent GRANTED.
bool Matches(const Condition& c, const CustomerFacts& facts, absl::Time now);

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_RULES_H_
