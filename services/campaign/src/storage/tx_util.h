// Small helpers shared by the MySqlCampaignTx files.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_TX_UTIL_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_TX_UTIL_H_

#include <cppconn/resultset.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/api/list_request.h"
#include "common/api/pagination.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/keyset_list.h"
#include "common/mysql/statement.h"

namespace partnerhub::campaign {

// One page of `list`, whose tie is the rows' id (every campaign list is by
// id, ascending): continued after the id of query.after (BadPageToken when
// it is not one id), at most query.limit rows read by `read`, and when there
// were more, the last one's id to continue after.
template <typename T, typename Reader>
absl::StatusOr<Slice<T>> ReadListById(mysql::Connection& conn,
                                      const mysql::KeysetList& list,
                                      const ListQuery& query, Reader read) {
  absl::StatusOr<mysql::ListSql> sql = list.Build(query);
  if (!sql.ok()) return sql.status();
  auto rs = mysql::Query(conn, sql->sql, sql->params);
  std::vector<T> rows;
  while (rs->next()) rows.push_back(read(*rs));
  return mysql::TakeSlice(std::move(rows), query.limit, [](const T& last) {
    return std::vector<std::string>{absl::StrCat(last.id)};
  });
}

inline std::string Str(absl::string_view v) { return std::string(v); }

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_TX_UTIL_H_
