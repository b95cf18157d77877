// Resource names (AIP-122) with numeric ids, e.g. "partners/12/contacts/3".
#ifndef PARTNERHUB_COMMON_API_RESOURCE_NAME_H_
#define PARTNERHUB_COMMON_API_RESOURCE_NAME_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace partnerhub {

// Parses `name` as "<collections[0]>/<id>/<collections[1]>/<id>..." and
// returns the ids. INVALID_ARGUMENT naming `field` and the expected pattern
// when it does not match or an id is not a positive integer.
absl::StatusOr<std::vector<int64_t>> ParseResourceName(
    absl::string_view name,
    std::initializer_list<absl::string_view> collections,
    absl::string_view field);

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_API_RESOURCE_NAME_H_
