#include "common/api/resource_name.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/status/error_details.h"

namespace partnerhub {

absl::StatusOr<std::vector<int64_t>> ParseResourceName(
    absl::string_view name,
    std::initializer_list<absl::string_view> collections,
    absl::string_view field) {
  std::vector<std::string> pattern;
  for (absl::string_view c : collections) {
    pattern.push_back(absl::StrCat(c, "/{", c.substr(0, c.size() - 1), "}"));
  }
  auto bad = [&]() {
    return InvalidField(
        field, absl::StrCat("must look like \"", absl::StrJoin(pattern, "/"),
                            "\", got \"", name, "\""));
  };
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 2 * collections.size()) return bad();
  std::vector<int64_t> ids;
  size_t i = 0;
  for (absl::string_view collection : collections) {
    int64_t id = 0;
    // Digits only: SimpleAtoi alone would also take "+5" and " 5 ".
    if (parts[i] != collection || parts[i + 1].empty() ||
        !std::all_of(parts[i + 1].begin(), parts[i + 1].end(),
                     absl::ascii_isdigit) ||
        !absl::SimpleAtoi(parts[i + 1], &id) || id <= 0) {
      return bad();
    }
    ids.push_back(id);
    i += 2;
  }
  return ids;
}

}  // namespace partnerhub
