// The ErrorInfo reasons of reporting's own errors (AIP-193). Each is also a
// value of partnerhub.reporting.v1.ErrorReason, with common's reasons
// (common/status/reasons.h); tests/errors_test.cc checks that the two agree.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_ERRORS_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_ERRORS_H_

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace partnerhub::reporting {

namespace reason {

// NOT_FOUND: reporting has not applied the campaign (unknown, or its feed
// is behind).
inline constexpr absl::string_view kCampaignNotFound = "CAMPAIGN_NOT_FOUND";
// NOT_FOUND: reporting has not applied the partner (unknown, or its feed is
// behind).
inline constexpr absl::string_view kPartnerNotFound = "PARTNER_NOT_FOUND";
// FAILED_PRECONDITION: a lift of a campaign without a target
// segment_snapshot.
inline constexpr absl::string_view kNoTargetSnapshot = "NO_TARGET_SNAPSHOT";
// FAILED_PRECONDITION: a lift of a campaign without a window (start_time
// before end_time).
inline constexpr absl::string_view kNoCampaignWindow = "NO_CAMPAIGN_WINDOW";
// FAILED_PRECONDITION, with a RetryInfo: the members of the campaign's
// target snapshot have not all been applied yet.
inline constexpr absl::string_view kSnapshotNotReceived =
    "SNAPSHOT_NOT_RECEIVED";
// FAILED_PRECONDITION: a scorecard without a period for a partner with no
// SIGNED agreement in force today.
inline constexpr absl::string_view kNoAgreementInForce =
    "NO_AGREEMENT_IN_FORCE";

// Every reason above, for the test that checks the proto's ErrorReason.
inline constexpr absl::string_view kServiceReasons[] = {
    kCampaignNotFound, kPartnerNotFound,     kNoTargetSnapshot,
    kNoCampaignWindow, kSnapshotNotReceived, kNoAgreementInForce,
};

}  // namespace reason

// The RetryInfo delay of an error that waiting for the feeds can clear (a
// read model not caught up yet): about what a feed takes to deliver and
// apply a batch.
inline constexpr absl::Duration kCatchUpRetryDelay = absl::Seconds(1);

// The full proto names of the resources of reporting's NOT_FOUND errors
// (ResourceInfo.resource_type): the producing services' resources.
inline constexpr absl::string_view kCampaignType =
    "partnerhub.campaign.v1.Campaign";
inline constexpr absl::string_view kPartnerType =
    "partnerhub.partner_registry.v1.Partner";

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_ERRORS_H_
