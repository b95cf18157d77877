#include "tools/grpcurl/local_descriptors.h"

#include <google/protobuf/descriptor.pb.h>

#include <set>
#include <string>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace partnerhub::grpcurl {
namespace {

// Adds `file` after the files it imports, each once.
void AddWithImports(const google::protobuf::FileDescriptor* file,
                    std::set<std::string>& added,
                    google::protobuf::SimpleDescriptorDatabase& database) {
  if (!added.insert(file->name()).second) return;
  for (int i = 0; i < file->dependency_count(); ++i) {
    AddWithImports(file->dependency(i), added, database);
  }
  google::protobuf::FileDescriptorProto proto;
  file->CopyTo(&proto);
  database.Add(proto);
}

}  // namespace

void AddLocalDescriptors(google::protobuf::SimpleDescriptorDatabase& database) {
  std::set<std::string> added;
  AddWithImports(google::rpc::Status::descriptor()->file(), added, database);
  AddWithImports(google::rpc::ErrorInfo::descriptor()->file(), added, database);
}

}  // namespace partnerhub::grpcurl
