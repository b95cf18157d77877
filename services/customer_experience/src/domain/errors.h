// The ErrorInfo reasons of the customer-experience service's own errors
// (AIP-193), one constant each, and the errors every layer of the service
// makes the same way; the reasons every service shares are common's
// (common/status/reasons.h, written ::partnerhub::reason::k... here, since
// this namespace is also called reason). Each reason is also a value of
// ErrorReason in customer_experience.proto, where what it means for a client
// is written down (tests/errors_test.cc checks the two agree).
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_ERRORS_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_ERRORS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "services/customer_experience/src/domain/resource_names.h"

namespace partnerhub::customer_experience::reason {

// ---- NOT_FOUND (with a ResourceInfo) ----

// No customer has that id.
inline constexpr absl::string_view kCustomerNotFound = "CUSTOMER_NOT_FOUND";
// The customer has no touchpoint with that event id.
inline constexpr absl::string_view kTouchpointNotFound = "TOUCHPOINT_NOT_FOUND";
// No purchase has that order id.
inline constexpr absl::string_view kPurchaseNotFound = "PURCHASE_NOT_FOUND";
// No segment has that id.
inline constexpr absl::string_view kSegmentNotFound = "SEGMENT_NOT_FOUND";
// The segment has no snapshot with that id.
inline constexpr absl::string_view kSegmentSnapshotNotFound =
    "SEGMENT_SNAPSHOT_NOT_FOUND";

// ---- ALREADY_EXISTS ----

// CreateCustomer with a customer id that is taken.
inline constexpr absl::string_view kCustomerAlreadyExists =
    "CUSTOMER_ALREADY_EXISTS";
// RecordPurchase of an order id recorded before with other content.
inline constexpr absl::string_view kPurchaseContentMismatch =
    "PURCHASE_CONTENT_MISMATCH";

// ---- FAILED_PRECONDITION (with a PreconditionFailure) ----

// Consent is DENIED only on create; a GRANTED one is withdrawn by REVOKED.
inline constexpr absl::string_view kConsentDeniedOnlyOnCreate =
    "CONSENT_DENIED_ONLY_ON_CREATE";
// Only a GRANTED consent can be REVOKED.
inline constexpr absl::string_view kConsentNotGranted = "CONSENT_NOT_GRANTED";
// The refunds of a purchase would exceed its total.
inline constexpr absl::string_view kRefundExceedsTotal = "REFUND_EXCEEDS_TOTAL";

// ---- RESOURCE_EXHAUSTED (with a RetryInfo: waiting helps) ----

// Touchpoint ingestion is refused while the funnel projector trails the
// feed by --funnel_max_lag events or more.
inline constexpr absl::string_view kFunnelLagLimitReached =
    "FUNNEL_LAG_LIMIT_REACHED";

// Every reason above, for the test that checks ErrorReason in the proto.
inline constexpr absl::string_view kServiceReasons[] = {
    kCustomerNotFound,        kTouchpointNotFound,
    kPurchaseNotFound,        kSegmentNotFound,
    kSegmentSnapshotNotFound, kCustomerAlreadyExists,
    kPurchaseContentMismatch, kConsentDeniedOnlyOnCreate,
    kConsentNotGranted,       kRefundExceedsTotal,
    kFunnelLagLimitReached,
};

}  // namespace partnerhub::customer_experience::reason

namespace partnerhub::customer_experience {

// The full proto message names of the resources (ResourceInfo's
// resource_type), written out since the domain does not see the protos.
inline constexpr absl::string_view kCustomerType =
    "partnerhub.customer_experience.v1.Customer";
inline constexpr absl::string_view kTouchpointType =
    "partnerhub.customer_experience.v1.Touchpoint";
inline constexpr absl::string_view kPurchaseType =
    "partnerhub.customer_experience.v1.Purchase";
inline constexpr absl::string_view kSegmentType =
    "partnerhub.customer_experience.v1.Segment";
inline constexpr absl::string_view kSegmentSnapshotType =
    "partnerhub.customer_experience.v1.SegmentSnapshot";

// NOT_FOUND of customers/{customer_id}. Message: "<name> does not exist",
// prefixed with "<field>: " when a field of the request named it (e.g.
// "purchase.customer").
inline absl::Status CustomerNotFound(absl::string_view customer_id,
                                     absl::string_view field = "") {
  const std::string name = CustomerName(customer_id);
  return NotFound(reason::kCustomerNotFound, kCustomerType, name,
                  field.empty()
                      ? absl::StrCat(name, " does not exist")
                      : absl::StrCat(field, ": ", name, " does not exist"));
}

inline absl::Status TouchpointNotFound(absl::string_view customer_id,
                                       absl::string_view event_id) {
  const std::string name = TouchpointName(customer_id, event_id);
  return NotFound(reason::kTouchpointNotFound, kTouchpointType, name,
                  absl::StrCat(name, " does not exist"));
}

inline absl::Status PurchaseNotFound(absl::string_view purchase_id) {
  const std::string name = PurchaseName(purchase_id);
  return NotFound(reason::kPurchaseNotFound, kPurchaseType, name,
                  absl::StrCat(name, " does not exist"));
}

inline absl::Status SegmentNotFound(int64_t segment_id) {
  const std::string name = SegmentName(segment_id);
  return NotFound(reason::kSegmentNotFound, kSegmentType, name,
                  absl::StrCat(name, " does not exist"));
}

inline absl::Status SegmentSnapshotNotFound(int64_t segment_id,
                                            int64_t snapshot_id) {
  const std::string name = SnapshotName(segment_id, snapshot_id);
  return NotFound(reason::kSegmentSnapshotNotFound, kSegmentSnapshotType, name,
                  absl::StrCat(name, " does not exist"));
}

// ABORTED, common's CONCURRENT_UPDATE, retry after 100 ms: an update found
// the row of `name` at another version than the one it was based on. The
// same request, sent again, runs on what the other change left.
inline absl::Status ChangedConcurrently(absl::string_view name) {
  return RetryableError(absl::StatusCode::kAborted,
                        ::partnerhub::reason::kConcurrentUpdate,
                        absl::StrCat(name, " was changed concurrently; retry"),
                        absl::Milliseconds(100), {{"resource", name}});
}

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_ERRORS_H_
