// Enum values by the names the API gives them ("ACTIVE", "TWENTIES"): a
// service lists each enum once as a table of EnumName and looks values
// and names up with these, for filters, messages and the schema's text
// columns. (The proto enums have the same names; the domain has its own
// enums, so the tables say which is which.)
#ifndef PARTNERHUB_COMMON_API_ENUM_NAMES_H_
#define PARTNERHUB_COMMON_API_ENUM_NAMES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace partnerhub {

template <typename E>
struct EnumName {
  E value;
  absl::string_view name;
};

// The name of `value` in `table`; `if_unknown` when the table has none.
template <typename E, size_t N>
constexpr absl::string_view NameIn(const EnumName<E> (&table)[N], E value,
                                   absl::string_view if_unknown = "") {
  for (const EnumName<E>& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return if_unknown;
}

// The value named `name` in `table`; std::nullopt for an unknown name.
template <typename E, size_t N>
constexpr std::optional<E> ValueIn(const EnumName<E> (&table)[N],
                                   absl::string_view name) {
  for (const EnumName<E>& entry : table) {
    if (entry.name == name) return entry.value;
  }
  return std::nullopt;
}

// The names of `table`, in its order, from its `from`th entry on.
template <typename E, size_t N>
std::vector<std::string> NamesIn(const EnumName<E> (&table)[N],
                                 size_t from = 0) {
  std::vector<std::string> names;
  for (size_t i = from; i < N; ++i) names.emplace_back(table[i].name);
  return names;
}

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_API_ENUM_NAMES_H_
