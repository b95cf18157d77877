// What a valid touchpoint is.
#include "absl/strings/str_cat.h"
#include "common/api/field_checks.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/domain/rules.h"
#include "services/customer_experience/src/domain/rules_internal.h"

namespace partnerhub::customer_experience {

using rules_internal::CheckEventTime;
using rules_internal::Invalid;

absl::Status ValidateTouchpoint(absl::string_view field, const Touchpoint& t,
                                absl::Time now) {
  PH_RETURN_IF_ERROR(
      CheckExternalId(absl::StrCat(field, ".customer"), t.customer_id));
  PH_RETURN_IF_ERROR(
      CheckEventId(absl::StrCat(field, ".event_id"), t.event_id));
  const int type = static_cast<int>(t.type);
  if (type <= 0 || type > kMaxTouchpointType) {
    return Invalid(absl::StrCat(field, ".type"), "is required");
  }
  PH_RETURN_IF_ERROR(
      CheckEventTime(absl::StrCat(field, ".occur_time"), t.occur_time, now));
  const int channel = static_cast<int>(t.channel);
  if (channel < 0 || channel > kMaxChannel) {
    return Invalid(absl::StrCat(field, ".channel"), "has an unknown value");
  }
  if (t.properties.size() > kMaxProperties) {
    return Invalid(
        absl::StrCat(field, ".properties"),
        absl::StrCat("may have at most ", kMaxProperties, " entries"));
  }
  for (const auto& [key, value] : t.properties) {
    PH_RETURN_IF_ERROR(
        CheckText(absl::StrCat(field, ".properties key"), key, 1, 64));
    PH_RETURN_IF_ERROR(CheckText(absl::StrCat(field, ".properties[", key, "]"),
                                 value, 0, 256));
  }
  return absl::OkStatus();
}

}  // namespace partnerhub::customer_experience
