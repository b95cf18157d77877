#include "common/api/holdout.h"

#include "absl/strings/str_cat.h"
#include "common/api/fingerprint.h"

namespace partnerhub {

bool IsHoldout(absl::string_view campaign, absl::string_view customer,
               int32_t holdout_bps) {
  if (holdout_bps <= 0) return false;
  const uint64_t h = Fingerprint(absl::StrCat(campaign, "|", customer));
  return static_cast<int64_t>(h % 10000) < holdout_bps;
}

}  // namespace partnerhub
