// The ListPartners query: filter terms and order map to a fixed set of
// column fragments; values are always ? parameters.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_PARTNER_LIST_SQL_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_PARTNER_LIST_SQL_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/api/list_request.h"
#include "common/mysql/statement.h"
#include "services/partner_registry/src/domain/types.h"

namespace partnerhub::partner_registry {

struct PartnerListSql {
  std::string sql;
  mysql::Params params;
};

// Selects query.limit + 1 rows, so the caller can tell whether more follow.
absl::StatusOr<PartnerListSql> BuildPartnerListSql(const ListQuery& query);

// The keyset position of `last` in the query's order: [sort value, id].
std::vector<std::string> PartnerListKey(const ListQuery& query,
                                        const Partner& last);

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_PARTNER_LIST_SQL_H_
