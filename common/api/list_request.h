// Turning a List request (page_size, page_token, filter, order_by) into a
// checked query for storage, and storage's slice into the page returned.
#ifndef PARTNERHUB_COMMON_API_LIST_REQUEST_H_
#define PARTNERHUB_COMMON_API_LIST_REQUEST_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/api/list_query.h"
#include "common/api/pagination.h"

namespace partnerhub {

// A field a list can be filtered on.
struct FilterField {
  std::string name;
  // For enum fields, the accepted value names; empty for free strings.
  std::vector<std::string> enum_values;
  // Whether "field = value*" (prefix) is accepted.
  bool prefix = false;
};

// What one List method accepts.
struct ListSpec {
  std::vector<FilterField> filter_fields;
  // Accepted order_by fields; the first is the default (ascending unless
  // default_descending).
  std::vector<std::string> order_fields;
  bool default_descending = false;
  PageSizeLimits limits;
};

// The List request's fields.
struct ListRequest {
  // The parent resource, for lists under one ("partners/3"); part of what
  // a page token is bound to.
  std::string parent;
  int32_t page_size = 0;
  std::string page_token;
  std::string filter;
  std::string order_by;
};

// A checked query, as storage runs it: filter terms on known fields with
// valid values, one order term, where to continue, and how many rows.
struct ListQuery {
  std::vector<FilterTerm> filter;
  OrderTerm order;
  // Slice::continue_after of the previous page; empty for the first.
  std::vector<std::string> after;
  // Rows to return.
  int limit = 50;
  // Binds page tokens to this query.
  uint64_t fingerprint = 0;
};

// INVALID_ARGUMENT naming the offending request field.
absl::StatusOr<ListQuery> ResolveList(const ListSpec& spec,
                                      const ListRequest& request);

// The page for `slice`, with a next_page_token when more rows follow.
template <typename T>
Page<T> ToPage(Slice<T> slice, const ListQuery& query) {
  Page<T> page;
  page.items = std::move(slice.items);
  if (!slice.continue_after.empty()) {
    page.next_page_token = EncodePageToken(
        PageToken{std::move(slice.continue_after)}, query.fingerprint);
  }
  return page;
}

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_API_LIST_REQUEST_H_
