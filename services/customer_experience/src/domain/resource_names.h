// The customer-experience resource names (see the proto), and the other
// services' names it refers to (partners/{n}, campaigns/{n}).
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_RESOURCE_NAMES_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_RESOURCE_NAMES_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace partnerhub::customer_experience {

std::string CustomerName(absl::string_view customer_id);
std::string TouchpointName(absl::string_view customer_id,
                           absl::string_view event_id);
std::string FunnelName(absl::string_view customer_id);
std::string ConsentChangeName(absl::string_view customer_id, int64_t id);
std::string PurchaseName(absl::string_view purchase_id);
std::string RefundName(absl::string_view purchase_id, int64_t id);
std::string SegmentName(int64_t id);
std::string SnapshotName(int64_t segment_id, int64_t id);
// "" for 0 (none).
std::string PartnerName(int64_t id);
std::string CampaignName(int64_t id);

struct TouchpointId {
  std::string customer_id;
  std::string event_id;
};
struct SnapshotId {
  int64_t segment_id = 0;
  int64_t id = 0;
};

// INVALID_ARGUMENT naming `field` when `name` is not of the form.
absl::StatusOr<std::string> ParseCustomerName(absl::string_view name,
                                              absl::string_view field);
absl::StatusOr<TouchpointId> ParseTouchpointName(absl::string_view name,
                                                 absl::string_view field);
absl::StatusOr<std::string> ParseFunnelName(absl::string_view name,
                                            absl::string_view field);
absl::StatusOr<std::string> ParsePurchaseName(absl::string_view name,
                                              absl::string_view field);
absl::StatusOr<int64_t> ParseSegmentName(absl::string_view name,
                                         absl::string_view field);
absl::StatusOr<SnapshotId> ParseSnapshotName(absl::string_view name,
                                             absl::string_view field);
// "" gives 0 (none) for the optional references.
absl::StatusOr<int64_t> ParseOptionalPartnerName(absl::string_view name,
                                                 absl::string_view field);
absl::StatusOr<int64_t> ParseOptionalCampaignName(absl::string_view name,
                                                  absl::string_view field);

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_RESOURCE_NAMES_H_
