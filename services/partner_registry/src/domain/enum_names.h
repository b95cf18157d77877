// Enum names as the API and the schema spell them ("ACTIVE", "FASHION").
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_ENUM_NAMES_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_ENUM_NAMES_H_

#include <optional>

#include "absl/strings/string_view.h"
#include "services/partner_registry/src/domain/types.h"

namespace partnerhub::partner_registry {

absl::string_view NameOf(PartnerCategory v);
absl::string_view NameOf(PartnerTier v);
absl::string_view NameOf(PartnerState v);
absl::string_view NameOf(SettlementCycle v);
absl::string_view NameOf(AgreementState v);
absl::string_view NameOf(SalesActivityType v);

// Parse<E>("ACTIVE"); std::nullopt for an unknown name.
template <typename E>
std::optional<E> Parse(absl::string_view name);

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_ENUM_NAMES_H_
