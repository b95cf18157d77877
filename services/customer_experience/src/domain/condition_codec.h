// A segment's condition tree as text, for storage: an s-expression such as
//   (all (age 2 3) (touch 2 17 0 1 d30) (not (gender 2)))
// Every atom is a number or a restricted identifier (region, category,
// currency), so no quoting is needed. Stable across releases: stored
// segments and snapshots are decoded with it.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_CONDITION_CODEC_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_CONDITION_CODEC_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience {

std::string EncodeCondition(const Condition& condition);
// INTERNAL when `text` was not made by EncodeCondition.
absl::StatusOr<Condition> DecodeCondition(absl::string_view text);

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_CONDITION_CODEC_H_
