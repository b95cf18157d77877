// Parsing of the `filter` (a subset of AIP-160) and `order_by` (AIP-132)
// strings of List requests. Which fields a list accepts is the domain's
// business; this only turns the text into terms.
//
//   filter   := term { "AND" term }
//   term     := FIELD ("=" | "!=") VALUE
//   VALUE    := WORD | "quoted string"     a trailing * on an "=" value
//                                          asks for a prefix match
//   order_by := FIELD [asc|desc] { "," FIELD [asc|desc] }
#ifndef PARTNERHUB_COMMON_API_LIST_QUERY_H_
#define PARTNERHUB_COMMON_API_LIST_QUERY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace partnerhub {

struct FilterTerm {
  enum class Op { kEquals, kNotEquals, kHasPrefix };
  std::string field;
  Op op = Op::kEquals;
  // Unquoted; for kHasPrefix without the trailing '*'.
  std::string value;
};

struct OrderTerm {
  std::string field;
  bool descending = false;
};

// INVALID_ARGUMENT naming `filter` and what is wrong where.
absl::StatusOr<std::vector<FilterTerm>> ParseFilter(absl::string_view filter);

// INVALID_ARGUMENT naming `order_by`.
absl::StatusOr<std::vector<OrderTerm>> ParseOrderBy(absl::string_view order_by);

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_API_LIST_QUERY_H_
