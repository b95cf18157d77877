#include "services/customer_experience/src/domain/enum_names.h"

#include "common/api/enum_names.h"

namespace partnerhub::customer_experience {
namespace {

constexpr EnumName<AgeBand> kAgeBands[] = {
    {AgeBand::kUnknown, "AGE_BAND_UNSPECIFIED"},
    {AgeBand::kUnder20, "UNDER_20"},
    {AgeBand::kTwenties, "TWENTIES"},
    {AgeBand::kThirties, "THIRTIES"},
    {AgeBand::kForties, "FORTIES"},
    {AgeBand::kFifties, "FIFTIES"},
    {AgeBand::kSixtiesAndOver, "SIXTIES_AND_OVER"},
};
constexpr EnumName<Gender> kGenders[] = {
    {Gender::kUnspecified, "GENDER_UNSPECIFIED"},
    {Gender::kFemale, "FEMALE"},
    {Gender::kMale, "MALE"},
    {Gender::kOther, "OTHER"},
};
constexpr EnumName<ConsentState> kConsents[] = {
    {ConsentState::kUnspecified, "STATE_UNSPECIFIED"},
    {ConsentState::kGranted, "GRANTED"},
    {ConsentState::kDenied, "DENIED"},
    {ConsentState::kRevoked, "REVOKED"},
};
constexpr EnumName<FunnelStage> kStages[] = {
    {FunnelStage::kNone, "STAGE_UNSPECIFIED"},
    {FunnelStage::kAware, "AWARE"},
    {FunnelStage::kInterested, "INTERESTED"},
    {FunnelStage::kConsidering, "CONSIDERING"},
    {FunnelStage::kPurchased, "PURCHASED"},
    {FunnelStage::kRepeat, "REPEAT"},
    {FunnelStage::kAdvocate, "ADVOCATE"},
};

}  // namespace

absl::string_view NameOf(AgeBand v) { return NameIn(kAgeBands, v, "?"); }
absl::string_view NameOf(Gender v) { return NameIn(kGenders, v, "?"); }
absl::string_view NameOf(ConsentState v) { return NameIn(kConsents, v, "?"); }
absl::string_view NameOf(FunnelStage v) { return NameIn(kStages, v, "?"); }

template <>
std::optional<AgeBand> Parse<AgeBand>(absl::string_view name) {
  return ValueIn(kAgeBands, name);
}
template <>
std::optional<Gender> Parse<Gender>(absl::string_view name) {
  return ValueIn(kGenders, name);
}
template <>
std::optional<ConsentState> Parse<ConsentState>(absl::string_view name) {
  return ValueIn(kConsents, name);
}
template <>
std::optional<FunnelStage> Parse<FunnelStage>(absl::string_view name) {
  return ValueIn(kStages, name);
}

// Filters may ask for "not given" genders, unknown age bands and customers
// without touchpoints, but never for an unspecified consent.
template <>
std::vector<std::string> AllNames<AgeBand>() {
  return NamesIn(kAgeBands, 0);
}
template <>
std::vector<std::string> AllNames<Gender>() {
  return NamesIn(kGenders, 0);
}
template <>
std::vector<std::string> AllNames<ConsentState>() {
  return NamesIn(kConsents, 1);
}
template <>
std::vector<std::string> AllNames<FunnelStage>() {
  return NamesIn(kStages, 0);
}

}  // namespace partnerhub::customer_experience
