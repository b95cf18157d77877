// grpcurl: list, describe and call the methods of a gRPC server through its
// reflection service, with the command line of the Go grpcurl
// (github.com/fullstorydev/grpcurl) for its everyday subset:
//
//   grpcurl -plaintext 127.0.0.1:50051 list
//   grpcurl -plaintext 127.0.0.1:50051 describe grpc.health.v1.Health
//   grpcurl -plaintext -d '{}' HOST:PORT grpc.health.v1.Health/Check
#include <grpc/support/log.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tools/grpcurl/commands.h"
#include "tools/grpcurl/connection.h"
#include "tools/grpcurl/descriptor_source.h"
#include "tools/grpcurl/flags.h"
#include "tools/grpcurl/metadata.h"
#include "tools/grpcurl/reflection_client.h"

namespace partnerhub::grpcurl {
namespace {

constexpr char kVersion[] = "partnerhub-cpp";
constexpr double kDefaultConnectTimeoutSeconds = 10;

// A mistake on the command line: the message, a hint, exit status 2.
int UsageError(const std::string& program, const std::string& message) {
  std::fprintf(stderr, "%s\nTry '%s -help' for more details.\n",
               message.c_str(), program.c_str());
  return kExitUsage;
}

void Warn(const std::string& message) {
  std::fprintf(stderr, "Warning: %s\n", message.c_str());
}

// gRPC's own log lines (e.g. "Handshake failed ...") repeat what the error
// messages say; they show only if GRPC_VERBOSITY asks for them.
void DiscardGrpcLog(gpr_log_func_args* /*args*/) {}

Clock::time_point After(double seconds) {
  return Clock::now() + std::chrono::duration_cast<Clock::duration>(
                            std::chrono::duration<double>(seconds));
}

std::vector<std::string> Concat(std::vector<std::string> a,
                                const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

int Run(const std::vector<std::string>& argv) {
  if (std::getenv("GRPC_VERBOSITY") == nullptr) {
    gpr_set_log_function(DiscardGrpcLog);
  }
  const std::string program = argv.empty() ? "grpcurl" : argv[0];
  absl::StatusOr<Options> parsed = ParseFlags(argv);
  if (!parsed.ok()) {
    std::fprintf(stderr, "%s\n%s",
                 std::string(parsed.status().message()).c_str(),
                 UsageText(program).c_str());
    return kExitUsage;
  }
  Options options = *std::move(parsed);
  if (options.help) {
    std::fputs(UsageText(program).c_str(), stderr);
    return 0;
  }
  if (options.version) {
    const size_t slash = program.rfind('/');
    std::fprintf(
        stderr, "%s %s\n",
        program.substr(slash == std::string::npos ? 0 : slash + 1).c_str(),
        kVersion);
    return 0;
  }

  // Checks on the flags, with grpcurl's messages.
  if (options.connect_timeout < 0) {
    return UsageError(program,
                      "The -connect-timeout argument must not be negative.");
  }
  if (options.keepalive_time < 0) {
    return UsageError(program,
                      "The -keepalive-time argument must not be negative.");
  }
  if (options.max_time < 0) {
    return UsageError(program, "The -max-time argument must not be negative.");
  }
  if (options.max_msg_sz < 0) {
    return UsageError(program,
                      "The -max-msg-sz argument must not be negative.");
  }
  if (options.insecure && options.plaintext) {
    return UsageError(program,
                      "The -insecure argument can only be used with TLS.");
  }
  if (!options.cert.empty() && options.plaintext) {
    return UsageError(program, "The -cert argument can only be used with TLS.");
  }
  if (!options.key.empty() && options.plaintext) {
    return UsageError(program, "The -key argument can only be used with TLS.");
  }
  if (options.key.empty() != options.cert.empty()) {
    return UsageError(program,
                      "The -cert and -key arguments must be used together and "
                      "both be present.");
  }
  if (options.format != "json" && options.format != "text") {
    return UsageError(program, "The -format option must be 'json' or 'text'.");
  }
  if (options.emit_defaults && options.format != "json") {
    Warn("The -emit-defaults is only used when using json format.");
  }
  if (options.keep_proto_names && options.format != "json") {
    Warn("The -keep-proto-names is only used when using json format.");
  }

  // [address] [list|describe] [symbol]
  std::vector<std::string> args = options.args;
  if (args.empty()) return UsageError(program, "Too few arguments.");
  std::string address;
  if (args[0] != "list" && args[0] != "describe") {
    address = args[0];
    args.erase(args.begin());
  }
  if (args.empty()) return UsageError(program, "Too few arguments.");
  enum class Verb { kList, kDescribe, kInvoke } verb = Verb::kInvoke;
  if (args[0] == "list") {
    verb = Verb::kList;
    args.erase(args.begin());
  } else if (args[0] == "describe") {
    verb = Verb::kDescribe;
    args.erase(args.begin());
  }
  std::string symbol;
  if (verb == Verb::kInvoke) {
    if (args.empty()) return UsageError(program, "Too few arguments.");
    symbol = args[0];
    args.erase(args.begin());
  } else {
    if (!options.data.empty()) {
      Warn("The -d argument is not used with 'list' or 'describe' verb.");
    }
    if (!options.rpc_headers.empty()) {
      Warn(
          "The -rpc-header argument is not used with 'list' or 'describe' "
          "verb.");
    }
    if (!args.empty()) {
      symbol = args[0];
      args.erase(args.begin());
    }
  }
  if (!args.empty()) return UsageError(program, "Too many arguments.");
  if (verb == Verb::kInvoke && address.empty()) {
    return UsageError(program, "No host:port specified.");
  }
  if (address.empty()) {
    return UsageError(program,
                      "No host:port specified, no protoset specified, and no "
                      "proto sources specified.");
  }
  if (!options.plaintext && !options.servername.empty() &&
      !options.authority.empty()) {
    if (options.servername != options.authority) {
      return UsageError(program,
                        "Cannot specify different values for -servername and "
                        "-authority.");
    }
    Warn(
        "Both -servername and -authority are present; prefer only -authority.");
  }

  if (options.expand_headers) {
    for (auto [headers, what] :
         {std::pair{&options.headers, "additional headers"},
          std::pair{&options.rpc_headers, "rpc headers"},
          std::pair{&options.reflect_headers, "reflection headers"}}) {
      absl::StatusOr<std::vector<std::string>> expanded =
          ExpandHeaders(*headers);
      if (!expanded.ok()) {
        return Fail(absl::StrCat("Failed to expand ", what), expanded.status());
      }
      *headers = *std::move(expanded);
    }
  }
  absl::StatusOr<Metadata> reflection_metadata =
      MetadataFromHeaders(Concat(options.headers, options.reflect_headers));
  if (!reflection_metadata.ok()) {
    return UsageError(program,
                      std::string(reflection_metadata.status().message()));
  }
  absl::StatusOr<Metadata> rpc_metadata =
      MetadataFromHeaders(Concat(options.headers, options.rpc_headers));
  if (!rpc_metadata.ok()) {
    return UsageError(program, std::string(rpc_metadata.status().message()));
  }

  std::optional<Clock::time_point> deadline;
  if (options.max_time > 0) deadline = After(options.max_time);
  Clock::time_point connect_deadline =
      After(options.connect_timeout > 0 ? options.connect_timeout
                                        : kDefaultConnectTimeoutSeconds);
  if (deadline.has_value() && *deadline < connect_deadline) {
    connect_deadline = *deadline;
  }
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      Dial(options, address, connect_deadline);
  if (!channel.ok()) {
    std::fprintf(stderr, "%s\n",
                 std::string(channel.status().message()).c_str());
    return kExitFailure;
  }

  ReflectionClient reflection(*channel, *std::move(reflection_metadata),
                              deadline);
  DescriptorSource source(&reflection);
  switch (verb) {
    case Verb::kList:
      return RunList(source, symbol);
    case Verb::kDescribe:
      return RunDescribe(source, symbol);
    case Verb::kInvoke:
      return RunInvoke(options, *channel, source, symbol, *rpc_metadata,
                       deadline);
  }
  return kExitFailure;
}

}  // namespace
}  // namespace partnerhub::grpcurl

int main(int argc, char** argv) {
  return partnerhub::grpcurl::Run(std::vector<std::string>(argv, argv + argc));
}
