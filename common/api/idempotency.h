// request_id handling of create-like use cases (AIP-155), written once for
// every service: the domain asks its store transaction, which is a
// RequestLedger, whether a request was carried out before.
#ifndef PARTNERHUB_COMMON_API_IDEMPOTENCY_H_
#define PARTNERHUB_COMMON_API_IDEMPOTENCY_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/api/request_key.h"

namespace partnerhub {

// The part of a store transaction that remembers request_ids: a claim in
// the same transaction as the change, and what the change produced.
// (mysql::WithRequestLedger of common/mysql/tx_store.h implements it.)
class RequestLedger {
 public:
  virtual ~RequestLedger() = default;
  // std::nullopt for a new request; the recorded result for a retry;
  // INVALID_ARGUMENT (REQUEST_ID_REUSED) for the id of another request.
  virtual absl::StatusOr<std::optional<std::string>> ClaimRequest(
      const RequestKey& key, absl::Time now) = 0;
  // Records the result (a resource name) of the request claimed.
  virtual absl::Status RecordRequestResult(const RequestKey& key,
                                           const std::string& result) = 0;
};

// Inside the change's transaction: the result an earlier request with `key`
// produced (a retry), or std::nullopt for a new request, which the caller
// then carries out and Remembers. Without a request_id, always new.
inline absl::StatusOr<std::optional<std::string>> Recall(RequestLedger& ledger,
                                                         const RequestKey& key,
                                                         absl::Time now) {
  if (key.request_id.empty()) return std::nullopt;
  return ledger.ClaimRequest(key, now);
}

// Records `result` for a new request with `key`; no-op without request_id.
inline absl::Status Remember(RequestLedger& ledger, const RequestKey& key,
                             const std::string& result) {
  if (key.request_id.empty()) return absl::OkStatus();
  return ledger.RecordRequestResult(key, result);
}

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_API_IDEMPOTENCY_H_
