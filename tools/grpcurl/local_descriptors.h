// Schemas that grpcurl knows without asking the server: google.rpc.Status
// (the rich error model carried in the grpc-status-details-bin trailer), the
// standard error detail messages of google/rpc/error_details.proto, and the
// well-known types they use. Used only when the server's reflection does not
// know a name, so that error details print even if no service of the server
// imports these files.
#ifndef PARTNERHUB_TOOLS_GRPCURL_LOCAL_DESCRIPTORS_H_
#define PARTNERHUB_TOOLS_GRPCURL_LOCAL_DESCRIPTORS_H_

#include <google/protobuf/descriptor_database.h>

namespace partnerhub::grpcurl {

// Adds google/rpc/status.proto, google/rpc/error_details.proto and the
// well-known type files they import to `database`.
void AddLocalDescriptors(google::protobuf::SimpleDescriptorDatabase& database);

}  // namespace partnerhub::grpcurl

#endif  // PARTNERHUB_TOOLS_GRPCURL_LOCAL_DESCRIPTORS_H_
