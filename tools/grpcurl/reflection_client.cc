#include "tools/grpcurl/reflection_client.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace partnerhub::grpcurl {
namespace {

absl::Status FromGrpc(const grpc::Status& status) {
  if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED) {
    return absl::UnimplementedError(
        "server does not support the reflection API");
  }
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

}  // namespace

ReflectionClient::ReflectionClient(std::shared_ptr<grpc::Channel> channel,
                                   Metadata metadata,
                                   std::optional<Clock::time_point> deadline)
    : stub_(grpc::reflection::v1alpha::ServerReflection::NewStub(
          std::move(channel))),
      metadata_(std::move(metadata)),
      deadline_(deadline) {}

absl::StatusOr<ReflectionClient::Response> ReflectionClient::RoundTrip(
    const Request& request) {
  // A new stream for every request: the reflection service of gRPC 1.51
  // reuses one response object for a whole stream, so the files of earlier
  // answers pile up in later ones.
  grpc::ClientContext context;
  for (const auto& [key, values] : metadata_) {
    for (const std::string& value : values) context.AddMetadata(key, value);
  }
  if (deadline_.has_value()) context.set_deadline(*deadline_);
  std::unique_ptr<grpc::ClientReaderWriter<Request, Response>> stream =
      stub_->ServerReflectionInfo(&context);
  Response response;
  const bool answered = stream->Write(request) && stream->Read(&response);
  stream->WritesDone();
  grpc::Status status = stream->Finish();
  if (answered) return response;
  if (status.ok()) {
    status = grpc::Status(grpc::StatusCode::INTERNAL,
                          "reflection stream ended without a response");
  }
  return FromGrpc(status);
}

absl::StatusOr<std::vector<std::string>> ReflectionClient::ListServices() {
  Request request;
  request.set_list_services("*");
  absl::StatusOr<Response> response = RoundTrip(request);
  if (!response.ok()) return response.status();
  if (response->has_error_response()) {
    return FromGrpc(grpc::Status(
        static_cast<grpc::StatusCode>(response->error_response().error_code()),
        response->error_response().error_message()));
  }
  std::vector<std::string> names;
  for (const auto& service : response->list_services_response().service()) {
    names.push_back(service.name());
  }
  return names;
}

absl::StatusOr<std::vector<google::protobuf::FileDescriptorProto>>
ReflectionClient::Files(const Request& request, const std::string& not_found) {
  absl::StatusOr<Response> response = RoundTrip(request);
  if (!response.ok()) return response.status();
  if (response->has_error_response()) {
    const auto& error = response->error_response();
    if (error.error_code() == static_cast<int>(grpc::StatusCode::NOT_FOUND)) {
      return absl::NotFoundError(not_found);
    }
    return FromGrpc(
        grpc::Status(static_cast<grpc::StatusCode>(error.error_code()),
                     error.error_message()));
  }
  std::vector<google::protobuf::FileDescriptorProto> files;
  for (const std::string& bytes :
       response->file_descriptor_response().file_descriptor_proto()) {
    google::protobuf::FileDescriptorProto file;
    if (!file.ParseFromString(bytes)) {
      return absl::DataLossError(
          "server sent a file descriptor that does not parse");
    }
    files.push_back(std::move(file));
  }
  return files;
}

absl::StatusOr<std::vector<google::protobuf::FileDescriptorProto>>
ReflectionClient::FileContainingSymbol(const std::string& symbol) {
  Request request;
  request.set_file_containing_symbol(symbol);
  return Files(request, absl::StrCat("Symbol not found: ", symbol));
}

absl::StatusOr<std::vector<google::protobuf::FileDescriptorProto>>
ReflectionClient::FileByFilename(const std::string& filename) {
  Request request;
  request.set_file_by_filename(filename);
  return Files(request, absl::StrCat("File not found: ", filename));
}

absl::StatusOr<std::vector<google::protobuf::FileDescriptorProto>>
ReflectionClient::FileContainingExtension(const std::string& containing_type,
                                          int number) {
  Request request;
  request.mutable_file_containing_extension()->set_containing_type(
      containing_type);
  request.mutable_file_containing_extension()->set_extension_number(number);
  return Files(request, absl::StrCat("Extension not found: ", containing_type,
                                     "(", number, ")"));
}

absl::StatusOr<std::vector<int>> ReflectionClient::AllExtensionNumbersOfType(
    const std::string& type) {
  Request request;
  request.set_all_extension_numbers_of_type(type);
  absl::StatusOr<Response> response = RoundTrip(request);
  if (!response.ok()) return response.status();
  if (response->has_error_response()) {
    const auto& error = response->error_response();
    if (error.error_code() == static_cast<int>(grpc::StatusCode::NOT_FOUND)) {
      return absl::NotFoundError(absl::StrCat("Symbol not found: ", type));
    }
    return FromGrpc(
        grpc::Status(static_cast<grpc::StatusCode>(error.error_code()),
                     error.error_message()));
  }
  const auto& numbers =
      response->all_extension_numbers_response().extension_number();
  return std::vector<int>(numbers.begin(), numbers.end());
}

}  // namespace partnerhub::grpcurl
