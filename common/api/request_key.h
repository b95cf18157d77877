// Identifies a mutation a client may retry (AIP-155).
#ifndef PARTNERHUB_COMMON_API_REQUEST_KEY_H_
#define PARTNERHUB_COMMON_API_REQUEST_KEY_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"

namespace partnerhub {

// The client's request_id and a fingerprint of the rest of the request, so a
// retry (same fingerprint) can be told from a reuse of the id for another
// request. An empty request_id: the client asks for no idempotency.
struct RequestKey {
  std::string request_id;
  uint64_t fingerprint = 0;
};

// request_id: empty, or 1 to 64 printable ASCII characters without spaces.
absl::Status ValidateRequestId(const std::string& request_id);

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_API_REQUEST_KEY_H_
