// The ListCustomers and ListSegments queries: filter terms and order map to
// a fixed set of column fragments of common's KeysetList
// (common/mysql/keyset_list.h); values are always ? parameters.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_LIST_SQL_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_LIST_SQL_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/api/list_request.h"
#include "common/mysql/keyset_list.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience {

// The lists for query's filter and order (mysql::ReadSlice runs them);
// INVALID_ARGUMENT for a filter or order the SQL does not know. `now`
// resolves age bands to birth years.
absl::StatusOr<mysql::KeysetList> CustomerList(const ListQuery& query,
                                               absl::Time now);
absl::StatusOr<mysql::KeysetList> SegmentList(const ListQuery& query);

// The keyset position of the last row in the query's order.
std::vector<std::string> CustomerListKey(const ListQuery& query,
                                         const Customer& last);
std::vector<std::string> SegmentListKey(const ListQuery& query,
                                        const Segment& last);

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_LIST_SQL_H_
