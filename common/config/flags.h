// Command-line parsing with environment-variable fallbacks, for containers
// where setting env is easier than editing the command.
#ifndef PARTNERHUB_COMMON_CONFIG_FLAGS_H_
#define PARTNERHUB_COMMON_CONFIG_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace partnerhub {

// Parses every registered absl flag. Precedence: command line, then the
// environment variable PARTNERHUB_<FLAG_NAME_UPPERCASE>, then the default.
// A malformed command line or environment value exits the process with a
// message naming the flag or variable (fail fast at start). Returns the
// positional arguments, without argv[0].
std::vector<std::string> ParseFlags(int argc, char** argv,
                                    absl::string_view usage);

// "pool_size" -> "PARTNERHUB_POOL_SIZE".
std::string FlagEnvVarName(absl::string_view flag_name);

// INVALID_ARGUMENT "flag --X (env PARTNERHUB_X) is required" when `value` is
// empty, so main() can reject missing configuration in one line.
absl::Status RequireNonEmpty(absl::string_view flag_name,
                             absl::string_view value);

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_CONFIG_FLAGS_H_
