#include "services/partner_registry/src/storage/partner_list_sql.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/mysql/statement.h"
#include "common/status/error_details.h"
#include "services/partner_registry/src/storage/sql.h"

namespace partnerhub::partner_registry {
namespace {

// API field → column. Only these names ever reach the SQL text.
const std::map<std::string, std::string>& FilterColumns() {
  static const auto* columns = new std::map<std::string, std::string>{
      {"state", "state"},
      {"category", "category"},
      {"tier", "tier"},
      {"account_manager", "account_manager"},
      {"display_name", "display_name"},
  };
  return *columns;
}

const std::map<std::string, std::string>& OrderColumns() {
  static const auto* columns = new std::map<std::string, std::string>{
      {"create_time", "create_time"},
      {"update_time", "update_time"},
      {"display_name", "display_name"},
  };
  return *columns;
}

}  // namespace

absl::StatusOr<mysql::KeysetList> PartnerList(const ListQuery& query) {
  mysql::KeysetList list(sql_text::kListPartnersPrefix);
  for (const FilterTerm& term : query.filter) {
    auto it = FilterColumns().find(term.field);
    if (it == FilterColumns().end()) {
      return InvalidField(
          "filter", absl::StrCat("names an unknown field '", term.field, "'"));
    }
    list.WhereText(it->second, term);
  }
  auto order = OrderColumns().find(query.order.field);
  if (order == OrderColumns().end()) {
    return InvalidField("order_by", absl::StrCat("names an unknown field '",
                                                 query.order.field, "'"));
  }
  list.OrderBy(order->second).Tie("id").Descending(query.order.descending);
  return list;
}

std::vector<std::string> PartnerListKey(const ListQuery& query,
                                        const Partner& last) {
  std::string value;
  if (query.order.field == "display_name") {
    value = last.display_name;
  } else if (query.order.field == "update_time") {
    value = mysql::FormatDatetime(last.update_time);
  } else {
    value = mysql::FormatDatetime(last.create_time);
  }
  return {value, absl::StrCat(last.id)};
}

}  // namespace partnerhub::partner_registry
