// Minimal line logging to stderr (this Abseil has no absl/log).
// One line per event: "<UTC time> <LEVEL> <message>"; key=value pairs in the
// message keep it greppable.
#ifndef PARTNERHUB_COMMON_LOG_LOG_H_
#define PARTNERHUB_COMMON_LOG_LOG_H_

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace partnerhub {

enum class LogLevel { kInfo, kWarning, kError };

// Writes one line atomically with respect to other Log calls.
void Log(LogLevel level, absl::string_view message);

template <typename... Args>
void LogInfo(const Args&... args) {
  Log(LogLevel::kInfo, absl::StrCat(args...));
}
template <typename... Args>
void LogWarning(const Args&... args) {
  Log(LogLevel::kWarning, absl::StrCat(args...));
}
template <typename... Args>
void LogError(const Args&... args) {
  Log(LogLevel::kError, absl::StrCat(args...));
}

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_LOG_LOG_H_
