// Errors storage gives the same way for every resource.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_STORAGE_ERRORS_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_STORAGE_ERRORS_H_

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"

namespace partnerhub::partner_registry {

// ABORTED, reason CONCURRENT_UPDATE, retry after 100ms: an Update* found
// the row of `name` at another version than the one it was based on.
inline absl::Status ChangedConcurrently(absl::string_view name) {
  return RetryableError(absl::StatusCode::kAborted,
                        partnerhub::reason::kConcurrentUpdate,
                        absl::StrCat(name, " was changed concurrently; retry"),
                        absl::Milliseconds(100), {{"resource", name}});
}

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_STORAGE_ERRORS_H_
