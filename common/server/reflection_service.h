// gRPC server reflection (grpc.reflection.v1alpha.ServerReflection) that
// serves our protos WITH their comments. gRPC's own implementation serves the
// descriptors compiled into the generated code, which carry no source info,
// so `grpcurl describe` could never show what the .proto files document.
// This one serves the descriptor sets that partnerhub_proto_library embeds
// (cmake/PartnerHub.cmake: partnerhub_descriptors::<target>()).
#ifndef PARTNERHUB_COMMON_SERVER_REFLECTION_SERVICE_H_
#define PARTNERHUB_COMMON_SERVER_REFLECTION_SERVICE_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"

namespace partnerhub {

class ReflectionService final
    : public grpc::reflection::v1alpha::ServerReflection::Service {
 public:
  using Request = grpc::reflection::v1alpha::ServerReflectionRequest;
  using Response = grpc::reflection::v1alpha::ServerReflectionResponse;

  // `descriptor_sets`: serialized google.protobuf.FileDescriptorSets, each
  // complete (protoc --include_imports); a file in several sets is taken
  // from the first. `service_names`: what list_services answers, e.g.
  // "partnerhub.partner_registry.v1.PartnerRegistryService". Fails if a set
  // does not parse or its files do not build into one consistent pool.
  static absl::StatusOr<std::unique_ptr<ReflectionService>> Create(
      const std::vector<std::string_view>& descriptor_sets,
      std::vector<std::string> service_names);

  // Replaces what list_services answers; only before the server starts.
  void set_service_names(std::vector<std::string> service_names) {
    service_names_ = std::move(service_names);
  }

  // Answers each request on the stream, in order, until the client is done:
  //   list_services                  the service names given to Create
  //   file_by_filename               the file and its transitive imports
  //   file_containing_symbol         the file defining a service, method,
  //                                  message (nested too), enum, enum value,
  //                                  field or extension, and its imports
  //   file_containing_extension      likewise, by extendee and number
  //   all_extension_numbers_of_type  the extension numbers of a message
  // Files come from the descriptor sets, with source_code_info; names not in
  // them (grpc.health.v1.*, grpc.reflection.*) fall back to the descriptors
  // compiled into the process, without comments. Unknown names answer an
  // error_response with NOT_FOUND; the stream itself stays OK.
  grpc::Status ServerReflectionInfo(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<Response, Request>* stream) override;

  // One request's response (what ServerReflectionInfo writes); public for
  // tests.
  Response Answer(const Request& request) const;

 private:
  explicit ReflectionService(std::vector<std::string> service_names);

  // The file and its transitive dependencies, each once, the file first.
  // Files of pool_ come from serialized_files_ (with source info); those of
  // the generated pool are serialized without.
  void AddFileAndDependencies(const google::protobuf::FileDescriptor* file,
                              Response& response) const;
  // In pool_ first, then in the generated pool; nullptr if in neither.
  const google::protobuf::FileDescriptor* FindFileByName(
      const std::string& name) const;
  const google::protobuf::FileDescriptor* FindFileContainingSymbol(
      const std::string& symbol) const;
  const google::protobuf::Descriptor* FindMessageType(
      const std::string& name) const;

  std::vector<std::string> service_names_;
  // File name → serialized FileDescriptorProto, as in the descriptor sets.
  absl::flat_hash_map<std::string, std::string> serialized_files_;
  google::protobuf::SimpleDescriptorDatabase database_;
  // Over database_ (thread-safe); Create builds every file in it.
  std::unique_ptr<google::protobuf::DescriptorPool> pool_;
};

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_SERVER_REFLECTION_SERVICE_H_
