#include "services/partner_registry/src/domain/resource_names.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/resource_name.h"
#include "common/status/status_macros.h"

namespace partnerhub::partner_registry {
namespace {

absl::StatusOr<ChildId> ParseChild(absl::string_view name,
                                   absl::string_view collection,
                                   absl::string_view field) {
  PH_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                      ParseResourceName(name, {"partners", collection}, field));
  return ChildId{ids[0], ids[1]};
}

}  // namespace

std::string PartnerName(int64_t id) { return absl::StrCat("partners/", id); }
std::string StateChangeName(int64_t partner_id, int64_t id) {
  return absl::StrCat("partners/", partner_id, "/stateChanges/", id);
}
std::string ContactName(int64_t partner_id, int64_t id) {
  return absl::StrCat("partners/", partner_id, "/contacts/", id);
}
std::string AgreementName(int64_t partner_id, int64_t id) {
  return absl::StrCat("partners/", partner_id, "/agreements/", id);
}
std::string SalesActivityName(int64_t partner_id, int64_t id) {
  return absl::StrCat("partners/", partner_id, "/salesActivities/", id);
}

absl::StatusOr<int64_t> ParsePartnerName(absl::string_view name,
                                         absl::string_view field) {
  PH_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                      ParseResourceName(name, {"partners"}, field));
  return ids[0];
}
absl::StatusOr<ChildId> ParseContactName(absl::string_view name,
                                         absl::string_view field) {
  return ParseChild(name, "contacts", field);
}
absl::StatusOr<ChildId> ParseAgreementName(absl::string_view name,
                                           absl::string_view field) {
  return ParseChild(name, "agreements", field);
}
absl::StatusOr<ChildId> ParseSalesActivityName(absl::string_view name,
                                               absl::string_view field) {
  return ParseChild(name, "salesActivities", field);
}

}  // namespace partnerhub::partner_registry
