// A stable 64-bit fingerprint of bytes (FNV-1a): the same input gives the
// same value in every process and release, unlike absl::Hash. Used to tell
// a retried request from a different one, to bind page tokens to their
// query, and to checksum migration files. Not for security.
#ifndef PARTNERHUB_COMMON_API_FINGERPRINT_H_
#define PARTNERHUB_COMMON_API_FINGERPRINT_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace partnerhub {

uint64_t Fingerprint(absl::string_view bytes);

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_API_FINGERPRINT_H_
