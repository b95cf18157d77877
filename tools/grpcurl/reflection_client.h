// A client of grpc.reflection.v1alpha.ServerReflection, the schema service
// that gRPC 1.51 C++ servers expose.
#ifndef PARTNERHUB_TOOLS_GRPCURL_REFLECTION_CLIENT_H_
#define PARTNERHUB_TOOLS_GRPCURL_REFLECTION_CLIENT_H_

#include <google/protobuf/descriptor.pb.h>
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/sync_stream.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "tools/grpcurl/connection.h"
#include "tools/grpcurl/metadata.h"

namespace partnerhub::grpcurl {

// Errors: UNIMPLEMENTED "server does not support the reflection API" when the
// server has no reflection service; NOT_FOUND "Symbol not found: x" (or "File
// not found: x") when the server does not know the name; otherwise the
// server's or the transport's error.
class ReflectionClient {
 public:
  // `metadata` goes with every request; `deadline` (if any) bounds them all.
  ReflectionClient(std::shared_ptr<grpc::Channel> channel, Metadata metadata,
                   std::optional<Clock::time_point> deadline);
  ReflectionClient(const ReflectionClient&) = delete;
  ReflectionClient& operator=(const ReflectionClient&) = delete;

  // Fully-qualified names of the services, in the server's order.
  absl::StatusOr<std::vector<std::string>> ListServices();

  // The file that defines `symbol`, followed by its dependencies (gRPC C++
  // servers send all of them, transitively, every time).
  absl::StatusOr<std::vector<google::protobuf::FileDescriptorProto>>
  FileContainingSymbol(const std::string& symbol);
  absl::StatusOr<std::vector<google::protobuf::FileDescriptorProto>>
  FileByFilename(const std::string& filename);
  absl::StatusOr<std::vector<google::protobuf::FileDescriptorProto>>
  FileContainingExtension(const std::string& containing_type, int number);
  absl::StatusOr<std::vector<int>> AllExtensionNumbersOfType(
      const std::string& type);

 private:
  using Request = grpc::reflection::v1alpha::ServerReflectionRequest;
  using Response = grpc::reflection::v1alpha::ServerReflectionResponse;

  // One request on a stream of its own.
  absl::StatusOr<Response> RoundTrip(const Request& request);
  absl::StatusOr<std::vector<google::protobuf::FileDescriptorProto>> Files(
      const Request& request, const std::string& not_found);
  std::unique_ptr<grpc::reflection::v1alpha::ServerReflection::Stub> stub_;
  Metadata metadata_;
  std::optional<Clock::time_point> deadline_;
};

}  // namespace partnerhub::grpcurl

#endif  // PARTNERHUB_TOOLS_GRPCURL_REFLECTION_CLIENT_H_
