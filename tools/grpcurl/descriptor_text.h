// Proto source text for one schema element, as grpcurl's `describe` prints it
// (jhump/protoreflect's protoprint, compact, elements sorted, type names
// fully qualified, only leading comments): e.g.
//
//   service Health {
//     rpc Check ( .grpc.health.v1.HealthCheckRequest ) returns (
//     .grpc.health.v1.HealthCheckResponse );
//   }
//
// Comments appear only when the server sends source info; gRPC C++ servers
// do not.
#ifndef PARTNERHUB_TOOLS_GRPCURL_DESCRIPTOR_TEXT_H_
#define PARTNERHUB_TOOLS_GRPCURL_DESCRIPTOR_TEXT_H_

#include <google/protobuf/descriptor.h>

#include <string>

#include "tools/grpcurl/descriptor_source.h"

namespace partnerhub::grpcurl {

// Without a trailing newline.
std::string DescriptorText(const google::protobuf::Descriptor& message);
std::string DescriptorText(const google::protobuf::FieldDescriptor& field);
std::string DescriptorText(const google::protobuf::OneofDescriptor& oneof);
std::string DescriptorText(const google::protobuf::EnumDescriptor& enum_type);
std::string DescriptorText(const google::protobuf::EnumValueDescriptor& value);
std::string DescriptorText(const google::protobuf::ServiceDescriptor& service);
std::string DescriptorText(const google::protobuf::MethodDescriptor& method);

// What `describe` prints for a symbol:
//   "<full name> is <kind>:\n<text>\n"
// where kind is "a message", "a field", ..., and a map entry message is
// described by its map field, as grpcurl does.
std::string DescribeSymbol(const Symbol& symbol);

}  // namespace partnerhub::grpcurl

#endif  // PARTNERHUB_TOOLS_GRPCURL_DESCRIPTOR_TEXT_H_
