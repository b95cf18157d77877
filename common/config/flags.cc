#include "common/config/flags.h"

#include <cstdlib>
#include <mutex>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/log/log.h"

namespace partnerhub {
namespace {

// Applies PARTNERHUB_<NAME> to every flag that has one. Run before the
// command line is parsed, so that the command line, parsed second, wins:
// this Abseil offers no public way to ask whether a flag was given there.
void ApplyEnvironment() {
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    const std::string var = FlagEnvVarName(name);
    const char* value = std::getenv(var.c_str());
    if (value == nullptr) continue;
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      LogError("invalid value \"", value, "\" in environment variable ", var,
               " (flag --", name, "): ", error);
      std::exit(1);
    }
  }
}

}  // namespace

std::string FlagEnvVarName(absl::string_view flag_name) {
  return absl::StrCat("PARTNERHUB_", absl::AsciiStrToUpper(flag_name));
}

std::vector<std::string> ParseFlags(int argc, char** argv,
                                    absl::string_view usage) {
  // Abseil aborts if the usage message is set twice (tests parse repeatedly).
  static std::once_flag usage_once;
  std::call_once(usage_once, [usage] { absl::SetProgramUsageMessage(usage); });
  ApplyEnvironment();
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  // positional[0] is argv[0].
  if (positional.empty()) return {};
  return std::vector<std::string>(positional.begin() + 1, positional.end());
}

absl::Status RequireNonEmpty(absl::string_view flag_name,
                             absl::string_view value) {
  if (!value.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("flag --", flag_name, " (env ",
                                                 FlagEnvVarName(flag_name),
                                                 ") is required"));
}

}  // namespace partnerhub
