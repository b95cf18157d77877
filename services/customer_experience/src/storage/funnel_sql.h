// The SQL of counting a funnel over stored touchpoints. Which stage a
// touchpoint type counts toward is the domain's rule (StageOf in
// domain/rules.h); this SQL is written from it, so the rule exists once.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_FUNNEL_SQL_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_FUNNEL_SQL_H_

#include <string>

namespace partnerhub::customer_experience::sql_text {

// Per stage (column `stage`), the distinct customers (`n`) with touchpoints
// of the stage's types, of one partner (?) between ? (inclusive) and ?.
const std::string& CountFunnelByPartner();

// The same for one campaign (?), between ? and ?, of one partner (? and
// ?, both the partner id) or of every partner (both 0).
const std::string& CountFunnelByCampaign();

}  // namespace partnerhub::customer_experience::sql_text

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_FUNNEL_SQL_H_
