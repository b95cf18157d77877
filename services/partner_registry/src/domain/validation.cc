// Field validation of the partner registry's resources (rules.h).
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/api/field_checks.h"
#include "common/status/error_details.h"
#include "services/partner_registry/src/domain/rules.h"

namespace partnerhub::partner_registry {
namespace {

constexpr int kMaxLongText = 4000;

}  // namespace

absl::StatusOr<std::string> NormalizeBusinessRegistrationNumber(
    absl::string_view field, absl::string_view value) {
  std::string digits;
  bool dashed = false;
  for (char c : value) {
    if (absl::ascii_isdigit(c)) {
      digits.push_back(c);
    } else if (c == '-') {
      dashed = true;
    } else {
      return InvalidField(field,
                          "must be 10 digits, optionally as 123-45-67890");
    }
  }
  if (digits.size() != 10 ||
      (dashed && (value.size() != 12 || value[3] != '-' || value[6] != '-'))) {
    return InvalidField(field, absl::StrCat("must be 10 digits, optionally as "
                                            "123-45-67890, got \"",
                                            value, "\""));
  }
  // National Tax Service check digit: weights 1,3,7,1,3,7,1,3,5 on the first
  // nine digits, plus the tens of 5 × the ninth digit.
  static constexpr int kWeights[9] = {1, 3, 7, 1, 3, 7, 1, 3, 5};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (digits[i] - '0') * kWeights[i];
  sum += ((digits[8] - '0') * 5) / 10;
  const int check = (10 - sum % 10) % 10;
  if (check != digits[9] - '0') {
    return InvalidField(field,
                        absl::StrCat("\"", value,
                                     "\" has a wrong check digit: not a valid "
                                     "registration number"));
  }
  return digits;
}

// Each Validate* checks every field, so that a request learns all that is
// wrong with it at once (the checks are independent of each other).

absl::Status ValidatePartner(const Partner& p) {
  FieldErrors errors;
  errors.Add(CheckText("partner.display_name", p.display_name, 1, 200));
  errors.Add(CheckText("partner.legal_name", p.legal_name, 1, 200));
  errors.Add(NormalizeBusinessRegistrationNumber(
                 "partner.business_registration_number",
                 p.business_registration_number)
                 .status());
  errors.Add(CheckIdentifier("partner.account_manager", p.account_manager, 64));
  errors.Add(CheckText("partner.needs", p.needs, 0, kMaxLongText));
  errors.Add(CheckText("partner.value_proposition", p.value_proposition, 0,
                       kMaxLongText));
  return errors.Result();
}

absl::Status ValidateContact(const Contact& c) {
  FieldErrors errors;
  errors.Add(CheckText("contact.display_name", c.display_name, 1, 100));
  errors.Add(CheckText("contact.role", c.role, 0, 100));
  errors.Add(CheckEmail("contact.email", c.email));
  if (!c.phone.empty()) errors.Add(CheckPhone("contact.phone", c.phone));
  return errors.Result();
}

absl::Status ValidateAgreement(const Agreement& a) {
  FieldErrors errors;
  errors.Add(CheckRange("agreement.commission_rate_bps", a.commission_rate_bps,
                        0, 10000));
  errors.Add(CheckRange("agreement.partner_discount_share_bps",
                        a.partner_discount_share_bps, 0, 10000));
  if (a.end_date < a.start_date) {
    errors.Add("agreement.end_date",
               absl::StrCat("(", absl::FormatCivilTime(a.end_date),
                            ") must not be before agreement.start_date (",
                            absl::FormatCivilTime(a.start_date), ")"));
  }
  const KpiTargets& k = a.kpi_targets;
  errors.Add(CheckRange("agreement.kpi_targets.new_customers", k.new_customers,
                        0, INT64_MAX));
  errors.Add(
      CheckRange("agreement.kpi_targets.orders", k.orders, 0, INT64_MAX));
  errors.Add(CheckRange("agreement.kpi_targets.gmv.amount_minor",
                        k.gmv_amount_minor, 0, INT64_MAX));
  if (k.gmv_amount_minor > 0 || !k.gmv_currency_code.empty()) {
    errors.Add(CheckCurrencyCode("agreement.kpi_targets.gmv.currency_code",
                                 k.gmv_currency_code));
  }
  errors.Add(CheckRange("agreement.kpi_targets.repeat_purchase_rate_bps",
                        k.repeat_purchase_rate_bps, 0, 10000));
  errors.Add(CheckRange("agreement.kpi_targets.coupon_redemption_rate_bps",
                        k.coupon_redemption_rate_bps, 0, 10000));
  return errors.Result();
}

absl::Status ValidateSalesActivity(const SalesActivity& s) {
  FieldErrors errors;
  errors.Add(CheckIdentifier("sales_activity.owner", s.owner, 64));
  if (s.occur_time == absl::InfinitePast()) {
    errors.Add("sales_activity.occur_time", "is required");
  }
  errors.Add(CheckText("sales_activity.notes", s.notes, 0, kMaxLongText));
  errors.Add(CheckText("sales_activity.next_step", s.next_step, 0, 500));
  return errors.Result();
}

}  // namespace partnerhub::partner_registry
