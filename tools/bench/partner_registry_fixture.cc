#include "tools/bench/partner_registry_fixture.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"

namespace partnerhub::bench {
namespace {

namespace v1 = ::partnerhub::partner_registry::v1;
namespace domain = ::partnerhub::partner_registry;

constexpr absl::string_view kAccountManager = "bench.load";
constexpr absl::string_view kNeeds =
    "More footfall on weekday afternoons; wants a coupon promotion for "
    "customers in their 20s who bought fashion last quarter.";
constexpr absl::string_view kValueProposition =
    "Targeted coupons with platform-funded discounts and a weekly "
    "performance report.";

}  // namespace

std::string BusinessRegistrationNumber(uint64_t serial) {
  std::string digits = absl::StrFormat("%09d", serial % 1000000000);
  static constexpr int kWeights[9] = {1, 3, 7, 1, 3, 7, 1, 3, 5};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (digits[i] - '0') * kWeights[i];
  sum += ((digits[8] - '0') * 5) / 10;
  digits.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
  return digits;
}

std::string NewRequestId(BenchContext& context) {
  return absl::StrCat(context.run_id(), "-", context.NextSerial());
}

v1::CreatePartnerRequest NewCreatePartnerRequest(BenchContext& context) {
  const uint64_t serial = context.NextGlobalSerial();
  v1::CreatePartnerRequest request;
  request.set_request_id(NewRequestId(context));
  v1::Partner& p = *request.mutable_partner();
  p.set_display_name(absl::StrCat("Bench Partner ", serial));
  p.set_legal_name(absl::StrCat("(주)벤치 ", serial));
  p.set_business_registration_number(BusinessRegistrationNumber(serial));
  p.set_category(v1::Partner::FASHION);
  p.set_tier(v1::Partner::STANDARD);
  p.set_account_manager(std::string(kAccountManager));
  p.set_needs(std::string(kNeeds));
  p.set_value_proposition(std::string(kValueProposition));
  return request;
}

domain::Partner NewPartner(BenchContext& context, absl::Time now) {
  const uint64_t serial = context.NextGlobalSerial();
  domain::Partner p;
  p.display_name = absl::StrCat("Bench Partner ", serial);
  p.legal_name = absl::StrCat("(주)벤치 ", serial);
  p.business_registration_number = BusinessRegistrationNumber(serial);
  p.category = domain::PartnerCategory::kFashion;
  p.tier = domain::PartnerTier::kStandard;
  p.account_manager = std::string(kAccountManager);
  p.needs = std::string(kNeeds);
  p.value_proposition = std::string(kValueProposition);
  p.state = domain::PartnerState::kProspect;
  p.state_change_time = now;
  p.create_time = now;
  p.update_time = now;
  p.version = 1;
  return p;
}

absl::StatusOr<int64_t> PartnerIdFromName(absl::string_view name) {
  int64_t id = 0;
  absl::string_view digits = name;
  if (!absl::ConsumePrefix(&digits, "partners/") ||
      !absl::SimpleAtoi(digits, &id)) {
    return absl::InternalError(
        absl::StrCat("unexpected partner name \"", name, "\""));
  }
  return id;
}

}  // namespace partnerhub::bench
