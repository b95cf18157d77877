// The formats of the ids, categories and regions clients send (customer
// and order ids, event ids, product categories, ISO 3166-2 regions).
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/customer_experience/src/domain/rules.h"
#include "services/customer_experience/src/domain/rules_internal.h"

namespace partnerhub::customer_experience {

using rules_internal::Invalid;

namespace {

absl::Status CheckChars(absl::string_view field, absl::string_view value,
                        absl::string_view extra, bool upper_ok,
                        absl::string_view pattern) {
  if (value.empty() || value.size() > 64) {
    return Invalid(field, absl::StrCat("must be 1 to 64 of ", pattern));
  }
  for (char c : value) {
    const bool ok = absl::ascii_islower(c) || absl::ascii_isdigit(c) ||
                    (upper_ok && absl::ascii_isupper(c)) ||
                    extra.find(c) != absl::string_view::npos;
    if (!ok) {
      return Invalid(field, absl::StrCat("must be 1 to 64 of ", pattern,
                                         ", got \"", value, "\""));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckExternalId(absl::string_view field, absl::string_view id) {
  return CheckChars(field, id, "_-", true, "A-Z a-z 0-9 '_' '-'");
}

absl::Status CheckEventId(absl::string_view field, absl::string_view id) {
  return CheckChars(field, id, "_-.:", true, "A-Z a-z 0-9 '_' '-' '.' ':'");
}

absl::Status CheckCategory(absl::string_view field,
                           absl::string_view category) {
  return CheckChars(field, category, "_-.", false, "a-z 0-9 '_' '-' '.'");
}

absl::Status CheckRegion(absl::string_view field, absl::string_view region) {
  bool ok = region.size() >= 4 && region.size() <= 6 &&
            absl::ascii_isupper(region[0]) && absl::ascii_isupper(region[1]) &&
            region[2] == '-';
  for (size_t i = 3; ok && i < region.size(); ++i) {
    ok = absl::ascii_isupper(region[i]) || absl::ascii_isdigit(region[i]);
  }
  if (!ok) {
    return Invalid(field, absl::StrCat("must be an ISO 3166-2 code like "
                                       "\"KR-11\", got \"",
                                       region, "\""));
  }
  return absl::OkStatus();
}

}  // namespace partnerhub::customer_experience
