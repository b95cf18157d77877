#include "services/partner_registry/src/domain/enum_names.h"

#include <array>
#include <utility>

namespace partnerhub::partner_registry {
namespace {

template <typename E, size_t N>
using Table = std::array<std::pair<E, absl::string_view>, N>;

constexpr Table<PartnerCategory, 7> kCategories = {{
    {PartnerCategory::kDepartmentStore, "DEPARTMENT_STORE"},
    {PartnerCategory::kFoodAndBeverage, "FOOD_AND_BEVERAGE"},
    {PartnerCategory::kFashion, "FASHION"},
    {PartnerCategory::kBeauty, "BEAUTY"},
    {PartnerCategory::kElectronics, "ELECTRONICS"},
    {PartnerCategory::kTravel, "TRAVEL"},
    {PartnerCategory::kOther, "OTHER"},
}};
constexpr Table<PartnerTier, 3> kTiers = {{
    {PartnerTier::kStandard, "STANDARD"},
    {PartnerTier::kPremium, "PREMIUM"},
    {PartnerTier::kStrategic, "STRATEGIC"},
}};
constexpr Table<PartnerState, 6> kPartnerStates = {{
    {PartnerState::kProspect, "PROSPECT"},
    {PartnerState::kNegotiating, "NEGOTIATING"},
    {PartnerState::kContracted, "CONTRACTED"},
    {PartnerState::kActive, "ACTIVE"},
    {PartnerState::kSuspended, "SUSPENDED"},
    {PartnerState::kTerminated, "TERMINATED"},
}};
constexpr Table<SettlementCycle, 3> kCycles = {{
    {SettlementCycle::kWeekly, "WEEKLY"},
    {SettlementCycle::kBiweekly, "BIWEEKLY"},
    {SettlementCycle::kMonthly, "MONTHLY"},
}};
constexpr Table<AgreementState, 3> kAgreementStates = {{
    {AgreementState::kDraft, "DRAFT"},
    {AgreementState::kSigned, "SIGNED"},
    {AgreementState::kTerminated, "TERMINATED"},
}};
constexpr Table<SalesActivityType, 4> kActivityTypes = {{
    {SalesActivityType::kMeeting, "MEETING"},
    {SalesActivityType::kCall, "CALL"},
    {SalesActivityType::kEmail, "EMAIL"},
    {SalesActivityType::kVisit, "VISIT"},
}};

template <typename E, size_t N>
absl::string_view Find(const Table<E, N>& table, E v) {
  for (const auto& [value, name] : table) {
    if (value == v) return name;
  }
  return "";
}

template <typename E, size_t N>
std::optional<E> Find(const Table<E, N>& table, absl::string_view name) {
  for (const auto& [value, n] : table) {
    if (n == name) return value;
  }
  return std::nullopt;
}

}  // namespace

absl::string_view NameOf(PartnerCategory v) { return Find(kCategories, v); }
absl::string_view NameOf(PartnerTier v) { return Find(kTiers, v); }
absl::string_view NameOf(PartnerState v) { return Find(kPartnerStates, v); }
absl::string_view NameOf(SettlementCycle v) { return Find(kCycles, v); }
absl::string_view NameOf(AgreementState v) { return Find(kAgreementStates, v); }
absl::string_view NameOf(SalesActivityType v) {
  return Find(kActivityTypes, v);
}

template <>
std::optional<PartnerCategory> Parse(absl::string_view name) {
  return Find(kCategories, name);
}
template <>
std::optional<PartnerTier> Parse(absl::string_view name) {
  return Find(kTiers, name);
}
template <>
std::optional<PartnerState> Parse(absl::string_view name) {
  return Find(kPartnerStates, name);
}
template <>
std::optional<SettlementCycle> Parse(absl::string_view name) {
  return Find(kCycles, name);
}
template <>
std::optional<AgreementState> Parse(absl::string_view name) {
  return Find(kAgreementStates, name);
}
template <>
std::optional<SalesActivityType> Parse(absl::string_view name) {
  return Find(kActivityTypes, name);
}

}  // namespace partnerhub::partner_registry
