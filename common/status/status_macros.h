// Early-return helpers for absl::Status and absl::StatusOr<T>.
// This Abseil release ships none, so the suite defines its own, once.
#ifndef PARTNERHUB_COMMON_STATUS_STATUS_MACROS_H_
#define PARTNERHUB_COMMON_STATUS_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define PH_STATUS_CONCAT_INNER_(a, b) a##b
#define PH_STATUS_CONCAT_(a, b) PH_STATUS_CONCAT_INNER_(a, b)

// Returns the status from the enclosing function if `expr` is not OK.
#define PH_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::absl::Status ph_status_ = (expr);      \
    if (!ph_status_.ok()) return ph_status_; \
  } while (false)

// `PH_ASSIGN_OR_RETURN(auto x, Foo());` assigns the value of an
// absl::StatusOr, or returns its status from the enclosing function.
#define PH_ASSIGN_OR_RETURN(lhs, expr)                                      \
  PH_ASSIGN_OR_RETURN_IMPL_(PH_STATUS_CONCAT_(ph_statusor_, __LINE__), lhs, \
                            expr)

#define PH_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr)     \
  auto statusor = (expr);                                  \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = *std::move(statusor)

#endif  // PARTNERHUB_COMMON_STATUS_STATUS_MACROS_H_
