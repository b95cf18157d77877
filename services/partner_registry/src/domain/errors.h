// The partner registry's own error reasons (ErrorInfo.reason, AIP-193) and
// the resource types its NOT_FOUND errors name (ResourceInfo). Each reason
// is a value of the ErrorReason enum of partner_registry.proto, which also
// lists common's reasons (common/status/reasons.h); errors_test checks the
// two agree. Code names reasons only through these constants.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_ERRORS_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_ERRORS_H_

#include "absl/strings/string_view.h"

namespace partnerhub::partner_registry {

// ResourceInfo.resource_type: the full names of the API's messages.
inline constexpr absl::string_view kPartnerType =
    "partnerhub.partner_registry.v1.Partner";
inline constexpr absl::string_view kContactType =
    "partnerhub.partner_registry.v1.Contact";
inline constexpr absl::string_view kAgreementType =
    "partnerhub.partner_registry.v1.Agreement";
inline constexpr absl::string_view kSalesActivityType =
    "partnerhub.partner_registry.v1.SalesActivity";

// Inside partnerhub::partner_registry, common's reasons are
// partnerhub::reason::k... (this namespace hides that one).
namespace reason {

// NOT_FOUND: no partner of that name.
inline constexpr absl::string_view kPartnerNotFound = "PARTNER_NOT_FOUND";
// NOT_FOUND: no contact of that name (under that partner).
inline constexpr absl::string_view kContactNotFound = "CONTACT_NOT_FOUND";
// NOT_FOUND: no agreement of that name (under that partner).
inline constexpr absl::string_view kAgreementNotFound = "AGREEMENT_NOT_FOUND";
// NOT_FOUND: no sales activity of that name (under that partner).
inline constexpr absl::string_view kSalesActivityNotFound =
    "SALES_ACTIVITY_NOT_FOUND";
// ALREADY_EXISTS: a partner with the business registration number exists.
inline constexpr absl::string_view kPartnerAlreadyExists =
    "PARTNER_ALREADY_EXISTS";
// FAILED_PRECONDITION: the lifecycle does not allow the move.
inline constexpr absl::string_view kTransitionNotAllowed =
    "TRANSITION_NOT_ALLOWED";
// FAILED_PRECONDITION: ACTIVE needs a signed agreement in force today.
inline constexpr absl::string_view kNoAgreementInForce =
    "NO_AGREEMENT_IN_FORCE";
// FAILED_PRECONDITION: only a PROSPECT partner can be deleted.
inline constexpr absl::string_view kPartnerNotProspect = "PARTNER_NOT_PROSPECT";
// FAILED_PRECONDITION: a partner with agreements cannot be deleted.
inline constexpr absl::string_view kPartnerHasAgreements =
    "PARTNER_HAS_AGREEMENTS";
// FAILED_PRECONDITION: only a DRAFT agreement can be changed, signed or
// deleted.
inline constexpr absl::string_view kAgreementNotDraft = "AGREEMENT_NOT_DRAFT";
// FAILED_PRECONDITION: only a SIGNED agreement can be terminated.
inline constexpr absl::string_view kAgreementNotSigned = "AGREEMENT_NOT_SIGNED";
// FAILED_PRECONDITION: the agreement's period overlaps another live one's.
inline constexpr absl::string_view kAgreementsOverlap = "AGREEMENTS_OVERLAP";
// FAILED_PRECONDITION: primary cannot be cleared on the primary contact.
inline constexpr absl::string_view kPrimaryContactCannotBeCleared =
    "PRIMARY_CONTACT_CANNOT_BE_CLEARED";

// Every reason above, for the test that checks the proto's ErrorReason.
inline constexpr absl::string_view kServiceReasons[] = {
    kPartnerNotFound,
    kContactNotFound,
    kAgreementNotFound,
    kSalesActivityNotFound,
    kPartnerAlreadyExists,
    kTransitionNotAllowed,
    kNoAgreementInForce,
    kPartnerNotProspect,
    kPartnerHasAgreements,
    kAgreementNotDraft,
    kAgreementNotSigned,
    kAgreementsOverlap,
    kPrimaryContactCannotBeCleared,
};

}  // namespace reason
}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_ERRORS_H_
