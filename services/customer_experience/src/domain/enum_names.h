// Enum names as the API spells them ("GRANTED", "TWENTIES"), for filters.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_ENUM_NAMES_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_ENUM_NAMES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience {

absl::string_view NameOf(AgeBand v);
absl::string_view NameOf(Gender v);
absl::string_view NameOf(ConsentState v);
absl::string_view NameOf(FunnelStage v);

// Parse<E>("GRANTED"); std::nullopt for an unknown name.
template <typename E>
std::optional<E> Parse(absl::string_view name);

// Every name of E that a filter accepts.
template <typename E>
std::vector<std::string> AllNames();

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_ENUM_NAMES_H_
