#include "common/api/list_request.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/api/fingerprint.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"

namespace partnerhub {
namespace {

const FilterField* FindField(const ListSpec& spec, const std::string& name) {
  for (const FilterField& f : spec.filter_fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

absl::Status CheckTerm(const ListSpec& spec, const FilterTerm& term) {
  const FilterField* field = FindField(spec, term.field);
  if (field == nullptr) {
    std::vector<std::string> names;
    for (const FilterField& f : spec.filter_fields) names.push_back(f.name);
    return InvalidField(
        "filter", absl::StrCat("names an unknown field '", term.field,
                               "'; filterable: ", absl::StrJoin(names, ", ")));
  }
  if (term.op == FilterTerm::Op::kHasPrefix && !field->prefix) {
    return InvalidField(
        "filter", absl::StrCat("cannot prefix-match (*) '", term.field, "'"));
  }
  if (!field->enum_values.empty() &&
      std::find(field->enum_values.begin(), field->enum_values.end(),
                term.value) == field->enum_values.end()) {
    return InvalidField(
        "filter", absl::StrCat("compares ", term.field, " with '", term.value,
                               "', not one of its values: ",
                               absl::StrJoin(field->enum_values, ", ")));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ListQuery> ResolveList(const ListSpec& spec,
                                      const ListRequest& request) {
  ListQuery query;
  PH_ASSIGN_OR_RETURN(query.limit,
                      ResolvePageSize(request.page_size, spec.limits));
  PH_ASSIGN_OR_RETURN(query.filter, ParseFilter(request.filter));
  for (const FilterTerm& term : query.filter)
    PH_RETURN_IF_ERROR(CheckTerm(spec, term));

  PH_ASSIGN_OR_RETURN(std::vector<OrderTerm> order,
                      ParseOrderBy(request.order_by));
  if (order.size() > 1) {
    return InvalidField("order_by", "may name only one field");
  }
  if (order.empty()) {
    query.order = OrderTerm{spec.order_fields.front(), spec.default_descending};
  } else {
    query.order = order.front();
    if (std::find(spec.order_fields.begin(), spec.order_fields.end(),
                  query.order.field) == spec.order_fields.end()) {
      return InvalidField(
          "order_by",
          absl::StrCat("cannot sort by '", query.order.field,
                       "'; one of: ", absl::StrJoin(spec.order_fields, ", ")));
    }
  }
  // The token is bound to everything that shapes the result but the size.
  query.fingerprint = Fingerprint(absl::StrCat(
      request.parent, "\n", request.filter, "\n", query.order.field,
      query.order.descending ? " desc" : " asc"));
  PH_ASSIGN_OR_RETURN(PageToken token,
                      DecodePageToken(request.page_token, query.fingerprint));
  query.after = std::move(token.last_key);
  return query;
}

}  // namespace partnerhub
