// The ListPartners query: filter terms and order map to a fixed set of
// columns of common's KeysetList (common/mysql/keyset_list.h); values are
// always ? parameters.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_PARTNER_LIST_SQL_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_PARTNER_LIST_SQL_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/api/list_request.h"
#include "common/mysql/keyset_list.h"
#include "services/partner_registry/src/domain/types.h"

namespace partnerhub::partner_registry {

// The list of partners for query's filter and order (mysql::ReadSlice runs
// it); INVALID_ARGUMENT for a filter field or order the SQL does not know.
absl::StatusOr<mysql::KeysetList> PartnerList(const ListQuery& query);

// The keyset position of `last` in the query's order: [sort value, id].
std::vector<std::string> PartnerListKey(const ListQuery& query,
                                        const Partner& last);

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_PARTNER_LIST_SQL_H_
