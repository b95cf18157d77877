// The partner registry's domain: plain values, no proto, no SQL.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_TYPES_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_TYPES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace partnerhub::partner_registry {

// Enum values match the proto's numbers, so the handler converts by value.
enum class PartnerCategory {
  kDepartmentStore = 1,
  kFoodAndBeverage = 2,
  kFashion = 3,
  kBeauty = 4,
  kElectronics = 5,
  kTravel = 6,
  kOther = 7,
};

enum class PartnerTier { kStandard = 1, kPremium = 2, kStrategic = 3 };

enum class PartnerState {
  kProspect = 1,
  kNegotiating = 2,
  kContracted = 3,
  kActive = 4,
  kSuspended = 5,
  kTerminated = 6,
};

enum class SettlementCycle { kWeekly = 1, kBiweekly = 2, kMonthly = 3 };

enum class AgreementState { kDraft = 1, kSigned = 2, kTerminated = 3 };

enum class SalesActivityType {
  kMeeting = 1,
  kCall = 2,
  kEmail = 3,
  kVisit = 4
};

struct Partner {
  int64_t id = 0;
  std::string display_name;
  std::string legal_name;
  // Ten digits, check digit valid.
  std::string business_registration_number;
  PartnerCategory category = PartnerCategory::kOther;
  PartnerTier tier = PartnerTier::kStandard;
  std::string account_manager;
  std::string needs;
  std::string value_proposition;
  PartnerState state = PartnerState::kProspect;
  absl::Time state_change_time;
  absl::Time create_time;
  absl::Time update_time;
  // Bumped by every change; the etag is its decimal text.
  int64_t version = 0;
};

struct PartnerStateChange {
  int64_t id = 0;
  int64_t partner_id = 0;
  // Empty for the entry written when the partner was created.
  std::optional<PartnerState> from_state;
  PartnerState to_state = PartnerState::kProspect;
  std::string reason;
  absl::Time change_time;
};

struct Contact {
  int64_t id = 0;
  int64_t partner_id = 0;
  std::string display_name;
  std::string role;
  std::string email;
  std::string phone;
  bool primary = false;
  absl::Time create_time;
  absl::Time update_time;
  int64_t version = 0;
};

struct KpiTargets {
  int64_t new_customers = 0;
  std::string gmv_currency_code;
  int64_t gmv_amount_minor = 0;
  int64_t orders = 0;
  int32_t repeat_purchase_rate_bps = 0;
  int32_t coupon_redemption_rate_bps = 0;
};

struct Agreement {
  int64_t id = 0;
  int64_t partner_id = 0;
  int32_t commission_rate_bps = 0;
  int32_t partner_discount_share_bps = 0;
  SettlementCycle settlement_cycle = SettlementCycle::kMonthly;
  absl::CivilDay start_date;
  absl::CivilDay end_date;
  AgreementState state = AgreementState::kDraft;
  KpiTargets kpi_targets;
  std::optional<absl::Time> sign_time;
  std::optional<absl::Time> terminate_time;
  std::string terminate_reason;
  absl::Time create_time;
  absl::Time update_time;
  int64_t version = 0;
};

struct SalesActivity {
  int64_t id = 0;
  int64_t partner_id = 0;
  SalesActivityType type = SalesActivityType::kMeeting;
  std::string owner;
  // The contact it was with, of the same partner; 0 for none.
  int64_t contact_id = 0;
  absl::Time occur_time;
  std::string notes;
  std::string next_step;
  std::optional<absl::Time> next_step_due_time;
  absl::Time create_time;
  absl::Time update_time;
  int64_t version = 0;
};

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_TYPES_H_
