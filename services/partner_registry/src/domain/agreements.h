// Use cases on a partner's agreements: drafting, signing, terminating,
// with no two live agreements of a partner overlapping in time.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_AGREEMENTS_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_AGREEMENTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/api/list_request.h"
#include "common/api/request_key.h"
#include "common/time/clock.h"
#include "services/partner_registry/src/domain/events.h"
#include "services/partner_registry/src/domain/store.h"
#include "services/partner_registry/src/domain/types.h"

namespace partnerhub::partner_registry {

class Agreements {
 public:
  Agreements(PartnerStore& store, const Clock& clock)
      : store_(store), clock_(clock) {}

  absl::StatusOr<Agreement> Create(const RequestKey& key, int64_t partner_id,
                                   Agreement draft);
  absl::StatusOr<Agreement> Get(int64_t partner_id, int64_t id);
  absl::StatusOr<Page<Agreement>> List(int64_t partner_id,
                                       const ListRequest& request);
  absl::StatusOr<Agreement> Update(int64_t partner_id, int64_t id,
                                   const Agreement& patch,
                                   const std::vector<std::string>& mask,
                                   const std::string& etag);
  absl::Status Delete(int64_t partner_id, int64_t id, const std::string& etag);
  absl::StatusOr<Agreement> Sign(int64_t partner_id, int64_t id,
                                 const std::string& etag);
  absl::StatusOr<Agreement> Terminate(int64_t partner_id, int64_t id,
                                      const std::string& reason,
                                      const std::string& etag);

  // Whether `agreement` is in force now (for Agreement.in_force).
  bool InForceNow(const Agreement& agreement) const;

 private:
  // Loads the agreement under its partner's lock, checks the etag and that
  // it is in `state`, lets `change` modify it, stores it and publishes it
  // as `event`.
  absl::StatusOr<Agreement> Change(
      int64_t partner_id, int64_t id, const std::string& etag,
      AgreementState state, AgreementChanged::Change event,
      absl::FunctionRef<absl::Status(Agreement&, PartnerTx&)> change);

  PartnerStore& store_;
  const Clock& clock_;
};

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_AGREEMENTS_H_
