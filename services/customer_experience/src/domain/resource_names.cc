#include "services/customer_experience/src/domain/resource_names.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/resource_name.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {
namespace {

absl::Status BadName(absl::string_view field, absl::string_view pattern,
                     absl::string_view name) {
  return InvalidField(field, absl::StrCat("must be a resource name \"", pattern,
                                          "\", got \"", name, "\""));
}

// Client event ids, and the longer "purchase:{order}" and
// "refund:{order}:{refund}" of touchpoints recorded here.
bool IsStoredEventId(absl::string_view id) {
  if (id.empty() || id.size() > 100) return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(c) && c != '_' && c != '-' && c != '.' && c != ':')
      return false;
  }
  return true;
}

}  // namespace

std::string CustomerName(absl::string_view id) {
  return absl::StrCat("customers/", id);
}
std::string TouchpointName(absl::string_view customer_id,
                           absl::string_view event_id) {
  return absl::StrCat("customers/", customer_id, "/touchpoints/", event_id);
}
std::string FunnelName(absl::string_view customer_id) {
  return absl::StrCat("customers/", customer_id, "/funnel");
}
std::string ConsentChangeName(absl::string_view customer_id, int64_t id) {
  return absl::StrCat("customers/", customer_id, "/consentChanges/", id);
}
std::string PurchaseName(absl::string_view id) {
  return absl::StrCat("purchases/", id);
}
std::string RefundName(absl::string_view purchase_id, int64_t id) {
  return absl::StrCat("purchases/", purchase_id, "/refunds/", id);
}
std::string SegmentName(int64_t id) { return absl::StrCat("segments/", id); }
std::string SnapshotName(int64_t segment_id, int64_t id) {
  return absl::StrCat("segments/", segment_id, "/snapshots/", id);
}
std::string PartnerName(int64_t id) {
  return id == 0 ? "" : absl::StrCat("partners/", id);
}
std::string CampaignName(int64_t id) {
  return id == 0 ? "" : absl::StrCat("campaigns/", id);
}

absl::StatusOr<std::string> ParseCustomerName(absl::string_view name,
                                              absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 2 || parts[0] != "customers" ||
      !CheckExternalId(field, parts[1]).ok()) {
    return BadName(field, "customers/{customer}", name);
  }
  return std::string(parts[1]);
}

absl::StatusOr<TouchpointId> ParseTouchpointName(absl::string_view name,
                                                 absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "customers" ||
      parts[2] != "touchpoints" || !CheckExternalId(field, parts[1]).ok() ||
      !IsStoredEventId(parts[3])) {
    return BadName(field, "customers/{customer}/touchpoints/{touchpoint}",
                   name);
  }
  return TouchpointId{std::string(parts[1]), std::string(parts[3])};
}

absl::StatusOr<std::string> ParseFunnelName(absl::string_view name,
                                            absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 3 || parts[0] != "customers" || parts[2] != "funnel" ||
      !CheckExternalId(field, parts[1]).ok()) {
    return BadName(field, "customers/{customer}/funnel", name);
  }
  return std::string(parts[1]);
}

absl::StatusOr<std::string> ParsePurchaseName(absl::string_view name,
                                              absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 2 || parts[0] != "purchases" ||
      !CheckExternalId(field, parts[1]).ok()) {
    return BadName(field, "purchases/{purchase}", name);
  }
  return std::string(parts[1]);
}

absl::StatusOr<int64_t> ParseSegmentName(absl::string_view name,
                                         absl::string_view field) {
  PH_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                      ParseResourceName(name, {"segments"}, field));
  return ids[0];
}

absl::StatusOr<SnapshotId> ParseSnapshotName(absl::string_view name,
                                             absl::string_view field) {
  PH_ASSIGN_OR_RETURN(
      std::vector<int64_t> ids,
      ParseResourceName(name, {"segments", "snapshots"}, field));
  return SnapshotId{ids[0], ids[1]};
}

absl::StatusOr<int64_t> ParseOptionalPartnerName(absl::string_view name,
                                                 absl::string_view field) {
  if (name.empty()) return 0;
  PH_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                      ParseResourceName(name, {"partners"}, field));
  return ids[0];
}

absl::StatusOr<int64_t> ParseOptionalCampaignName(absl::string_view name,
                                                  absl::string_view field) {
  if (name.empty()) return 0;
  PH_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                      ParseResourceName(name, {"campaigns"}, field));
  return ids[0];
}

}  // namespace partnerhub::customer_experience
