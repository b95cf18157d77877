#include "services/customer_experience/src/domain/enum_names.h"

#include <array>

namespace partnerhub::customer_experience {
namespace {

constexpr std::array<absl::string_view, 7> kAgeBands = {"AGE_BAND_UNSPECIFIED",
                                                        "UNDER_20",
                                                        "TWENTIES",
                                                        "THIRTIES",
                                                        "FORTIES",
                                                        "FIFTIES",
                                                        "SIXTIES_AND_OVER"};
constexpr std::array<absl::string_view, 4> kGenders = {
    "GENDER_UNSPECIFIED", "FEMALE", "MALE", "OTHER"};
constexpr std::array<absl::string_view, 4> kConsents = {
    "STATE_UNSPECIFIED", "GRANTED", "DENIED", "REVOKED"};
constexpr std::array<absl::string_view, 7> kStages = {
    "STAGE_UNSPECIFIED", "AWARE",  "INTERESTED", "CONSIDERING",
    "PURCHASED",         "REPEAT", "ADVOCATE"};

template <typename E, size_t N>
absl::string_view Lookup(const std::array<absl::string_view, N>& names, E v) {
  const size_t i = static_cast<size_t>(v);
  return i < N ? names[i] : absl::string_view("?");
}

template <typename E, size_t N>
std::optional<E> Find(const std::array<absl::string_view, N>& names,
                      absl::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

template <size_t N>
std::vector<std::string> All(const std::array<absl::string_view, N>& names,
                             size_t from) {
  std::vector<std::string> out;
  for (size_t i = from; i < N; ++i) out.emplace_back(names[i]);
  return out;
}

}  // namespace

absl::string_view NameOf(AgeBand v) { return Lookup(kAgeBands, v); }
absl::string_view NameOf(Gender v) { return Lookup(kGenders, v); }
absl::string_view NameOf(ConsentState v) { return Lookup(kConsents, v); }
absl::string_view NameOf(FunnelStage v) { return Lookup(kStages, v); }

template <>
std::optional<AgeBand> Parse<AgeBand>(absl::string_view name) {
  return Find<AgeBand>(kAgeBands, name);
}
template <>
std::optional<Gender> Parse<Gender>(absl::string_view name) {
  return Find<Gender>(kGenders, name);
}
template <>
std::optional<ConsentState> Parse<ConsentState>(absl::string_view name) {
  return Find<ConsentState>(kConsents, name);
}
template <>
std::optional<FunnelStage> Parse<FunnelStage>(absl::string_view name) {
  return Find<FunnelStage>(kStages, name);
}

// Filters may ask for "not given" genders, unknown age bands and customers
// without touchpoints, but never for an unspecified consent.
template <>
std::vector<std::string> AllNames<AgeBand>() {
  return All(kAgeBands, 0);
}
template <>
std::vector<std::string> AllNames<Gender>() {
  return All(kGenders, 0);
}
template <>
std::vector<std::string> AllNames<ConsentState>() {
  return All(kConsents, 1);
}
template <>
std::vector<std::string> AllNames<FunnelStage>() {
  return All(kStages, 0);
}

}  // namespace partnerhub::customer_experience
