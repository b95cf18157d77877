// The server's schema, fetched through reflection as it is needed: a
// DescriptorDatabase over the reflection client, a DescriptorPool over that
// database, and a DynamicMessageFactory for the pool's messages. The JSON
// converter resolves types (also inside google.protobuf.Any) through the same
// pool, so well-known types convert like grpcurl's.
#ifndef PARTNERHUB_TOOLS_GRPCURL_DESCRIPTOR_SOURCE_H_
#define PARTNERHUB_TOOLS_GRPCURL_DESCRIPTOR_SOURCE_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>
#include <google/protobuf/dynamic_message.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tools/grpcurl/reflection_client.h"

namespace partnerhub::grpcurl {

// A DescriptorDatabase that asks the server, caching every file it receives;
// names the server does not know fall back to the local descriptors
// (local_descriptors.h).
class ReflectionDescriptorDatabase
    : public google::protobuf::DescriptorDatabase {
 public:
  explicit ReflectionDescriptorDatabase(ReflectionClient* client);

  bool FindFileByName(const std::string& filename,
                      google::protobuf::FileDescriptorProto* output) override;
  bool FindFileContainingSymbol(
      const std::string& symbol_name,
      google::protobuf::FileDescriptorProto* output) override;
  bool FindFileContainingExtension(
      const std::string& containing_type, int field_number,
      google::protobuf::FileDescriptorProto* output) override;
  bool FindAllExtensionNumbers(const std::string& extendee_type,
                               std::vector<int>* output) override;

  // Why the last lookup that failed failed.
  const absl::Status& last_error() const { return last_error_; }
  void set_last_error(absl::Status error) { last_error_ = std::move(error); }

 private:
  void Cache(const std::vector<google::protobuf::FileDescriptorProto>& files);

  ReflectionClient* client_;
  google::protobuf::SimpleDescriptorDatabase cache_;
  absl::flat_hash_set<std::string> cached_files_;
  google::protobuf::SimpleDescriptorDatabase local_;
  absl::Status last_error_;
};

// One named element of the schema; exactly one pointer is set.
struct Symbol {
  const google::protobuf::Descriptor* message = nullptr;
  const google::protobuf::FieldDescriptor* field = nullptr;
  const google::protobuf::OneofDescriptor* oneof = nullptr;
  const google::protobuf::EnumDescriptor* enum_type = nullptr;
  const google::protobuf::EnumValueDescriptor* enum_value = nullptr;
  const google::protobuf::ServiceDescriptor* service = nullptr;
  const google::protobuf::MethodDescriptor* method = nullptr;
};

class DescriptorSource {
 public:
  explicit DescriptorSource(ReflectionClient* client);
  DescriptorSource(const DescriptorSource&) = delete;
  DescriptorSource& operator=(const DescriptorSource&) = delete;

  // Fully-qualified service names, in the server's order.
  absl::StatusOr<std::vector<std::string>> ListServices();

  // Any element by fully-qualified name (enum values also as
  // "pkg.Enum.VALUE"). NOT_FOUND "Symbol not found: x" if there is none.
  absl::StatusOr<Symbol> FindSymbol(const std::string& name);

  // The service, or NOT_FOUND (or the reflection error).
  absl::StatusOr<const google::protobuf::ServiceDescriptor*> FindService(
      const std::string& name);

  const google::protobuf::DescriptorPool& pool() const { return pool_; }
  // A new, empty message of `type`.
  std::unique_ptr<google::protobuf::Message> NewMessage(
      const google::protobuf::Descriptor* type);

 private:
  // Collects the errors of building files, instead of logging them.
  class ErrorCollector
      : public google::protobuf::DescriptorPool::ErrorCollector {
   public:
    explicit ErrorCollector(ReflectionDescriptorDatabase* database)
        : database_(database) {}
    void AddError(const std::string& filename, const std::string& element_name,
                  const google::protobuf::Message* descriptor,
                  ErrorLocation location, const std::string& message) override;

   private:
    ReflectionDescriptorDatabase* database_;
  };

  ReflectionClient* client_;
  ReflectionDescriptorDatabase database_;
  ErrorCollector error_collector_;
  google::protobuf::DescriptorPool pool_;
  google::protobuf::DynamicMessageFactory factory_;
};

}  // namespace partnerhub::grpcurl

#endif  // PARTNERHUB_TOOLS_GRPCURL_DESCRIPTOR_SOURCE_H_
