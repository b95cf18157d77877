// Enum names as the API and the schema spell them ("RUNNING", "BULK").
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_ENUM_NAMES_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_ENUM_NAMES_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/campaign/src/domain/types.h"

namespace partnerhub::campaign {

absl::string_view NameOf(Objective v);
absl::string_view NameOf(Channel v);
absl::string_view NameOf(CampaignState v);
absl::string_view NameOf(DiscountType v);
absl::string_view NameOf(IssuanceKind v);
absl::string_view NameOf(IssuanceState v);
absl::string_view NameOf(RedemptionState v);

// A time for messages: RFC 3339 in UTC, to the second.
std::string TimeText(absl::Time t);

// Parse<E>("RUNNING"); std::nullopt for an unknown name.
template <typename E>
std::optional<E> Parse(absl::string_view name);

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_ENUM_NAMES_H_
