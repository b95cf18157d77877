// Checks of single request fields. Each returns INVALID_ARGUMENT with a
// message that starts with the field's name, for a person using grpcurl, and
// the field in a BadRequest (InvalidField of common/status/error_details.h).
#ifndef PARTNERHUB_COMMON_API_FIELD_CHECKS_H_
#define PARTNERHUB_COMMON_API_FIELD_CHECKS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace partnerhub {

// Valid UTF-8, between min_chars and max_chars characters (code points),
// no control characters other than newline and tab.
absl::Status CheckText(absl::string_view field, absl::string_view value,
                       int min_chars, int max_chars);

// local@domain.tld: one '@', a non-empty local part of printable ASCII
// without spaces, a domain of letters, digits, '-' and at least one '.';
// at most 254 characters.
absl::Status CheckEmail(absl::string_view field, absl::string_view value);

// Digits with an optional leading '+', and spaces or dashes between them;
// 8 to 15 digits in all (E.164 allows 15).
absl::Status CheckPhone(absl::string_view field, absl::string_view value);

// lo <= value <= hi.
absl::Status CheckRange(absl::string_view field, int64_t value, int64_t lo,
                        int64_t hi);

// A currency: an ISO 4217 code of three capital letters, e.g. "KRW".
absl::Status CheckCurrencyCode(absl::string_view field, absl::string_view code);

// An identifier: 1 to max_chars of a-z, 0-9, '.', '_', '-'.
absl::Status CheckIdentifier(absl::string_view field, absl::string_view value,
                             int max_chars);

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_API_FIELD_CHECKS_H_
