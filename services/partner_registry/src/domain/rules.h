// The partner registry's rules as pure functions: what is valid, what may
// follow what. The use cases (partners.h, contacts.h, ...) apply them
// inside storage transactions; the unit tests exercise them directly.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_RULES_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_RULES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/partner_registry/src/domain/types.h"

namespace partnerhub::partner_registry {

// Korean business registration number: 10 digits, optionally written
// "123-45-67890". Returns the 10 digits when the check digit is right.
absl::StatusOr<std::string> NormalizeBusinessRegistrationNumber(
    absl::string_view field, absl::string_view value);

// The fields a client sets, checked for a create or after an update.
absl::Status ValidatePartner(const Partner& partner);
absl::Status ValidateContact(const Contact& contact);
absl::Status ValidateAgreement(const Agreement& agreement);
absl::Status ValidateSalesActivity(const SalesActivity& activity);

// Whether the lifecycle allows from → to (see the proto).
bool IsAllowedTransition(PartnerState from, PartnerState to);
// FAILED_PRECONDITION when the move is not allowed, or is to ACTIVE without
// an agreement in force on `today`.
absl::Status CheckTransition(const Partner& partner, PartnerState to,
                             const std::vector<Agreement>& agreements,
                             absl::CivilDay today);

// The platform's business day (KST) at `t`.
absl::CivilDay BusinessDay(absl::Time t);
// SIGNED and start_date <= today <= end_date.
bool InForce(const Agreement& agreement, absl::CivilDay today);
// FAILED_PRECONDITION naming the other agreement when `agreement` overlaps
// any of `others` that is not terminated (itself excluded by id).
absl::Status CheckNoOverlap(const Agreement& agreement,
                            const std::vector<Agreement>& others);

// Copies the fields named by an update mask from `patch` into `target`.
// INVALID_ARGUMENT for an empty mask or a path not in the updatable set.
absl::Status ApplyMask(const Partner& patch,
                       const std::vector<std::string>& paths, Partner& target);
absl::Status ApplyMask(const Contact& patch,
                       const std::vector<std::string>& paths, Contact& target);
absl::Status ApplyMask(const Agreement& patch,
                       const std::vector<std::string>& paths,
                       Agreement& target);
absl::Status ApplyMask(const SalesActivity& patch,
                       const std::vector<std::string>& paths,
                       SalesActivity& target);

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_RULES_H_
