// Use cases on partners: create, read, list, update, delete, and moves
// along the lifecycle.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_PARTNERS_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_PARTNERS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/api/list_request.h"
#include "common/api/request_key.h"
#include "common/time/clock.h"
#include "services/partner_registry/src/domain/store.h"
#include "services/partner_registry/src/domain/types.h"

namespace partnerhub::partner_registry {

class Partners {
 public:
  Partners(PartnerStore& store, const Clock& clock)
      : store_(store), clock_(clock) {}

  // Validates `draft`, stores it as a PROSPECT with its first history entry.
  absl::StatusOr<Partner> Create(const RequestKey& key, Partner draft);
  absl::StatusOr<Partner> Get(int64_t id);
  absl::StatusOr<Page<Partner>> List(const ListRequest& request);
  // Applies the masked fields of `patch` if `etag` is current.
  absl::StatusOr<Partner> Update(int64_t id, const Partner& patch,
                                 const std::vector<std::string>& mask,
                                 const std::string& etag);
  absl::Status Delete(int64_t id, const std::string& etag);
  absl::StatusOr<Partner> Transition(int64_t id, PartnerState to,
                                     const std::string& reason,
                                     const std::string& etag);
  absl::StatusOr<Page<PartnerStateChange>> ListStateChanges(
      int64_t partner_id, const ListRequest& request);

  // What ListPartners accepts (see the proto).
  static const ListSpec& ListPartnersSpec();

 private:
  PartnerStore& store_;
  const Clock& clock_;
};

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_PARTNERS_H_
