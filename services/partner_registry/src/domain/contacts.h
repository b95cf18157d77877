// Use cases on a partner's contacts, keeping exactly one primary contact
// per partner that has any.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_CONTACTS_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_CONTACTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/api/list_request.h"
#include "common/api/request_key.h"
#include "common/time/clock.h"
#include "services/partner_registry/src/domain/store.h"
#include "services/partner_registry/src/domain/types.h"

namespace partnerhub::partner_registry {

class Contacts {
 public:
  Contacts(PartnerStore& store, const Clock& clock)
      : store_(store), clock_(clock) {}

  absl::StatusOr<Contact> Create(const RequestKey& key, int64_t partner_id,
                                 Contact draft);
  absl::StatusOr<Contact> Get(int64_t partner_id, int64_t id);
  absl::StatusOr<Page<Contact>> List(int64_t partner_id,
                                     const ListRequest& request);
  absl::StatusOr<Contact> Update(int64_t partner_id, int64_t id,
                                 const Contact& patch,
                                 const std::vector<std::string>& mask,
                                 const std::string& etag);
  absl::Status Delete(int64_t partner_id, int64_t id, const std::string& etag);

 private:
  PartnerStore& store_;
  const Clock& clock_;
};

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_CONTACTS_H_
