// The campaign handler's paging helper (the rest is
// common/grpc/handler_support.h).
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_HANDLER_HANDLE_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_HANDLER_HANDLE_H_

#include "common/grpc/handler_support.h"
#include "services/campaign/src/domain/paging.h"
#include "services/campaign/src/handler/convert.h"

namespace partnerhub::campaign {

// The paging fields of any List request.
template <typename Request>
PageRequest ToPageRequest(const Request& r) {
  return PageRequest{r.page_size(), r.page_token()};
}

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_HANDLER_HANDLE_H_
