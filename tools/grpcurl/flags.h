// The command line of grpcurl: the flags of the Go grpcurl that this port
// supports, parsed the way Go's flag package parses them, so that commands
// copied from grpcurl documentation work unchanged.
#ifndef PARTNERHUB_TOOLS_GRPCURL_FLAGS_H_
#define PARTNERHUB_TOOLS_GRPCURL_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace partnerhub::grpcurl {

struct Options {
  bool help = false;
  bool version = false;

  // Connection.
  bool plaintext = false;
  bool insecure = false;
  bool unix_socket = false;
  std::string cacert;
  std::string cert;
  std::string key;
  std::string authority;
  std::string servername;
  std::string user_agent;
  double connect_timeout = 0;  // seconds; 0 means the default of 10
  double keepalive_time = 0;   // seconds; 0 means off
  double max_time = 0;         // seconds; 0 means no limit
  int max_msg_sz = 0;          // bytes; 0 means the default of 4 MiB

  // Metadata.
  std::vector<std::string> headers;          // -H: reflection and the RPC
  std::vector<std::string> rpc_headers;      // -rpc-header: the RPC only
  std::vector<std::string> reflect_headers;  // -reflect-header
  bool expand_headers = false;

  // Request and response data.
  std::string data;  // -d; "@" reads stdin
  std::string format = "json";
  bool allow_unknown_fields = false;
  bool emit_defaults = false;
  bool keep_proto_names = false;
  bool format_error = false;

  int verbosity = 0;  // -v: 1, -vv: 2

  // What is left after the flags: [address] [list|describe] [symbol].
  std::vector<std::string> args;
};

// Parses argv[1..] like Go's flag package: flags come first ("-name",
// "--name", "-name=value" or "-name value"; a boolean flag takes a value only
// as "-name=value"), and parsing stops at the first argument that is not a
// flag or after "--". An error message (e.g. "flag provided but not defined:
// -x") is the error to print before the usage text.
absl::StatusOr<Options> ParseFlags(const std::vector<std::string>& argv);

// The text of `grpcurl -help`, for `program` (argv[0]).
std::string UsageText(absl::string_view program);

}  // namespace partnerhub::grpcurl

#endif  // PARTNERHUB_TOOLS_GRPCURL_FLAGS_H_
