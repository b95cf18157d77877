#include "tools/grpcurl/rpc_status.h"

#include <google/protobuf/message.h>

#include <memory>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace partnerhub::grpcurl {
namespace {

using google::protobuf::Message;

constexpr absl::string_view kCodeNames[] = {
    "OK",
    "Canceled",
    "Unknown",
    "InvalidArgument",
    "DeadlineExceeded",
    "NotFound",
    "AlreadyExists",
    "PermissionDenied",
    "ResourceExhausted",
    "FailedPrecondition",
    "Aborted",
    "OutOfRange",
    "Unimplemented",
    "Internal",
    "Unavailable",
    "DataLoss",
    "Unauthenticated",
};

// The google.rpc.Status of `status`: the one in the trailer, or one made of
// the code and message. Null if the schema of google.rpc.Status is missing.
std::unique_ptr<Message> StatusMessage(const grpc::Status& status,
                                       DescriptorSource& source) {
  const google::protobuf::Descriptor* type =
      source.pool().FindMessageTypeByName("google.rpc.Status");
  if (type == nullptr) return nullptr;
  std::unique_ptr<Message> message = source.NewMessage(type);
  if (!status.error_details().empty() &&
      message->ParseFromString(status.error_details())) {
    return message;
  }
  message->Clear();
  const google::protobuf::Reflection& reflection = *message->GetReflection();
  reflection.SetInt32(message.get(), type->FindFieldByName("code"),
                      static_cast<int>(status.error_code()));
  reflection.SetString(message.get(), type->FindFieldByName("message"),
                       status.error_message());
  return message;
}

// A detail whose type the server does not know prints like grpcurl's
// placeholder for it.
std::string UnknownAnyJson(const Message& any) {
  const google::protobuf::Descriptor& type = *any.GetDescriptor();
  const google::protobuf::Reflection& reflection = *any.GetReflection();
  const std::string type_url =
      reflection.GetString(any, type.FindFieldByName("type_url"));
  const std::string value =
      reflection.GetString(any, type.FindFieldByName("value"));
  const std::string name = type_url.substr(type_url.rfind('/') + 1);
  return IndentJson(absl::StrCat(
      "{\"@type\":\"", absl::CEscape(type_url), "\",\"@error\":\"",
      absl::CEscape(name),
      " is not recognized; see @value for raw binary message data\","
      "\"@value\":\"",
      absl::Base64Escape(value), "\"}"));
}

}  // namespace

std::string CodeName(grpc::StatusCode code) {
  const int index = static_cast<int>(code);
  if (index < 0 || index >= static_cast<int>(std::size(kCodeNames))) {
    return absl::StrCat("Code(", index, ")");
  }
  return std::string(kCodeNames[index]);
}

std::string StatusText(const grpc::Status& status, DescriptorSource& source,
                       Formatter& formatter) {
  if (status.ok()) return "OK\n";
  std::string text =
      absl::StrCat("ERROR:\n  Code: ", CodeName(status.error_code()),
                   "\n  Message: ", status.error_message(), "\n");
  if (status.error_details().empty()) return text;
  std::unique_ptr<Message> status_message = StatusMessage(status, source);
  if (status_message == nullptr) return text;
  const google::protobuf::FieldDescriptor* details_field =
      status_message->GetDescriptor()->FindFieldByName("details");
  const google::protobuf::Reflection& reflection =
      *status_message->GetReflection();
  const int count = reflection.FieldSize(*status_message, details_field);
  if (count == 0) return text;
  absl::StrAppend(&text, "  Details:\n");
  for (int i = 0; i < count; ++i) {
    const Message& detail =
        reflection.GetRepeatedMessage(*status_message, details_field, i);
    const std::string number = absl::StrCat("  ", i + 1, ")");
    absl::StrAppend(&text, number, "\t");
    absl::StatusOr<std::string> output = formatter.Print(detail);
    if (!output.ok() && formatter.format() == Format::kJson) {
      output = UnknownAnyJson(detail);
    }
    if (!output.ok()) {
      absl::StrAppend(&text, "Error parsing detail message: ",
                      output.status().message(), "\n");
      continue;
    }
    const std::string continuation =
        absl::StrCat(std::string(number.size(), ' '), "\t");
    bool first = true;
    for (absl::string_view line : absl::StrSplit(*output, '\n')) {
      absl::StrAppend(&text, first ? "" : continuation, line, "\n");
      first = false;
    }
  }
  return text;
}

std::string FormattedStatus(const grpc::Status& status,
                            DescriptorSource& source, Formatter& formatter) {
  std::unique_ptr<Message> status_message = StatusMessage(status, source);
  if (status_message == nullptr) {
    return "ERROR: the schema of google.rpc.Status is not available";
  }
  absl::StatusOr<std::string> output = formatter.Print(*status_message);
  if (!output.ok()) return absl::StrCat("ERROR: ", output.status().message());
  return *output;
}

}  // namespace partnerhub::grpcurl
