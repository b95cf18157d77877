// request_id handling shared by the create use cases.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_IDEMPOTENCY_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_IDEMPOTENCY_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/api/request_key.h"
#include "services/customer_experience/src/domain/store.h"

namespace partnerhub::customer_experience {

// Inside the create's transaction: the resource name an earlier request
// with `key` produced (a retry), or std::nullopt for a new request, which
// the caller then carries out and Remembers. A no-op without request_id.
inline absl::StatusOr<std::optional<std::string>> Recall(CxTx& tx,
                                                         const RequestKey& key,
                                                         absl::Time now) {
  if (key.request_id.empty()) return std::nullopt;
  return tx.ClaimRequest(key, now);
}

inline absl::Status Remember(CxTx& tx, const RequestKey& key,
                             const std::string& name) {
  if (key.request_id.empty()) return absl::OkStatus();
  return tx.RecordRequestResult(key, name);
}

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_IDEMPOTENCY_H_
