#include "services/partner_registry/src/storage/partner_list_sql.h"

#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/error_details.h"
#include "services/partner_registry/src/storage/sql.h"
#include "services/partner_registry/src/storage/storage_errors.h"

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

// LIKE treats % and _ as wildcards: escape them (and the escape itself).
std::string LikePrefix(const std::string& prefix) {
  std::string out;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

}  // namespace

absl::StatusOr<PartnerListSql> BuildPartnerListSql(const ListQuery& query) {
  PartnerListSql out;
  std::vector<std::string> where;
  for (const FilterTerm& term : query.filter) {
    auto it = FilterColumns().find(term.field);
    if (it == FilterColumns().end()) {
      return InvalidField(
          "filter", absl::StrCat("names an unknown field '", term.field, "'"));
    }
    const std::string& column = it->second;
    switch (term.op) {
      case FilterTerm::Op::kEquals:
        where.push_back(absl::StrCat(column, " = ?"));
        out.params.emplace_back(term.value);
        break;
      case FilterTerm::Op::kNotEquals:
        where.push_back(absl::StrCat(column, " <> ?"));
        out.params.emplace_back(term.value);
        break;
      case FilterTerm::Op::kHasPrefix:
        where.push_back(absl::StrCat(column, " LIKE ?"));
        out.params.emplace_back(LikePrefix(term.value));
        break;
    }
  }
  auto order = OrderColumns().find(query.order.field);
  if (order == OrderColumns().end()) {
    return InvalidField("order_by", absl::StrCat("names an unknown field '",
                                                 query.order.field, "'"));
  }
  const std::string& column = order->second;
  const char* cmp = query.order.descending ? "<" : ">";
  const char* dir = query.order.descending ? "DESC" : "ASC";
  if (!query.after.empty()) {
    int64_t id = 0;
    if (query.after.size() != 2 || !absl::SimpleAtoi(query.after[1], &id)) {
      return BadPageToken();
    }
    where.push_back(absl::StrCat("(", column, " ", cmp, " ? OR (", column,
                                 " = ? AND id ", cmp, " ?))"));
    out.params.emplace_back(query.after[0]);
    out.params.emplace_back(query.after[0]);
    out.params.emplace_back(id);
  }
  out.sql = sql_text::kListPartnersPrefix;
  if (!where.empty())
    absl::StrAppend(&out.sql, " WHERE ", absl::StrJoin(where, " AND "));
  absl::StrAppend(&out.sql, " ORDER BY ", column, " ", dir, ", id ", dir,
                  " LIMIT ?");
  out.params.emplace_back(int64_t{query.limit} + 1);
  return out;
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
