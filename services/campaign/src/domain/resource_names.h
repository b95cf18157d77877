// The campaign service's resource names (see the proto), and the names of
// other services' resources it refers to.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_RESOURCE_NAMES_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_RESOURCE_NAMES_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace partnerhub::campaign {

// A resource under a campaign: campaigns/{campaign_id}/<collection>/{id}.
struct ChildId {
  int64_t campaign_id = 0;
  int64_t id = 0;
};

// campaigns/{c}/offers/{o}/issuances/{id}.
struct IssuanceId {
  int64_t campaign_id = 0;
  int64_t offer_id = 0;
  int64_t id = 0;
};

std::string CampaignName(int64_t id);
std::string OfferName(int64_t campaign_id, int64_t id);
std::string IssuanceName(int64_t campaign_id, int64_t offer_id, int64_t id);
std::string CouponCodeName(int64_t campaign_id, int64_t offer_id,
                           absl::string_view code);
std::string RedemptionName(int64_t campaign_id, int64_t id);
std::string PartnerName(int64_t id);

// INVALID_ARGUMENT naming `field` when `name` is not of the form.
absl::StatusOr<int64_t> ParseCampaignName(absl::string_view name,
                                          absl::string_view field);
absl::StatusOr<ChildId> ParseOfferName(absl::string_view name,
                                       absl::string_view field);
absl::StatusOr<IssuanceId> ParseIssuanceName(absl::string_view name,
                                             absl::string_view field);
absl::StatusOr<ChildId> ParseRedemptionName(absl::string_view name,
                                            absl::string_view field);
absl::StatusOr<int64_t> ParsePartnerName(absl::string_view name,
                                         absl::string_view field);

// NOT_FOUND of each resource, with its reason (errors.h) and a ResourceInfo
// of its proto type and name; the message is "<name> does not exist".
absl::Status CampaignNotFound(int64_t id);
absl::Status OfferNotFound(int64_t campaign_id, int64_t id);
absl::Status IssuanceNotFound(int64_t campaign_id, int64_t offer_id,
                              int64_t id);
absl::Status RedemptionNotFound(int64_t campaign_id, int64_t id);
// No code is `code` (normalized): the ResourceInfo names the code itself,
// since a code that does not exist has no campaign or offer.
absl::Status CouponCodeNotFound(absl::string_view code);

// "customers/{customer}", the id 1 to 64 of A-Z, a-z, 0-9, '_', '-'.
absl::Status CheckCustomerName(absl::string_view name, absl::string_view field);
// "segments/{segment}", the id 1 to 64 of A-Z, a-z, 0-9, '_', '-'.
absl::Status CheckSegmentName(absl::string_view name, absl::string_view field);

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_RESOURCE_NAMES_H_
