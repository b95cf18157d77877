// Small helpers shared by the MySqlCampaignTx files.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_TX_UTIL_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_TX_UTIL_H_

#include <cppconn/resultset.h>

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/api/list_request.h"
#include "common/api/pagination.h"
#include "services/campaign/src/domain/errors.h"

namespace partnerhub::campaign {

// Where a list by id continues: after the id of query.after (0 on the first
// page); BadPageToken when query.after is not one id.
inline absl::StatusOr<int64_t> AfterId(const ListQuery& query) {
  if (query.after.empty()) return int64_t{0};
  int64_t id = 0;
  if (query.after.size() != 1 || !absl::SimpleAtoi(query.after[0], &id)) {
    return BadPageToken();
  }
  return id;
}

// Rows of a query run with LIMIT limit + 1: at most `limit` of them, read by
// `read`, and when there were more, the last one's id to continue after.
template <typename T, typename Reader>
Slice<T> ReadSlice(sql::ResultSet& rs, int limit, Reader read) {
  Slice<T> slice;
  while (rs.next()) slice.items.push_back(read(rs));
  if (static_cast<int>(slice.items.size()) > limit) {
    slice.items.resize(limit);
    slice.continue_after = {absl::StrCat(slice.items.back().id)};
  }
  return slice;
}

inline std::string Str(absl::string_view v) { return std::string(v); }

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_TX_UTIL_H_
