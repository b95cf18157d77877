// Use cases on purchases and refunds.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_PURCHASES_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_PURCHASES_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/api/list_request.h"
#include "common/api/request_key.h"
#include "common/time/clock.h"
#include "services/customer_experience/src/domain/store.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience {

class Purchases {
 public:
  Purchases(CxStore& store, const Clock& clock)
      : store_(store), clock_(clock) {}

  // Stores the purchase with a PURCHASE (or REPEAT_PURCHASE) touchpoint and
  // moves the funnel. The same order again: the stored purchase when the
  // content is the same, ALREADY_EXISTS otherwise.
  absl::StatusOr<Purchase> Record(Purchase draft);
  absl::StatusOr<Purchase> Get(const std::string& purchase_id);
  absl::StatusOr<Page<Purchase>> List(const std::string& customer_id,
                                      const ListRequest& request);
  // Adds a refund (with a REFUND touchpoint); refunds may not exceed the
  // total (FAILED_PRECONDITION).
  absl::StatusOr<Purchase> AddRefund(const RequestKey& key,
                                     const std::string& purchase_id,
                                     Refund refund);

 private:
  CxStore& store_;
  const Clock& clock_;
};

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_PURCHASES_H_
