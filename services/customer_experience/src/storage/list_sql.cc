#include "services/customer_experience/src/storage/list_sql.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/mysql/statement.h"
#include "common/status/error_details.h"
#include "services/customer_experience/src/domain/enum_names.h"
#include "services/customer_experience/src/domain/errors.h"
#include "services/customer_experience/src/domain/rules.h"
#include "services/customer_experience/src/storage/sql.h"

namespace partnerhub::customer_experience {
namespace {

// ResolveList (common/api/list_request.h) has checked the filter's fields
// and values, and order_by, against the list's ListSpec already: the
// errors below are for a ListSpec and SQL that disagree.

absl::Status UnknownValue(const FilterTerm& term) {
  return InvalidField(
      "filter", absl::StrCat("compares ", term.field, " with '", term.value,
                             "', not one of its values"));
}

absl::Status UnknownFilterField(const FilterTerm& term) {
  return InvalidField(
      "filter", absl::StrCat("names an unknown field '", term.field, "'"));
}

absl::Status UnknownOrderField(const std::string& field) {
  return InvalidField("order_by", absl::StrCat("cannot sort by '", field, "'"));
}

std::string LikePrefix(const std::string& prefix) {
  std::string out;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

// "(<column> <cmp> ? OR (<column> = ? AND <tie> <cmp> ?))" after `after`.
void Keyset(const std::string& column, const std::string& tie, bool descending,
            const std::vector<std::string>& after,
            std::vector<std::string>& where, mysql::Params& params) {
  const char* cmp = descending ? "<" : ">";
  where.push_back(absl::StrCat("(", column, " ", cmp, " ? OR (", column,
                               " = ? AND ", tie, " ", cmp, " ?))"));
  params.push_back(after[0]);
  params.push_back(after[0]);
  params.push_back(after[1]);
}

}  // namespace

absl::StatusOr<SqlFragment> BuildCustomerListSql(const ListQuery& query,
                                                 absl::Time now) {
  SqlFragment out;
  std::vector<std::string> where;
  for (const FilterTerm& term : query.filter) {
    if (term.op == FilterTerm::Op::kHasPrefix) {
      return InvalidField(
          "filter", absl::StrCat("cannot prefix-match (*) '", term.field, "'"));
    }
    const bool negate = term.op == FilterTerm::Op::kNotEquals;
    std::string test;
    if (term.field == "age_band") {
      std::optional<AgeBand> band = Parse<AgeBand>(term.value);
      if (!band.has_value()) return UnknownValue(term);
      if (*band == AgeBand::kUnknown) {
        test = "c.birth_year = 0";
      } else {
        auto [first, last] = BirthYears(*band, now);
        test = "c.birth_year BETWEEN ? AND ?";
        out.params.push_back(int64_t{first});
        out.params.push_back(int64_t{last});
      }
    } else if (term.field == "gender") {
      std::optional<Gender> v = Parse<Gender>(term.value);
      if (!v.has_value()) return UnknownValue(term);
      test = "c.gender = ?";
      out.params.push_back(int64_t{static_cast<int>(*v)});
    } else if (term.field == "consent") {
      std::optional<ConsentState> v = Parse<ConsentState>(term.value);
      if (!v.has_value()) return UnknownValue(term);
      test = "c.consent = ?";
      out.params.push_back(int64_t{static_cast<int>(*v)});
    } else if (term.field == "funnel_stage") {
      std::optional<FunnelStage> v = Parse<FunnelStage>(term.value);
      if (!v.has_value()) return UnknownValue(term);
      test = "COALESCE(f.stage, 0) = ?";
      out.params.push_back(int64_t{static_cast<int>(*v)});
    } else if (term.field == "region") {
      test = "c.region = ?";
      out.params.push_back(term.value);
    } else {
      return UnknownFilterField(term);
    }
    where.push_back(negate ? absl::StrCat("NOT (", test, ")") : test);
  }
  std::string column;
  if (query.order.field == "name") {
    column = "c.customer_id";
  } else if (query.order.field == "create_time") {
    column = "c.create_time";
  } else if (query.order.field == "sign_up_time") {
    column = "c.sign_up_time";
  } else {
    return UnknownOrderField(query.order.field);
  }
  const bool desc = query.order.descending;
  if (!query.after.empty()) {
    if (column == "c.customer_id") {
      if (query.after.size() != 1) return BadPageToken();
      where.push_back(desc ? "c.customer_id < ?" : "c.customer_id > ?");
      out.params.push_back(query.after[0]);
    } else {
      if (query.after.size() != 2) return BadPageToken();
      Keyset(column, "c.customer_id", desc, query.after, where, out.params);
    }
  }
  out.sql = sql_text::kListCustomersPrefix;
  if (!where.empty())
    absl::StrAppend(&out.sql, " WHERE ", absl::StrJoin(where, " AND "));
  const char* dir = desc ? "DESC" : "ASC";
  if (column == "c.customer_id") {
    absl::StrAppend(&out.sql, " ORDER BY c.customer_id ", dir, " LIMIT ?");
  } else {
    absl::StrAppend(&out.sql, " ORDER BY ", column, " ", dir,
                    ", c.customer_id ", dir, " LIMIT ?");
  }
  out.params.push_back(int64_t{query.limit} + 1);
  return out;
}

std::vector<std::string> CustomerListKey(const ListQuery& query,
                                         const Customer& last) {
  if (query.order.field == "create_time") {
    return {mysql::FormatDatetime(last.create_time), last.customer_id};
  }
  if (query.order.field == "sign_up_time") {
    return {mysql::FormatDatetime(last.sign_up_time), last.customer_id};
  }
  return {last.customer_id};
}

absl::StatusOr<SqlFragment> BuildSegmentListSql(const ListQuery& query) {
  SqlFragment out;
  std::vector<std::string> where;
  for (const FilterTerm& term : query.filter) {
    if (term.field != "display_name") return UnknownFilterField(term);
    switch (term.op) {
      case FilterTerm::Op::kEquals:
        where.push_back("display_name = ?");
        out.params.push_back(term.value);
        break;
      case FilterTerm::Op::kNotEquals:
        where.push_back("display_name <> ?");
        out.params.push_back(term.value);
        break;
      case FilterTerm::Op::kHasPrefix:
        where.push_back("display_name LIKE ?");
        out.params.push_back(LikePrefix(term.value));
        break;
    }
  }
  const std::string& f = query.order.field;
  if (f != "create_time" && f != "update_time" && f != "display_name") {
    return UnknownOrderField(f);
  }
  const std::string column = f;  // one of the three names above
  const bool desc = query.order.descending;
  if (!query.after.empty()) {
    int64_t id = 0;
    if (query.after.size() != 2 || !absl::SimpleAtoi(query.after[1], &id))
      return BadPageToken();
    const char* cmp = desc ? "<" : ">";
    where.push_back(absl::StrCat("(", column, " ", cmp, " ? OR (", column,
                                 " = ? AND id ", cmp, " ?))"));
    out.params.push_back(query.after[0]);
    out.params.push_back(query.after[0]);
    out.params.push_back(id);
  }
  out.sql = sql_text::kListSegmentsPrefix;
  if (!where.empty())
    absl::StrAppend(&out.sql, " WHERE ", absl::StrJoin(where, " AND "));
  const char* dir = desc ? "DESC" : "ASC";
  absl::StrAppend(&out.sql, " ORDER BY ", column, " ", dir, ", id ", dir,
                  " LIMIT ?");
  out.params.push_back(int64_t{query.limit} + 1);
  return out;
}

std::vector<std::string> SegmentListKey(const ListQuery& query,
                                        const Segment& last) {
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

}  // namespace partnerhub::customer_experience
