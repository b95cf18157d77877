#include "common/api/request_key.h"

#include "common/status/error_details.h"

namespace partnerhub {

absl::Status ValidateRequestId(const std::string& request_id) {
  if (request_id.size() > 64) {
    return InvalidField("request_id", "must be at most 64 characters");
  }
  for (char c : request_id) {
    if (c <= ' ' || c > '~') {
      return InvalidField("request_id",
                          "must be printable ASCII without spaces");
    }
  }
  return absl::OkStatus();
}

}  // namespace partnerhub
