// Compiles a segment condition tree to one SQL boolean expression over
// `customers c`: profile conditions become column tests, behaviour and
// funnel conditions `c.id [NOT] IN (SELECT customer_key ... GROUP BY ...
// HAVING ...)` over the covering indexes of touchpoints, purchase_items,
// purchases and funnel_progress, so the server evaluates a segment set-wise
// (semi-joins and materialized subqueries) instead of customer by customer.
// Only fixed fragments reach the SQL text; every value is a ? parameter.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_SEGMENT_SQL_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_SEGMENT_SQL_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "common/mysql/statement.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience {

struct SqlFragment {
  std::string sql;
  mysql::Params params;
};

// The condition at `now` (relative windows end there). With
// `only_customer` != 0, every subquery is restricted to that customer (for
// a membership check, so that it reads that customer's rows only).
SqlFragment CompileCondition(const Condition& condition, absl::Time now,
                             int64_t only_customer = 0);

// Whole statements over the compiled condition.
// Columns matching, members.
SqlFragment CountSegmentSql(const Condition& condition, absl::Time now);
// Columns consent, matches; one row for the customer.
SqlFragment MembershipSql(const Condition& condition, absl::Time now,
                          int64_t customer_key);
// Column customer_id: members (consent GRANTED) after `after`, ascending;
// limit <= 0 for all.
SqlFragment MembersSql(const Condition& condition, absl::Time now,
                       const std::string& after, int limit);

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_SEGMENT_SQL_H_
