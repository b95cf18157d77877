// Runs Connector/C++ calls and turns their exceptions into absl::Status, so
// nothing above storage sees an exception.
#ifndef PARTNERHUB_COMMON_MYSQL_GUARDED_H_
#define PARTNERHUB_COMMON_MYSQL_GUARDED_H_

#include <cppconn/exception.h>

#include <type_traits>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/sql_error.h"

namespace partnerhub::mysql {

template <typename T>
struct IsStatusOr : std::false_type {};
template <typename T>
struct IsStatusOr<absl::StatusOr<T>> : std::true_type {};

// Calls `f()`. Returns absl::Status when `f` returns void or absl::Status,
// absl::StatusOr<T> when it returns T or absl::StatusOr<T>. A
// sql::SQLException becomes a status (see ToStatus); a connection error
// also marks `conn` broken.
template <typename F>
auto Guarded(Connection& conn, F&& f) {
  using R = std::invoke_result_t<F>;
  using Out = std::conditional_t<
      std::is_void_v<R> || std::is_same_v<R, absl::Status>, absl::Status,
      std::conditional_t<IsStatusOr<R>::value, R, absl::StatusOr<R>>>;
  try {
    if constexpr (std::is_void_v<R>) {
      f();
      return Out(absl::OkStatus());
    } else {
      return Out(f());
    }
  } catch (const sql::SQLException& e) {
    if (IsConnectionError(e.getErrorCode())) conn.MarkBroken();
    return Out(ToStatus(e));
  }
}

}  // namespace partnerhub::mysql

#endif  // PARTNERHUB_COMMON_MYSQL_GUARDED_H_
