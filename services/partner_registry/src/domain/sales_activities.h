// Use cases on the sales activities with a partner.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_SALES_ACTIVITIES_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_SALES_ACTIVITIES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/api/list_request.h"
#include "common/api/request_key.h"
#include "common/time/clock.h"
#include "services/partner_registry/src/domain/store.h"
#include "services/partner_registry/src/domain/types.h"

namespace partnerhub::partner_registry {

class SalesActivities {
 public:
  SalesActivities(PartnerStore& store, const Clock& clock)
      : store_(store), clock_(clock) {}

  absl::StatusOr<SalesActivity> Create(const RequestKey& key,
                                       int64_t partner_id, SalesActivity draft);
  absl::StatusOr<SalesActivity> Get(int64_t partner_id, int64_t id);
  absl::StatusOr<Page<SalesActivity>> List(int64_t partner_id,
                                           const ListRequest& request);
  absl::StatusOr<SalesActivity> Update(int64_t partner_id, int64_t id,
                                       const SalesActivity& patch,
                                       const std::vector<std::string>& mask,
                                       const std::string& etag);
  absl::Status Delete(int64_t partner_id, int64_t id, const std::string& etag);

 private:
  PartnerStore& store_;
  const Clock& clock_;
};

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_SALES_ACTIVITIES_H_
