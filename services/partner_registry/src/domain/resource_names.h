// The partner registry's resource names (see the proto).
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_RESOURCE_NAMES_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_RESOURCE_NAMES_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace partnerhub::partner_registry {

// A child resource's name, split: partners/{partner_id}/<collection>/{id}.
struct ChildId {
  int64_t partner_id = 0;
  int64_t id = 0;
};

std::string PartnerName(int64_t id);
std::string StateChangeName(int64_t partner_id, int64_t id);
std::string ContactName(int64_t partner_id, int64_t id);
std::string AgreementName(int64_t partner_id, int64_t id);
std::string SalesActivityName(int64_t partner_id, int64_t id);

// INVALID_ARGUMENT naming `field` when `name` is not of the form.
absl::StatusOr<int64_t> ParsePartnerName(absl::string_view name,
                                         absl::string_view field);
absl::StatusOr<ChildId> ParseContactName(absl::string_view name,
                                         absl::string_view field);
absl::StatusOr<ChildId> ParseAgreementName(absl::string_view name,
                                           absl::string_view field);
absl::StatusOr<ChildId> ParseSalesActivityName(absl::string_view name,
                                               absl::string_view field);

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_RESOURCE_NAMES_H_
