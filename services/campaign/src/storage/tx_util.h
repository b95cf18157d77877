// Small helpers shared by the MySqlCampaignTx files.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_TX_UTIL_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_TX_UTIL_H_

#include <cppconn/resultset.h>

#include <string>

#include "absl/strings/string_view.h"
#include "services/campaign/src/domain/store.h"

namespace partnerhub::campaign {

// Rows of a query run with LIMIT limit + 1: at most `limit` of them, and
// whether there were more.
template <typename T, typename Reader>
IdSlice<T> ReadSlice(sql::ResultSet& rs, int limit, Reader read) {
  IdSlice<T> slice;
  while (rs.next()) slice.items.push_back(read(rs));
  if (static_cast<int>(slice.items.size()) > limit) {
    slice.items.resize(limit);
    slice.more = true;
  }
  return slice;
}

inline std::string Str(absl::string_view v) { return std::string(v); }

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_TX_UTIL_H_
