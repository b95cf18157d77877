// Small helpers shared by the MySqlCampaignTx files.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_TX_UTIL_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_TX_UTIL_H_

#include <string>

#include "absl/strings/string_view.h"

namespace partnerhub::campaign {

inline std::string Str(absl::string_view v) { return std::string(v); }

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_TX_UTIL_H_
