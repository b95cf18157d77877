#include "tools/grpcurl/commands.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/client_context.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tools/grpcurl/descriptor_text.h"
#include "tools/grpcurl/generic_call.h"
#include "tools/grpcurl/message_format.h"
#include "tools/grpcurl/rpc_status.h"

namespace partnerhub::grpcurl {
namespace {

void Print(absl::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

std::string Quote(absl::string_view text) {
  return absl::StrCat("\"", text, "\"");
}

std::string Plural(int count) { return count == 1 ? "" : "s"; }

// grpcurl's parseSymbol: split at the last '/', else at the last '.'.
std::pair<std::string, std::string> SplitMethodName(std::string name) {
  if (!name.empty() && name[0] == '/') name.erase(0, 1);
  size_t split = name.rfind('/');
  if (split == std::string::npos) split = name.rfind('.');
  if (split == std::string::npos) return {"", ""};
  return {name.substr(0, split), name.substr(split + 1)};
}

// Prints the events of the call as grpcurl's default event handler does.
class PrintingObserver : public CallObserver {
 public:
  PrintingObserver(const google::protobuf::Descriptor* response_type,
                   DescriptorSource& source, Formatter& formatter,
                   int verbosity)
      : response_type_(response_type),
        source_(source),
        formatter_(formatter),
        verbosity_(verbosity) {}

  void OnReceiveHeaders(const Metadata& headers) override {
    if (verbosity_ > 0) {
      Print(absl::StrCat("\nResponse headers received:\n",
                         MetadataToString(headers), "\n"));
    }
  }

  void OnReceiveResponse(const std::string& bytes) override {
    ++num_responses_;
    std::unique_ptr<google::protobuf::Message> response =
        source_.NewMessage(response_type_);
    if (verbosity_ > 1) {
      Print(absl::StrCat("\nEstimated response size: ", bytes.size(),
                         " bytes\n"));
    }
    if (verbosity_ > 0) Print("\nResponse contents:\n");
    absl::StatusOr<std::string> text =
        response->ParseFromString(bytes)
            ? formatter_.Print(*response)
            : absl::DataLossError("the response does not parse as " +
                                  response_type_->full_name());
    if (text.ok()) {
      Print(absl::StrCat(*text, "\n"));
    } else {
      Print(absl::StrCat("Failed to format response message ", num_responses_,
                         ": ", text.status().message(), "\n"));
    }
    std::fflush(stdout);  // stream responses as they come
  }

  int num_responses() const { return num_responses_; }

 private:
  const google::protobuf::Descriptor* response_type_;
  DescriptorSource& source_;
  Formatter& formatter_;
  int verbosity_;
  int num_responses_ = 0;
};

}  // namespace

int Fail(absl::string_view what, const absl::Status& error) {
  std::fflush(stdout);
  std::fprintf(stderr, "%s: %s\n", std::string(what).c_str(),
               std::string(error.message()).c_str());
  return kExitFailure;
}

int RunList(DescriptorSource& source, const std::string& service) {
  if (service.empty()) {
    absl::StatusOr<std::vector<std::string>> services = source.ListServices();
    if (!services.ok())
      return Fail("Failed to list services", services.status());
    std::sort(services->begin(), services->end());
    if (services->empty()) Print("(No services)\n");
    for (const std::string& name : *services) Print(absl::StrCat(name, "\n"));
    return 0;
  }
  const std::string failure =
      absl::StrCat("Failed to list methods for service ", Quote(service));
  absl::StatusOr<Symbol> symbol = source.FindSymbol(service);
  if (!symbol.ok()) return Fail(failure, symbol.status());
  if (symbol->service == nullptr) {
    return Fail(failure, absl::NotFoundError(
                             absl::StrCat("Service not found: ", service)));
  }
  std::vector<std::string> methods;
  for (int i = 0; i < symbol->service->method_count(); ++i) {
    methods.push_back(symbol->service->method(i)->full_name());
  }
  std::sort(methods.begin(), methods.end());
  if (methods.empty()) Print("(No methods)\n");
  for (const std::string& name : methods) Print(absl::StrCat(name, "\n"));
  return 0;
}

int RunDescribe(DescriptorSource& source, const std::string& symbol) {
  std::vector<std::string> symbols;
  if (!symbol.empty()) {
    symbols.push_back(symbol);
  } else {
    absl::StatusOr<std::vector<std::string>> services = source.ListServices();
    if (!services.ok())
      return Fail("Failed to list services", services.status());
    if (services->empty()) {
      Print("Server returned an empty list of exposed services\n");
    }
    symbols = *std::move(services);
  }
  for (std::string name : symbols) {
    if (!name.empty() && name[0] == '.') name.erase(0, 1);
    absl::StatusOr<Symbol> found = source.FindSymbol(name);
    if (!found.ok()) {
      return Fail(absl::StrCat("Failed to resolve symbol ", Quote(name)),
                  found.status());
    }
    Print(DescribeSymbol(*found));
  }
  return 0;
}

int RunInvoke(const Options& options,
              const std::shared_ptr<grpc::Channel>& channel,
              DescriptorSource& source, const std::string& method_name,
              const Metadata& metadata,
              std::optional<Clock::time_point> deadline) {
  const std::string failure =
      absl::StrCat("Error invoking method ", Quote(method_name));
  const auto [service_name, short_name] = SplitMethodName(method_name);
  if (service_name.empty() || short_name.empty()) {
    return Fail(failure, absl::InvalidArgumentError(absl::StrCat(
                             "given method name ", Quote(method_name),
                             " is not in expected format: 'service/method' or "
                             "'service.method'")));
  }
  absl::StatusOr<const google::protobuf::ServiceDescriptor*> service =
      source.FindService(service_name);
  if (!service.ok()) {
    if (absl::IsNotFound(service.status())) {
      return Fail(failure, absl::NotFoundError(absl::StrCat(
                               "target server does not expose service ",
                               Quote(service_name))));
    }
    return Fail(failure,
                absl::Status(service.status().code(),
                             absl::StrCat("failed to query for service "
                                          "descriptor ",
                                          Quote(service_name), ": ",
                                          service.status().message())));
  }
  const google::protobuf::MethodDescriptor* method =
      (*service)->FindMethodByName(short_name);
  if (method == nullptr) {
    return Fail(failure,
                absl::NotFoundError(absl::StrCat(
                    "service ", Quote(service_name),
                    " does not include a method named ", Quote(short_name))));
  }
  const int verbosity = options.verbosity;
  if (verbosity > 0) {
    Print(absl::StrCat("\nResolved method descriptor:\n",
                       DescriptorText(*method), "\n"));
    Print(absl::StrCat("\nRequest metadata to send:\n",
                       MetadataToString(metadata), "\n"));
  }

  // The request messages, all read before the call starts.
  std::string input = options.data;
  if (input == "@") {
    input.assign(std::istreambuf_iterator<char>(std::cin),
                 std::istreambuf_iterator<char>());
  }
  const Format format =
      options.format == "text" ? Format::kText : Format::kJson;
  RequestParser parser(format, std::move(input), options.allow_unknown_fields);
  std::vector<std::string> requests;
  std::unique_ptr<google::protobuf::Message> request =
      source.NewMessage(method->input_type());
  while (true) {
    absl::StatusOr<bool> more = parser.Next(*request);
    if (!more.ok()) {
      return Fail(failure, absl::InvalidArgumentError(
                               absl::StrCat("error getting request data: ",
                                            more.status().message())));
    }
    if (!*more) break;
    if (!method->client_streaming() && !requests.empty()) {
      return Fail(failure,
                  absl::InvalidArgumentError(absl::StrCat(
                      "method ", Quote(method->full_name()), " is a ",
                      method->server_streaming() ? "server-streaming" : "unary",
                      " RPC, but request data contained more than 1 "
                      "message")));
    }
    requests.push_back(request->SerializeAsString());
  }
  // Without data, a unary or server-streaming method gets an empty request.
  if (requests.empty() && !method->client_streaming()) {
    request->Clear();
    requests.push_back(request->SerializeAsString());
  }

  grpc::ClientContext context;
  for (const auto& [key, values] : metadata) {
    for (const std::string& value : values) context.AddMetadata(key, value);
  }
  if (deadline.has_value()) context.set_deadline(*deadline);

  Formatter::Options format_options;
  format_options.format = format;
  format_options.emit_defaults = options.emit_defaults;
  format_options.keep_proto_names = options.keep_proto_names;
  // Separators let the text output of one grpcurl feed another.
  format_options.text_separator = verbosity == 0;
  Formatter formatter(format_options);
  PrintingObserver observer(method->output_type(), source, formatter,
                            verbosity);
  const CallResult result = RunGenericCall(
      channel, context,
      absl::StrCat("/", method->service()->full_name(), "/", method->name()),
      requests, observer);
  if (verbosity > 0) {
    Print(absl::StrCat("\nResponse trailers received:\n",
                       MetadataToString(result.trailers), "\n"));
    Print(absl::StrCat("Sent ", parser.num_requests(), " request",
                       Plural(parser.num_requests()), " and received ",
                       observer.num_responses(), " response",
                       Plural(observer.num_responses()), "\n"));
  }
  std::fflush(stdout);
  if (result.status.ok()) return 0;
  const std::string status_text =
      options.format_error ? FormattedStatus(result.status, source, formatter)
                           : StatusText(result.status, source, formatter);
  std::fwrite(status_text.data(), 1, status_text.size(), stderr);
  return kStatusCodeOffset + static_cast<int>(result.status.error_code());
}

}  // namespace partnerhub::grpcurl
