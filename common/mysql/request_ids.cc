#include "common/mysql/request_ids.h"

#include <cppconn/exception.h>
#include <cppconn/resultset.h>

#include "common/mysql/sql_error.h"
#include "common/mysql/statement.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"

namespace partnerhub::mysql {
namespace {

constexpr char kInsertClaim[] =
    "INSERT INTO request_ids (request_id, fingerprint, result, create_time) "
    "VALUES (?, ?, '', ?)";
constexpr char kSelectClaim[] =
    "SELECT fingerprint, result FROM request_ids WHERE request_id = ?";
constexpr char kUpdateResult[] =
    "UPDATE request_ids SET result = ? WHERE request_id = ?";
constexpr char kPrune[] = "DELETE FROM request_ids WHERE create_time < ?";

}  // namespace

absl::StatusOr<std::optional<std::string>> ClaimRequestId(
    Connection& conn, const std::string& request_id, uint64_t fingerprint,
    absl::Time now) {
  const int64_t stored_fingerprint = static_cast<int64_t>(fingerprint);
  try {
    Execute(conn, kInsertClaim, {request_id, stored_fingerprint, now});
    return std::nullopt;
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() != kErDupEntry) throw;
  }
  // The first request with this id has committed (the insert above waited
  // for it): read what it recorded.
  std::unique_ptr<sql::ResultSet> rs = Query(conn, kSelectClaim, {request_id});
  if (!rs->next()) {
    return RetryableError(absl::StatusCode::kAborted, reason::kConcurrentUpdate,
                          "request_id claim vanished; retry the request",
                          absl::Milliseconds(100));
  }
  if (rs->getInt64("fingerprint") != stored_fingerprint) {
    return InvalidField("request_id",
                        "was already used for a different request",
                        reason::kRequestIdReused);
  }
  return GetString(*rs, "result");
}

void RecordRequestResult(Connection& conn, const std::string& request_id,
                         const std::string& result) {
  Execute(conn, kUpdateResult, {result, request_id});
}

int64_t PruneRequestIds(Connection& conn, absl::Time before) {
  return Execute(conn, kPrune, {before});
}

}  // namespace partnerhub::mysql
