#include "services/campaign/src/domain/resource_names.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/api/resource_name.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/campaign/src/domain/errors.h"

namespace partnerhub::campaign {
namespace {

absl::StatusOr<ChildId> ParseChild(absl::string_view name,
                                   absl::string_view collection,
                                   absl::string_view field) {
  PH_ASSIGN_OR_RETURN(
      std::vector<int64_t> ids,
      ParseResourceName(name, {"campaigns", collection}, field));
  return ChildId{ids[0], ids[1]};
}

// "<collection>/{id}" with a platform id: 1 to 64 of [A-Za-z0-9_-].
absl::Status CheckForeignName(absl::string_view name, absl::string_view field,
                              absl::string_view collection) {
  const std::string prefix = absl::StrCat(collection, "/");
  absl::string_view id = name;
  bool ok = absl::ConsumePrefix(&id, prefix) && !id.empty() && id.size() <= 64;
  for (char c : id) {
    ok = ok && (absl::ascii_isalnum(c) || c == '_' || c == '-');
  }
  if (ok) return absl::OkStatus();
  return InvalidField(field, absl::StrCat("must look like \"", collection,
                                          "/{id}\" with an id of 1 to 64 "
                                          "letters, digits, '_' or '-', got \"",
                                          name, "\""));
}

absl::Status NotFoundAs(absl::string_view why, absl::string_view type,
                        const std::string& name) {
  return NotFound(why, type, name, absl::StrCat(name, " does not exist"));
}

}  // namespace

std::string CampaignName(int64_t id) { return absl::StrCat("campaigns/", id); }
std::string OfferName(int64_t campaign_id, int64_t id) {
  return absl::StrCat("campaigns/", campaign_id, "/offers/", id);
}
std::string IssuanceName(int64_t campaign_id, int64_t offer_id, int64_t id) {
  return absl::StrCat("campaigns/", campaign_id, "/offers/", offer_id,
                      "/issuances/", id);
}
std::string CouponCodeName(int64_t campaign_id, int64_t offer_id,
                           absl::string_view code) {
  return absl::StrCat("campaigns/", campaign_id, "/offers/", offer_id,
                      "/codes/", code);
}
std::string RedemptionName(int64_t campaign_id, int64_t id) {
  return absl::StrCat("campaigns/", campaign_id, "/redemptions/", id);
}
std::string PartnerName(int64_t id) { return absl::StrCat("partners/", id); }

absl::Status CampaignNotFound(int64_t id) {
  return NotFoundAs(reason::kCampaignNotFound,
                    "partnerhub.campaign.v1.Campaign", CampaignName(id));
}
absl::Status OfferNotFound(int64_t campaign_id, int64_t id) {
  return NotFoundAs(reason::kOfferNotFound, "partnerhub.campaign.v1.Offer",
                    OfferName(campaign_id, id));
}
absl::Status IssuanceNotFound(int64_t campaign_id, int64_t offer_id,
                              int64_t id) {
  return NotFoundAs(reason::kCodeIssuanceNotFound,
                    "partnerhub.campaign.v1.CodeIssuance",
                    IssuanceName(campaign_id, offer_id, id));
}
absl::Status RedemptionNotFound(int64_t campaign_id, int64_t id) {
  return NotFoundAs(reason::kRedemptionNotFound,
                    "partnerhub.campaign.v1.Redemption",
                    RedemptionName(campaign_id, id));
}
absl::Status CouponCodeNotFound(absl::string_view code) {
  return NotFound(reason::kCouponCodeNotFound,
                  "partnerhub.campaign.v1.CouponCode", code,
                  absl::StrCat("coupon code ", code, " does not exist"));
}

absl::StatusOr<int64_t> ParseCampaignName(absl::string_view name,
                                          absl::string_view field) {
  PH_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                      ParseResourceName(name, {"campaigns"}, field));
  return ids[0];
}
absl::StatusOr<ChildId> ParseOfferName(absl::string_view name,
                                       absl::string_view field) {
  return ParseChild(name, "offers", field);
}
absl::StatusOr<IssuanceId> ParseIssuanceName(absl::string_view name,
                                             absl::string_view field) {
  PH_ASSIGN_OR_RETURN(
      std::vector<int64_t> ids,
      ParseResourceName(name, {"campaigns", "offers", "issuances"}, field));
  return IssuanceId{ids[0], ids[1], ids[2]};
}
absl::StatusOr<ChildId> ParseRedemptionName(absl::string_view name,
                                            absl::string_view field) {
  return ParseChild(name, "redemptions", field);
}
absl::StatusOr<int64_t> ParsePartnerName(absl::string_view name,
                                         absl::string_view field) {
  PH_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                      ParseResourceName(name, {"partners"}, field));
  return ids[0];
}

absl::Status CheckCustomerName(absl::string_view name,
                               absl::string_view field) {
  return CheckForeignName(name, field, "customers");
}
absl::Status CheckSegmentName(absl::string_view name, absl::string_view field) {
  return CheckForeignName(name, field, "segments");
}

}  // namespace partnerhub::campaign
