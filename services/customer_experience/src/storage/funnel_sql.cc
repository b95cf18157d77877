#include "services/customer_experience/src/storage/funnel_sql.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/customer_experience/src/domain/rules.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience::sql_text {
namespace {

// "CASE type WHEN 1 THEN 1 ... END": the stage (StageOf) of column `type`.
std::string StageOfTypeSql() {
  std::string sql = "CASE type";
  for (int type = 1; type <= kMaxTouchpointType; ++type) {
    const FunnelStage stage = StageOf(static_cast<TouchpointType>(type));
    if (stage == FunnelStage::kNone) continue;
    absl::StrAppend(&sql, " WHEN ", type, " THEN ", static_cast<int>(stage));
  }
  return absl::StrCat(sql, " END");
}

// "1, 2, ...": the types that count toward a stage.
std::string TypesWithStageSql() {
  std::vector<int> types;
  for (int type = 1; type <= kMaxTouchpointType; ++type) {
    if (StageOf(static_cast<TouchpointType>(type)) != FunnelStage::kNone) {
      types.push_back(type);
    }
  }
  return absl::StrJoin(types, ", ");
}

}  // namespace

const std::string& CountFunnelByPartner() {
  static const std::string* sql = new std::string(absl::StrCat(
      "SELECT ", StageOfTypeSql(),
      " AS stage, COUNT(DISTINCT customer_key) AS n FROM touchpoints "
      "WHERE type IN (",
      TypesWithStageSql(),
      ") AND partner_id = ? AND occur_time >= ? AND occur_time < ? "
      "GROUP BY stage"));
  return *sql;
}

const std::string& CountFunnelByCampaign() {
  static const std::string* sql = new std::string(absl::StrCat(
      "SELECT ", StageOfTypeSql(),
      " AS stage, COUNT(DISTINCT customer_key) AS n FROM touchpoints "
      "WHERE campaign_id = ? AND type IN (",
      TypesWithStageSql(),
      ") AND occur_time >= ? AND occur_time < ? "
      "AND (? = 0 OR partner_id = ?) GROUP BY stage"));
  return *sql;
}

}  // namespace partnerhub::customer_experience::sql_text
