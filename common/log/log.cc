#include "common/log/log.h"

#include <cstdio>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace partnerhub {

void Log(LogLevel level, absl::string_view message) {
  const char* tag = level == LogLevel::kInfo      ? "INFO"
                    : level == LogLevel::kWarning ? "WARN"
                                                  : "ERROR";
  std::string line =
      absl::StrCat(absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", absl::Now(),
                                    absl::UTCTimeZone()),
                   " ", tag, " ", message, "\n");
  // A single fwrite of the whole line keeps concurrent lines whole.
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace partnerhub
