// Keyset paging by id for the campaign service's lists: page sizes, and
// page tokens bound to the list they were made for.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_PAGING_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_PAGING_H_

#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/api/fingerprint.h"
#include "common/api/pagination.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "common/status/status_macros.h"
#include "services/campaign/src/domain/store.h"

namespace partnerhub::campaign {

// A list request's paging fields.
struct PageRequest {
  int32_t page_size = 0;
  std::string page_token;
};

// Where a page starts and how long it is.
struct IdCursor {
  int64_t after_id = 0;
  int limit = 50;
  // Binds page tokens to the list (its parent and filters).
  uint64_t fingerprint = 0;
};

// `list` names the list and its filters, e.g. "campaigns?partner=3".
inline absl::StatusOr<IdCursor> ResolveIdPage(const PageRequest& request,
                                              absl::string_view list,
                                              PageSizeLimits limits = {}) {
  IdCursor cursor;
  PH_ASSIGN_OR_RETURN(cursor.limit, ResolvePageSize(request.page_size, limits));
  cursor.fingerprint = Fingerprint(list);
  PH_ASSIGN_OR_RETURN(PageToken token,
                      DecodePageToken(request.page_token, cursor.fingerprint));
  if (!token.last_key.empty() &&
      !absl::SimpleAtoi(token.last_key[0], &cursor.after_id)) {
    return InvalidField("page_token", "is not valid",
                        ::partnerhub::reason::kInvalidPageToken);
  }
  return cursor;
}

// The page for `slice`; `id_of` gives a row's id.
template <typename T, typename IdOf>
Page<T> ToIdPage(IdSlice<T> slice, const IdCursor& cursor, IdOf id_of) {
  Page<T> page;
  if (slice.more && !slice.items.empty()) {
    page.next_page_token =
        EncodePageToken(PageToken{{absl::StrCat(id_of(slice.items.back()))}},
                        cursor.fingerprint);
  }
  page.items = std::move(slice.items);
  return page;
}

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_PAGING_H_
