// request_id bookkeeping for mutations a client may retry (AIP-155).
//
// Every producer schema has the table (common/mysql/schema/, applied by
// common/events/producer_schema.h):
//   request_ids(request_id PK, fingerprint, result, create_time)
// A mutation claims its request_id in the same transaction as its change and
// records what it produced (a resource name). A retry finds the claim and
// returns the same result; concurrent duplicates wait on the row lock of the
// first, so exactly one executes.
#ifndef PARTNERHUB_COMMON_MYSQL_REQUEST_IDS_H_
#define PARTNERHUB_COMMON_MYSQL_REQUEST_IDS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/mysql/connection_pool.h"

namespace partnerhub::mysql {

// Inside an open transaction. Returns std::nullopt when the request is new:
// the caller makes its change and calls RecordRequestResult before commit.
// Returns the recorded result when the same request was executed before.
// INVALID_ARGUMENT when the id was used for a different request (another
// fingerprint).
absl::StatusOr<std::optional<std::string>> ClaimRequestId(
    Connection& conn, const std::string& request_id, uint64_t fingerprint,
    absl::Time now);

// Stores the result of the request claimed in this transaction.
void RecordRequestResult(Connection& conn, const std::string& request_id,
                         const std::string& result);

// Deletes claims older than `before`; returns how many.
int64_t PruneRequestIds(Connection& conn, absl::Time before);

}  // namespace partnerhub::mysql

#endif  // PARTNERHUB_COMMON_MYSQL_REQUEST_IDS_H_
