#include "common/api/etag.h"

#include "absl/strings/str_cat.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"

namespace partnerhub {

std::string FormatEtag(int64_t version) { return absl::StrCat(version); }

absl::Status CheckEtag(absl::string_view etag, int64_t version,
                       absl::string_view resource) {
  if (etag.empty() || etag == FormatEtag(version)) return absl::OkStatus();
  return ErrorWithReason(
      absl::StatusCode::kAborted, reason::kStaleEtag,
      absl::StrCat("etag \"", etag, "\" of ", resource,
                   " is stale: it was changed since you read it; read it "
                   "again"),
      {{"resource", resource}, {"etag", etag}});
}

}  // namespace partnerhub
