// Helpers the customer-experience converters of several resources share
// (see convert.h).
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_CONVERT_CONVERT_INTERNAL_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_CONVERT_CONVERT_INTERNAL_H_

#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/grpc/proto_convert.h"
#include "common/status/error_details.h"
#include "services/customer_experience/src/convert/convert.h"

namespace partnerhub::customer_experience::convert_internal {

// A proto enum value as the domain enum (same numbers). UNSPECIFIED (0) is
// accepted here when `allow_unspecified`; unknown numbers never.
template <typename Domain, typename Proto>
absl::StatusOr<Domain> EnumFromProto(absl::string_view field, Proto value,
                                     bool (*is_valid)(int),
                                     bool allow_unspecified) {
  const int v = static_cast<int>(value);
  if (v == 0 && !allow_unspecified) return InvalidField(field, "is required");
  if (!is_valid(v)) {
    return InvalidField(field, absl::StrCat("has an unknown value ", v));
  }
  return static_cast<Domain>(v);
}

template <typename Proto, typename Domain>
Proto EnumToProto(Domain value) {
  return static_cast<Proto>(static_cast<int>(value));
}

inline absl::StatusOr<absl::Time> OptionalTime(
    const std::string& field, bool has, const google::protobuf::Timestamp& ts) {
  if (!has) return absl::UnixEpoch();
  return FromProtoTime(field, ts);
}

inline partnerhub::type::v1::Money Money(const std::string& currency,
                                         int64_t amount) {
  partnerhub::type::v1::Money m;
  m.set_currency_code(currency);
  m.set_amount_minor(amount);
  return m;
}

}  // namespace partnerhub::customer_experience::convert_internal

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_CONVERT_CONVERT_INTERNAL_H_
