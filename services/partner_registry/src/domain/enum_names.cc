#include "services/partner_registry/src/domain/enum_names.h"

#include "common/api/enum_names.h"

namespace partnerhub::partner_registry {
namespace {

constexpr EnumName<PartnerCategory> kCategories[] = {
    {PartnerCategory::kDepartmentStore, "DEPARTMENT_STORE"},
    {PartnerCategory::kFoodAndBeverage, "FOOD_AND_BEVERAGE"},
    {PartnerCategory::kFashion, "FASHION"},
    {PartnerCategory::kBeauty, "BEAUTY"},
    {PartnerCategory::kElectronics, "ELECTRONICS"},
    {PartnerCategory::kTravel, "TRAVEL"},
    {PartnerCategory::kOther, "OTHER"},
};
constexpr EnumName<PartnerTier> kTiers[] = {
    {PartnerTier::kStandard, "STANDARD"},
    {PartnerTier::kPremium, "PREMIUM"},
    {PartnerTier::kStrategic, "STRATEGIC"},
};
constexpr EnumName<PartnerState> kPartnerStates[] = {
    {PartnerState::kProspect, "PROSPECT"},
    {PartnerState::kNegotiating, "NEGOTIATING"},
    {PartnerState::kContracted, "CONTRACTED"},
    {PartnerState::kActive, "ACTIVE"},
    {PartnerState::kSuspended, "SUSPENDED"},
    {PartnerState::kTerminated, "TERMINATED"},
};
constexpr EnumName<SettlementCycle> kCycles[] = {
    {SettlementCycle::kWeekly, "WEEKLY"},
    {SettlementCycle::kBiweekly, "BIWEEKLY"},
    {SettlementCycle::kMonthly, "MONTHLY"},
};
constexpr EnumName<AgreementState> kAgreementStates[] = {
    {AgreementState::kDraft, "DRAFT"},
    {AgreementState::kSigned, "SIGNED"},
    {AgreementState::kTerminated, "TERMINATED"},
};
constexpr EnumName<SalesActivityType> kActivityTypes[] = {
    {SalesActivityType::kMeeting, "MEETING"},
    {SalesActivityType::kCall, "CALL"},
    {SalesActivityType::kEmail, "EMAIL"},
    {SalesActivityType::kVisit, "VISIT"},
};

}  // namespace

absl::string_view NameOf(PartnerCategory v) { return NameIn(kCategories, v); }
absl::string_view NameOf(PartnerTier v) { return NameIn(kTiers, v); }
absl::string_view NameOf(PartnerState v) { return NameIn(kPartnerStates, v); }
absl::string_view NameOf(SettlementCycle v) { return NameIn(kCycles, v); }
absl::string_view NameOf(AgreementState v) {
  return NameIn(kAgreementStates, v);
}
absl::string_view NameOf(SalesActivityType v) {
  return NameIn(kActivityTypes, v);
}

template <>
std::optional<PartnerCategory> Parse(absl::string_view name) {
  return ValueIn(kCategories, name);
}
template <>
std::optional<PartnerTier> Parse(absl::string_view name) {
  return ValueIn(kTiers, name);
}
template <>
std::optional<PartnerState> Parse(absl::string_view name) {
  return ValueIn(kPartnerStates, name);
}
template <>
std::optional<SettlementCycle> Parse(absl::string_view name) {
  return ValueIn(kCycles, name);
}
template <>
std::optional<AgreementState> Parse(absl::string_view name) {
  return ValueIn(kAgreementStates, name);
}
template <>
std::optional<SalesActivityType> Parse(absl::string_view name) {
  return ValueIn(kActivityTypes, name);
}

}  // namespace partnerhub::partner_registry
