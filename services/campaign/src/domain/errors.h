// The ErrorInfo reasons of the campaign service's own errors (AIP-193), one
// constant each; the reasons every service shares are common's
// (common/status/reasons.h, written ::partnerhub::reason::k... here, since
// this namespace is also called reason). Each is also a value of ErrorReason in
// campaign.proto, where what it means for a client is written down
// (tests/errors_test.cc checks the two agree).
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_ERRORS_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_ERRORS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"

namespace partnerhub::campaign::reason {

// ---- NOT_FOUND (with a ResourceInfo) ----

// The campaign does not exist.
inline constexpr absl::string_view kCampaignNotFound = "CAMPAIGN_NOT_FOUND";
// The offer does not exist in that campaign.
inline constexpr absl::string_view kOfferNotFound = "OFFER_NOT_FOUND";
// The code issuance does not exist under that offer.
inline constexpr absl::string_view kCodeIssuanceNotFound =
    "CODE_ISSUANCE_NOT_FOUND";
// No coupon code is the code given (well-formed, but never issued).
inline constexpr absl::string_view kCouponCodeNotFound =
    "COUPON_CODE_NOT_FOUND";
// The redemption does not exist in that campaign.
inline constexpr absl::string_view kRedemptionNotFound = "REDEMPTION_NOT_FOUND";
// The campaign's partner does not exist in partner-registry.
inline constexpr absl::string_view kPartnerNotFound = "PARTNER_NOT_FOUND";

// ---- FAILED_PRECONDITION (with a PreconditionFailure) ----

// The partner is not CONTRACTED or ACTIVE in partner-registry.
inline constexpr absl::string_view kPartnerNotEligible = "PARTNER_NOT_ELIGIBLE";
// Starting the campaign needs an agreement of its partner in force today.
inline constexpr absl::string_view kNoAgreementInForce =
    "NO_AGREEMENT_IN_FORCE";
// The lifecycle does not allow a move from the campaign's state to that one.
inline constexpr absl::string_view kTransitionNotAllowed =
    "TRANSITION_NOT_ALLOWED";
// Scheduling needs at least one offer.
inline constexpr absl::string_view kCampaignHasNoOffer =
    "CAMPAIGN_HAS_NO_OFFER";
// The move needs now inside the campaign's window (SCHEDULED: before its
// end_time; RUNNING: in [start_time, end_time)).
inline constexpr absl::string_view kOutsideCampaignWindow =
    "OUTSIDE_CAMPAIGN_WINDOW";
// The campaign is ENDED or CANCELLED: it changes no more and issues no codes.
inline constexpr absl::string_view kCampaignClosed = "CAMPAIGN_CLOSED";
// A setting that is fixed once the campaign has started (RUNNING, PAUSED).
inline constexpr absl::string_view kFieldFixedOnceStarted =
    "FIELD_FIXED_ONCE_STARTED";
// segment and holdout_bps are fixed once personal codes were issued.
inline constexpr absl::string_view kTargetingFixed = "TARGETING_FIXED";
// A started campaign's end_time cannot move into the past.
inline constexpr absl::string_view kEndTimeInPast = "END_TIME_IN_PAST";
// A budget below what the campaign has already spent.
inline constexpr absl::string_view kBudgetBelowSpent = "BUDGET_BELOW_SPENT";
// Offers change only while the campaign is DRAFT or SCHEDULED.
inline constexpr absl::string_view kOffersNotEditable = "OFFERS_NOT_EDITABLE";
// Personal codes need a campaign with a target segment.
inline constexpr absl::string_view kCampaignHasNoSegment =
    "CAMPAIGN_HAS_NO_SEGMENT";
// The code belongs to a campaign of another partner than the order's.
inline constexpr absl::string_view kCouponOfAnotherPartner =
    "COUPON_OF_ANOTHER_PARTNER";
// The code's campaign is not RUNNING.
inline constexpr absl::string_view kCampaignNotRunning = "CAMPAIGN_NOT_RUNNING";
// Now is outside the campaign's and the offer's windows.
inline constexpr absl::string_view kOutsideRedemptionWindow =
    "OUTSIDE_REDEMPTION_WINDOW";
// A personal code used by another customer than its own.
inline constexpr absl::string_view kCouponOfAnotherCustomer =
    "COUPON_OF_ANOTHER_CUSTOMER";
// The code has been used up (and not voided since).
inline constexpr absl::string_view kCouponAlreadyRedeemed =
    "COUPON_ALREADY_REDEEMED";
// The order amount is below the offer's minimum purchase.
inline constexpr absl::string_view kBelowMinimumPurchase =
    "BELOW_MINIMUM_PURCHASE";
// The redemption's void window has passed.
inline constexpr absl::string_view kVoidWindowPassed = "VOID_WINDOW_PASSED";

// ---- RESOURCE_EXHAUSTED (no RetryInfo: waiting does not help) ----

// The offer's redemption_cap is reached.
inline constexpr absl::string_view kRedemptionCapReached =
    "REDEMPTION_CAP_REACHED";
// The customer has used the offer per_customer_limit times.
inline constexpr absl::string_view kPerCustomerLimitReached =
    "PER_CUSTOMER_LIMIT_REACHED";
// The campaign's budget has no room for the discount.
inline constexpr absl::string_view kBudgetExhausted = "BUDGET_EXHAUSTED";

// Every reason above, for the test that checks ErrorReason in the proto.
inline constexpr absl::string_view kServiceReasons[] = {
    kCampaignNotFound,        kOfferNotFound,         kCodeIssuanceNotFound,
    kCouponCodeNotFound,      kRedemptionNotFound,    kPartnerNotFound,
    kPartnerNotEligible,      kNoAgreementInForce,    kTransitionNotAllowed,
    kCampaignHasNoOffer,      kOutsideCampaignWindow, kCampaignClosed,
    kFieldFixedOnceStarted,   kTargetingFixed,        kEndTimeInPast,
    kBudgetBelowSpent,        kOffersNotEditable,     kCampaignHasNoSegment,
    kCouponOfAnotherPartner,  kCampaignNotRunning,    kOutsideRedemptionWindow,
    kCouponOfAnotherCustomer, kCouponAlreadyRedeemed, kBelowMinimumPurchase,
    kVoidWindowPassed,        kRedemptionCapReached,  kPerCustomerLimitReached,
    kBudgetExhausted,
};

}  // namespace partnerhub::campaign::reason

namespace partnerhub::campaign {

// ABORTED after a concurrent change of the same rows, with common's
// CONCURRENT_UPDATE and a RetryInfo: the same request, sent again, runs on
// what the other change left.
inline absl::Status ConcurrentUpdate(absl::string_view message) {
  return RetryableError(absl::StatusCode::kAborted,
                        ::partnerhub::reason::kConcurrentUpdate, message,
                        absl::Milliseconds(100));
}

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_ERRORS_H_
