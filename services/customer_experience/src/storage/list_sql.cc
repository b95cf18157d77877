#include "services/customer_experience/src/storage/list_sql.h"

#include "absl/strings/str_cat.h"
#include "common/mysql/statement.h"
#include "common/status/error_details.h"
#include "services/customer_experience/src/domain/enum_names.h"
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

}  // namespace

absl::StatusOr<mysql::KeysetList> CustomerList(const ListQuery& query,
                                               absl::Time now) {
  mysql::KeysetList list(sql_text::kListCustomersPrefix);
  for (const FilterTerm& term : query.filter) {
    if (term.op == FilterTerm::Op::kHasPrefix) {
      return InvalidField(
          "filter", absl::StrCat("cannot prefix-match (*) '", term.field, "'"));
    }
    const bool negate = term.op == FilterTerm::Op::kNotEquals;
    std::string test;
    mysql::Params params;
    if (term.field == "age_band") {
      std::optional<AgeBand> band = Parse<AgeBand>(term.value);
      if (!band.has_value()) return UnknownValue(term);
      if (*band == AgeBand::kUnknown) {
        test = "c.birth_year = 0";
      } else {
        auto [first, last] = BirthYears(*band, now);
        test = "c.birth_year BETWEEN ? AND ?";
        params = {int64_t{first}, int64_t{last}};
      }
    } else if (term.field == "gender") {
      std::optional<Gender> v = Parse<Gender>(term.value);
      if (!v.has_value()) return UnknownValue(term);
      test = "c.gender = ?";
      params = {int64_t{static_cast<int>(*v)}};
    } else if (term.field == "consent") {
      std::optional<ConsentState> v = Parse<ConsentState>(term.value);
      if (!v.has_value()) return UnknownValue(term);
      test = "c.consent = ?";
      params = {int64_t{static_cast<int>(*v)}};
    } else if (term.field == "funnel_stage") {
      std::optional<FunnelStage> v = Parse<FunnelStage>(term.value);
      if (!v.has_value()) return UnknownValue(term);
      test = "COALESCE(f.stage, 0) = ?";
      params = {int64_t{static_cast<int>(*v)}};
    } else if (term.field == "region") {
      test = "c.region = ?";
      params = {term.value};
    } else {
      return UnknownFilterField(term);
    }
    list.Where(negate ? absl::StrCat("NOT (", test, ")") : test,
               std::move(params));
  }
  // By name: customer_id alone (it is unique); otherwise then by it.
  if (query.order.field == "create_time") {
    list.OrderBy("c.create_time");
  } else if (query.order.field == "sign_up_time") {
    list.OrderBy("c.sign_up_time");
  } else if (query.order.field != "name") {
    return UnknownOrderField(query.order.field);
  }
  list.Tie("c.customer_id", mysql::KeyKind::kText)
      .Descending(query.order.descending);
  return list;
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

absl::StatusOr<mysql::KeysetList> SegmentList(const ListQuery& query) {
  mysql::KeysetList list(sql_text::kListSegmentsPrefix);
  for (const FilterTerm& term : query.filter) {
    if (term.field != "display_name") return UnknownFilterField(term);
    list.WhereText("display_name", term);
  }
  const std::string& f = query.order.field;
  if (f != "create_time" && f != "update_time" && f != "display_name") {
    return UnknownOrderField(f);
  }
  // f is one of the three column names above.
  list.OrderBy(f).Tie("id").Descending(query.order.descending);
  return list;
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
