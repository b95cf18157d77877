// List pagination (AIP-158): page sizes and opaque, query-bound page tokens.
#ifndef PARTNERHUB_COMMON_API_PAGINATION_H_
#define PARTNERHUB_COMMON_API_PAGINATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace partnerhub {

struct PageSizeLimits {
  int default_size = 50;
  int max_size = 1000;
};

// 0 → the default, above the max → the max, negative → INVALID_ARGUMENT.
absl::StatusOr<int> ResolvePageSize(int32_t page_size,
                                    PageSizeLimits limits = {});

// Where the next page starts: the sort key of the last row returned, in the
// list's own order (keyset pagination, stable under inserts). A token is
// only valid for the query (filter, order, parent) it was made for.
struct PageToken {
  std::vector<std::string> last_key;
};

// INVALID_ARGUMENT, reason INVALID_PAGE_TOKEN, naming page_token: the token
// is malformed, or the keyset position in it does not fit the list. The one
// error every list gives for a page_token it did not return.
absl::Status BadPageToken();

std::string EncodePageToken(const PageToken& token, uint64_t query_fingerprint);

// "" decodes to a token with an empty last_key (the first page).
// INVALID_ARGUMENT naming page_token when it is malformed or was made for a
// different query.
absl::StatusOr<PageToken> DecodePageToken(absl::string_view encoded,
                                          uint64_t query_fingerprint);

// One page as a list RPC returns it.
template <typename T>
struct Page {
  std::vector<T> items;
  // Empty on the last page.
  std::string next_page_token;
};

// One page as storage returns it: the rows, and the sort key of the last
// row when more rows follow (empty when this is the end).
template <typename T>
struct Slice {
  std::vector<T> items;
  std::vector<std::string> continue_after;
};

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_API_PAGINATION_H_
