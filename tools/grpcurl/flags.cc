#include "tools/grpcurl/flags.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <functional>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace partnerhub::grpcurl {
namespace {

enum class Kind { kBool, kString, kFloat, kInt, kMulti };

struct Flag {
  const char* name;
  Kind kind;
  const char* help;
  const char* default_text;  // shown as (default ...) when not null
};

// Help texts follow grpcurl's; lines are joined with "\n".
constexpr Flag kFlags[] = {
    {"H", Kind::kMulti,
     "Additional headers in 'name: value' format. May specify more than one\n"
     "via multiple flags. These headers will also be included in reflection\n"
     "requests to a server.",
     nullptr},
    {"allow-unknown-fields", Kind::kBool,
     "When true, the request contents, if 'json' format is used, allows\n"
     "unknown fields to be present. They will be ignored when parsing\n"
     "the request.",
     nullptr},
    {"authority", Kind::kString,
     "The authoritative name of the remote server. This value is passed as "
     "the\n"
     "value of the \":authority\" pseudo-header in the HTTP/2 protocol. When "
     "TLS\n"
     "is used, this will also be used as the server name when verifying the\n"
     "server's certificate. It defaults to the address that is provided in "
     "the\n"
     "positional arguments.",
     nullptr},
    {"cacert", Kind::kString,
     "File containing trusted root certificates for verifying the server.\n"
     "Ignored if -insecure is specified.",
     nullptr},
    {"cert", Kind::kString,
     "File containing client certificate (public key), to present to the\n"
     "server. Not valid with -plaintext option. Must also provide -key option.",
     nullptr},
    {"connect-timeout", Kind::kFloat,
     "The maximum time, in seconds, to wait for connection to be established.\n"
     "Defaults to 10 seconds.",
     nullptr},
    {"d", Kind::kString,
     "Data for request contents. If the value is '@' then the request "
     "contents\n"
     "are read from stdin. For calls that accept a stream of requests, the\n"
     "contents should include all such request messages concatenated together\n"
     "(possibly delimited; see -format).",
     nullptr},
    {"emit-defaults", Kind::kBool,
     "Emit default values for JSON-encoded responses.", nullptr},
    {"expand-headers", Kind::kBool,
     "If set, headers may use '${NAME}' syntax to reference environment\n"
     "variables. These will be expanded to the actual environment variable\n"
     "value before sending to the server. This applies to -H, -rpc-header,\n"
     "and -reflect-header options. No other expansion/escaping is performed.",
     nullptr},
    {"format", Kind::kString,
     "The format of request data. The allowed values are 'json' or 'text'. "
     "For\n"
     "'json', the input data must be in JSON format. Multiple request values\n"
     "may be concatenated (messages with a JSON representation other than\n"
     "object must be separated by whitespace, such as a newline). For 'text',\n"
     "the input data must be in the protobuf text format, in which case\n"
     "multiple request values must be separated by the \"record separator\"\n"
     "ASCII character: 0x1E. The stream should not end in a record separator.\n"
     "If it does, it will be interpreted as a final, blank message after the\n"
     "separator.",
     "\"json\""},
    {"format-error", Kind::kBool,
     "When a non-zero status is returned, format the response using the\n"
     "value set by the -format flag .",
     nullptr},
    {"help", Kind::kBool, "Print usage instructions and exit.", nullptr},
    {"insecure", Kind::kBool,
     "Skip server certificate and domain verification. (NOT SECURE!) Not\n"
     "valid with -plaintext option.",
     nullptr},
    {"keep-proto-names", Kind::kBool,
     "Use the original protobuf name for fields instead of lowerCamelCase, for "
     "JSON-encoded responses.",
     nullptr},
    {"keepalive-time", Kind::kFloat,
     "If present, the maximum idle time in seconds, after which a keepalive\n"
     "probe is sent. If the connection remains idle and no keepalive response\n"
     "is received for this same period then the connection is closed and the\n"
     "operation fails.",
     nullptr},
    {"key", Kind::kString,
     "File containing client private key, to present to the server. Not valid\n"
     "with -plaintext option. Must also provide -cert option.",
     nullptr},
    {"max-msg-sz", Kind::kInt,
     "The maximum encoded size of a response message, in bytes, that grpcurl\n"
     "will accept. If not specified, defaults to 4,194,304 (4 megabytes).",
     nullptr},
    {"max-time", Kind::kFloat,
     "The maximum total time the operation can take, in seconds. This sets a\n"
     "timeout on the gRPC context, allowing both client and server to give up\n"
     "after the deadline has past. This is useful for preventing batch jobs\n"
     "that use grpcurl from hanging due to slow or bad network links or due\n"
     "to incorrect stream method usage.",
     nullptr},
    {"plaintext", Kind::kBool,
     "Use plain-text HTTP/2 when connecting to server (no TLS).", nullptr},
    {"reflect-header", Kind::kMulti,
     "Additional reflection headers in 'name: value' format. May specify more\n"
     "than one via multiple flags. These headers will *only* be used during\n"
     "reflection requests and will be excluded when invoking the requested "
     "RPC\n"
     "method.",
     nullptr},
    {"rpc-header", Kind::kMulti,
     "Additional RPC headers in 'name: value' format. May specify more than\n"
     "one via multiple flags. These headers will *only* be used when invoking\n"
     "the requested RPC method. They are excluded from reflection requests.",
     nullptr},
    {"servername", Kind::kString,
     "Override server name when validating TLS certificate. This flag is\n"
     "ignored if -plaintext or -insecure is used.\n"
     "NOTE: Prefer -authority. This flag may be removed in the future. It is\n"
     "an error to use both -authority and -servername (though this will be\n"
     "permitted if they are both set to the same value, to increase backwards\n"
     "compatibility with earlier releases that allowed both to be set).",
     nullptr},
    {"unix", Kind::kBool,
     "Indicates that the server address is the path to a Unix domain socket.",
     nullptr},
    {"user-agent", Kind::kString,
     "If set, the specified value will be added to the User-Agent header set\n"
     "by the gRPC library.",
     nullptr},
    {"v", Kind::kBool, "Enable verbose output.", nullptr},
    {"version", Kind::kBool, "Print version.", nullptr},
    {"vv", Kind::kBool, "Enable very verbose output.", nullptr},
};

const Flag* FindFlag(absl::string_view name) {
  for (const Flag& flag : kFlags) {
    if (name == flag.name) return &flag;
  }
  return nullptr;
}

// Go's strconv.ParseBool.
bool ParseBool(absl::string_view text, bool* out) {
  for (absl::string_view t : {"1", "t", "T", "TRUE", "true", "True"}) {
    if (text == t) return *out = true, true;
  }
  for (absl::string_view f : {"0", "f", "F", "FALSE", "false", "False"}) {
    if (text == f) return *out = false, true;
  }
  return false;
}

bool ParseDouble(const std::string& text, double* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  *out = std::strtod(text.c_str(), &end);
  return errno == 0 && end == text.c_str() + text.size();
}

bool ParseInt(const std::string& text, int* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  long long value = std::strtoll(text.c_str(), &end, 0);
  if (errno != 0 || end != text.c_str() + text.size() ||
      value < std::numeric_limits<int>::min() ||
      value > std::numeric_limits<int>::max()) {
    return false;
  }
  *out = static_cast<int>(value);
  return true;
}

// Stores `value` into the option that `name` names. False if it does not
// parse as the flag's type.
bool SetFlag(const Flag& flag, const std::string& value, Options& options) {
  const absl::string_view name = flag.name;
  switch (flag.kind) {
    case Kind::kBool: {
      bool b = false;
      if (!ParseBool(value, &b)) return false;
      if (name == "allow-unknown-fields") options.allow_unknown_fields = b;
      if (name == "emit-defaults") options.emit_defaults = b;
      if (name == "expand-headers") options.expand_headers = b;
      if (name == "format-error") options.format_error = b;
      if (name == "help") options.help = b;
      if (name == "insecure") options.insecure = b;
      if (name == "keep-proto-names") options.keep_proto_names = b;
      if (name == "plaintext") options.plaintext = b;
      if (name == "unix") options.unix_socket = b;
      if (name == "version") options.version = b;
      if (name == "v" && b) options.verbosity = std::max(options.verbosity, 1);
      if (name == "vv" && b) options.verbosity = 2;
      return true;
    }
    case Kind::kString:
      if (name == "authority") options.authority = value;
      if (name == "cacert") options.cacert = value;
      if (name == "cert") options.cert = value;
      if (name == "d") options.data = value;
      if (name == "format") options.format = value;
      if (name == "key") options.key = value;
      if (name == "servername") options.servername = value;
      if (name == "user-agent") options.user_agent = value;
      return true;
    case Kind::kFloat: {
      double d = 0;
      if (!ParseDouble(value, &d)) return false;
      if (name == "connect-timeout") options.connect_timeout = d;
      if (name == "keepalive-time") options.keepalive_time = d;
      if (name == "max-time") options.max_time = d;
      return true;
    }
    case Kind::kInt: {
      int i = 0;
      if (!ParseInt(value, &i)) return false;
      if (name == "max-msg-sz") options.max_msg_sz = i;
      return true;
    }
    case Kind::kMulti:
      if (name == "H") options.headers.push_back(value);
      if (name == "rpc-header") options.rpc_headers.push_back(value);
      if (name == "reflect-header") options.reflect_headers.push_back(value);
      return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<Options> ParseFlags(const std::vector<std::string>& argv) {
  Options options;
  size_t i = 1;
  while (i < argv.size()) {
    const std::string& arg = argv[i];
    if (arg.size() < 2 || arg[0] != '-') break;
    size_t minuses = 1;
    if (arg[1] == '-') {
      minuses = 2;
      if (arg.size() == 2) {  // "--" ends the flags
        ++i;
        break;
      }
    }
    std::string name = arg.substr(minuses);
    if (name.empty() || name[0] == '-' || name[0] == '=') {
      return absl::InvalidArgumentError(absl::StrCat("bad flag syntax: ", arg));
    }
    ++i;
    bool has_value = false;
    std::string value;
    if (size_t eq = name.find('=', 1); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
      has_value = true;
    }
    if (name == "h") {
      options.help = true;
      continue;
    }
    const Flag* flag = FindFlag(name);
    if (flag == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("flag provided but not defined: -", name));
    }
    if (flag->kind == Kind::kBool) {
      if (!has_value) value = "true";
      if (!SetFlag(*flag, value, options)) {
        return absl::InvalidArgumentError(
            absl::StrCat("invalid boolean value \"", value, "\" for -", name,
                         ": parse error"));
      }
      continue;
    }
    if (!has_value) {
      if (i >= argv.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("flag needs an argument: -", name));
      }
      value = argv[i++];
    }
    if (!SetFlag(*flag, value, options)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "invalid value \"", value, "\" for flag -", name, ": parse error"));
    }
  }
  options.args.assign(argv.begin() + std::min(i, argv.size()), argv.end());
  return options;
}

std::string UsageText(absl::string_view program) {
  std::string text = absl::StrCat("Usage:\n\t", program,
                                  R"( [flags] [address] [list|describe] [symbol]

If 'list' is indicated, the symbol (if present) should be a fully-qualified
service name. If present, all methods of that service are listed. If not
present, all exposed services are listed.

If 'describe' is indicated, the descriptor for the given symbol is shown. The
symbol should be a fully-qualified service, enum, or message name. If no symbol
is given then the descriptors for all exposed services are shown.

If neither verb is present, the symbol must be a fully-qualified method name in
'service/method' or 'service.method' format. In this case, the request body will
be used to invoke the named method. If no body is given but one is required
(i.e. the method is unary or server-streaming), an empty instance of the
method's request type will be sent.

The address will typically be in the form "host:port" where host can be an IP
address or a hostname and port is a numeric port or service name. If an IPv6
address is given, it must be surrounded by brackets, like "[2001:db8::1]". If
the -unix flag is present, then the address must be the path to the domain
socket.

This is PartnerHub's C++ port of grpcurl: it asks the server for its schema
through server reflection (the -proto and -protoset flags are not supported).

Available flags:
)");
  for (const Flag& flag : kFlags) {
    std::string line = absl::StrCat("  -", flag.name);
    switch (flag.kind) {
      case Kind::kBool:
        break;
      case Kind::kString:
        absl::StrAppend(&line, " string");
        break;
      case Kind::kFloat:
        absl::StrAppend(&line, " float");
        break;
      case Kind::kInt:
        absl::StrAppend(&line, " int");
        break;
      case Kind::kMulti:
        absl::StrAppend(&line, " value");
        break;
    }
    // Go puts the help of a one-letter boolean flag on the same line.
    absl::StrAppend(&line, line.size() <= 4 ? "\t" : "\n    \t");
    absl::StrAppend(&line,
                    absl::StrReplaceAll(flag.help, {{"\n", "\n    \t"}}));
    if (flag.default_text != nullptr) {
      absl::StrAppend(&line, " (default ", flag.default_text, ")");
    }
    absl::StrAppend(&text, line, "\n");
  }
  return text;
}

}  // namespace partnerhub::grpcurl
