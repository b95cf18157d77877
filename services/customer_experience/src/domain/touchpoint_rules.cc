// What a valid touchpoint is.
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/api/field_checks.h"
#include "common/status/error_details.h"
#include "services/customer_experience/src/domain/rules.h"
#include "services/customer_experience/src/domain/rules_internal.h"

namespace partnerhub::customer_experience {

using rules_internal::CheckEventTime;
using rules_internal::Invalid;

absl::Status ValidateTouchpoint(absl::string_view field, const Touchpoint& t,
                                absl::Time now) {
  // Independent fields: every violation at once.
  FieldErrors errors;
  errors.Add(CheckExternalId(absl::StrCat(field, ".customer"), t.customer_id));
  errors.Add(CheckEventId(absl::StrCat(field, ".event_id"), t.event_id));
  const int type = static_cast<int>(t.type);
  if (type <= 0 || type > kMaxTouchpointType) {
    errors.Add(Invalid(absl::StrCat(field, ".type"), "is required"));
  }
  errors.Add(
      CheckEventTime(absl::StrCat(field, ".occur_time"), t.occur_time, now));
  const int channel = static_cast<int>(t.channel);
  if (channel < 0 || channel > kMaxChannel) {
    errors.Add(
        Invalid(absl::StrCat(field, ".channel"), "has an unknown value"));
  }
  const std::string properties = absl::StrCat(field, ".properties");
  if (t.properties.size() > kMaxProperties) {
    errors.Add(Invalid(properties, absl::StrCat("may have at most ",
                                                kMaxProperties, " entries")));
  } else {
    for (const auto& [key, value] : t.properties) {
      // A bad key is a violation of the map field itself.
      absl::Status bad_key =
          CheckText(absl::StrCat(properties, " key"), key, 1, 64);
      if (!bad_key.ok()) {
        errors.Add(properties,
                   absl::StripPrefix(bad_key.message(),
                                     absl::StrCat(properties, " ")));
      }
      errors.Add(
          CheckText(absl::StrCat(properties, "[", key, "]"), value, 0, 256));
    }
  }
  return errors.Result();
}

}  // namespace partnerhub::customer_experience
