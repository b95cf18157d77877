// Customer profile rules: age bands from birth years, and what a valid
// profile is.
#include "common/api/field_checks.h"
#include "common/status/error_details.h"
#include "services/customer_experience/src/domain/rules.h"
#include "services/customer_experience/src/domain/rules_internal.h"

namespace partnerhub::customer_experience {

using rules_internal::Invalid;

int CurrentYear(absl::Time now) {
  return static_cast<int>(absl::ToCivilYear(now, absl::UTCTimeZone()).year());
}

AgeBand AgeBandOf(int32_t birth_year, absl::Time now) {
  if (birth_year <= 0) return AgeBand::kUnknown;
  const int age = CurrentYear(now) - birth_year;
  if (age < 20) return AgeBand::kUnder20;
  if (age >= 60) return AgeBand::kSixtiesAndOver;
  return static_cast<AgeBand>(age / 10);  // 2..5
}

std::pair<int32_t, int32_t> BirthYears(AgeBand band, absl::Time now) {
  const int year = CurrentYear(now);
  switch (band) {
    case AgeBand::kUnknown:
      return {0, 0};
    case AgeBand::kUnder20:
      return {year - 19, 9999};
    case AgeBand::kSixtiesAndOver:
      return {1, year - 60};
    default: {
      const int low_age = static_cast<int>(band) * 10;
      return {year - low_age - 9, year - low_age};
    }
  }
}

absl::Status ValidateCustomer(const Customer& c, absl::Time now) {
  // Independent fields: every violation at once.
  FieldErrors errors;
  if (c.birth_year != 0) {
    errors.Add(CheckRange("customer.birth_year", c.birth_year, 1900,
                          CurrentYear(now)));
  }
  if (!c.region.empty()) errors.Add(CheckRegion("customer.region", c.region));
  if (c.sign_up_time > now + kMaxClockSkew) {
    errors.Add(Invalid("customer.sign_up_time", "lies in the future"));
  }
  const PersonalData& p = c.personal_data;
  if (!p.display_name.empty()) {
    errors.Add(CheckText("customer.personal_data.display_name", p.display_name,
                         1, 100));
  }
  if (!p.email.empty()) {
    errors.Add(CheckEmail("customer.personal_data.email", p.email));
  }
  if (!p.phone.empty()) {
    errors.Add(CheckPhone("customer.personal_data.phone", p.phone));
  }
  return errors.Result();
}

}  // namespace partnerhub::customer_experience
