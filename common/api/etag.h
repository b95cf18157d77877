// Etags (AIP-154): the decimal text of a row's version counter.
#ifndef PARTNERHUB_COMMON_API_ETAG_H_
#define PARTNERHUB_COMMON_API_ETAG_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace partnerhub {

std::string FormatEtag(int64_t version);

// OK when `etag` is empty (an unconditional change) or names `version`;
// ABORTED, naming `resource`, otherwise.
absl::Status CheckEtag(absl::string_view etag, int64_t version,
                       absl::string_view resource);

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_API_ETAG_H_
