// Use cases on customers: create, read, list, update, consent, erasure.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_CUSTOMERS_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_CUSTOMERS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/api/list_request.h"
#include "common/api/request_key.h"
#include "common/time/clock.h"
#include "services/customer_experience/src/domain/store.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience {

class Customers {
 public:
  Customers(CxStore& store, const Clock& clock)
      : store_(store), clock_(clock) {}

  // Validates `draft` (customer_id, profile, personal data, initial consent
  // GRANTED or DENIED) and stores it with its first consent change.
  absl::StatusOr<Customer> Create(const RequestKey& key, Customer draft,
                                  const std::string& consent_source);
  absl::StatusOr<Customer> Get(const std::string& customer_id);
  absl::StatusOr<Page<Customer>> List(const ListRequest& request);
  // Applies the masked fields of `patch` if `etag` is current.
  absl::StatusOr<Customer> Update(const std::string& customer_id,
                                  const Customer& patch,
                                  const std::vector<std::string>& mask,
                                  const std::string& etag);
  absl::StatusOr<Customer> SetConsent(const std::string& customer_id,
                                      ConsentState to,
                                      const std::string& source,
                                      std::optional<absl::Time> change_time,
                                      const std::string& etag);
  absl::StatusOr<Page<ConsentChange>> ListConsentChanges(
      const std::string& customer_id, const ListRequest& request);
  absl::StatusOr<Customer> ErasePersonalData(const std::string& customer_id,
                                             const std::string& etag);

  // What ListCustomers accepts (see the proto).
  static const ListSpec& ListCustomersSpec();

 private:
  CxStore& store_;
  const Clock& clock_;
};

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_CUSTOMERS_H_
