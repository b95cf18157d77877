#include "common/mysql/sql_error.h"

#include <cppconn/exception.h>

#include <optional>
#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"

namespace partnerhub::mysql {

bool IsConnectionError(int error_code) {
  switch (error_code) {
    case 2002:  // CR_CONNECTION_ERROR
    case 2003:  // CR_CONN_HOST_ERROR
    case 2006:  // CR_SERVER_GONE_ERROR
    case 2013:  // CR_SERVER_LOST
    case 2026:  // CR_SSL_CONNECTION_ERROR
    case 2055:  // CR_SERVER_LOST_EXTENDED
    case 1927:  // ER_CONNECTION_KILLED
    case 1053:  // ER_SERVER_SHUTDOWN
      return true;
    default:
      return false;
  }
}

bool IsRetryableConflict(int error_code) {
  return error_code == kErLockDeadlock || error_code == kErLockWaitTimeout;
}

namespace {

constexpr char kErrorCodeUrl[] = "type.partnerhub.dev/mysql.error_code";

absl::Status WithCode(absl::Status status, int code) {
  status.SetPayload(kErrorCodeUrl, absl::Cord(absl::StrCat(code)));
  return status;
}

}  // namespace

absl::Status DatabaseUnavailable(absl::string_view message) {
  return ErrorWithReason(absl::StatusCode::kUnavailable,
                         reason::kDatabaseUnavailable, message);
}

namespace {

absl::Status Map(const sql::SQLException& e) {
  const int code = e.getErrorCode();
  if (code == kErDupEntry) {
    return absl::AlreadyExistsError("the resource already exists");
  }
  if (IsRetryableConflict(code)) {
    return RetryableError(absl::StatusCode::kAborted, reason::kConcurrentUpdate,
                          "concurrent conflict; retry the request",
                          absl::Milliseconds(100));
  }
  if (IsConnectionError(code)) {
    LogWarning("database connection error code=", code, " what=", e.what());
    return DatabaseUnavailable("database unavailable");
  }
  LogError("database error code=", code, " sqlstate=", e.getSQLState(),
           " what=", e.what());
  return absl::InternalError("database error");
}

}  // namespace

absl::Status ToStatus(const sql::SQLException& e) {
  return WithCode(Map(e), e.getErrorCode());
}

int SqlErrorCode(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kErrorCodeUrl);
  int code = 0;
  if (payload.has_value() && absl::SimpleAtoi(std::string(*payload), &code)) {
    return code;
  }
  return 0;
}

}  // namespace partnerhub::mysql
