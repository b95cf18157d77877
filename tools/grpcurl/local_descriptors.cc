#include "tools/grpcurl/local_descriptors.h"

#include <google/protobuf/any.pb.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/duration.pb.h>
#include <google/protobuf/text_format.h>

#include <cstdio>

namespace partnerhub::grpcurl {
namespace {

// google/rpc/status.proto, as a FileDescriptorProto in text format (there is
// no protoc at run time, and libprotoc is not installed to parse .proto).
constexpr char kStatusProto[] = R"pb(
  name: "google/rpc/status.proto"
  package: "google.rpc"
  dependency: "google/protobuf/any.proto"
  syntax: "proto3"
  message_type {
    name: "Status"
    field { name: "code" number: 1 label: LABEL_OPTIONAL type: TYPE_INT32 }
    field { name: "message" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING }
    field {
      name: "details"
      number: 3
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".google.protobuf.Any"
    }
  }
)pb";

// google/rpc/error_details.proto, likewise.
constexpr char kErrorDetailsProto[] = R"pb(
  name: "google/rpc/error_details.proto"
  package: "google.rpc"
  dependency: "google/protobuf/duration.proto"
  syntax: "proto3"
  message_type {
    name: "ErrorInfo"
    field { name: "reason" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
    field { name: "domain" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING }
    field {
      name: "metadata"
      number: 3
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".google.rpc.ErrorInfo.MetadataEntry"
    }
    nested_type {
      name: "MetadataEntry"
      field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
      field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING }
      options { map_entry: true }
    }
  }
  message_type {
    name: "RetryInfo"
    field {
      name: "retry_delay"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_MESSAGE
      type_name: ".google.protobuf.Duration"
    }
  }
  message_type {
    name: "DebugInfo"
    field {
      name: "stack_entries"
      number: 1
      label: LABEL_REPEATED
      type: TYPE_STRING
    }
    field { name: "detail" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING }
  }
  message_type {
    name: "QuotaFailure"
    field {
      name: "violations"
      number: 1
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".google.rpc.QuotaFailure.Violation"
    }
    nested_type {
      name: "Violation"
      field {
        name: "subject"
        number: 1
        label: LABEL_OPTIONAL
        type: TYPE_STRING
      }
      field {
        name: "description"
        number: 2
        label: LABEL_OPTIONAL
        type: TYPE_STRING
      }
    }
  }
  message_type {
    name: "PreconditionFailure"
    field {
      name: "violations"
      number: 1
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".google.rpc.PreconditionFailure.Violation"
    }
    nested_type {
      name: "Violation"
      field { name: "type" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
      field {
        name: "subject"
        number: 2
        label: LABEL_OPTIONAL
        type: TYPE_STRING
      }
      field {
        name: "description"
        number: 3
        label: LABEL_OPTIONAL
        type: TYPE_STRING
      }
    }
  }
  message_type {
    name: "BadRequest"
    field {
      name: "field_violations"
      number: 1
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".google.rpc.BadRequest.FieldViolation"
    }
    nested_type {
      name: "FieldViolation"
      field { name: "field" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
      field {
        name: "description"
        number: 2
        label: LABEL_OPTIONAL
        type: TYPE_STRING
      }
      field { name: "reason" number: 3 label: LABEL_OPTIONAL type: TYPE_STRING }
      field {
        name: "localized_message"
        number: 4
        label: LABEL_OPTIONAL
        type: TYPE_MESSAGE
        type_name: ".google.rpc.LocalizedMessage"
      }
    }
  }
  message_type {
    name: "RequestInfo"
    field {
      name: "request_id"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_STRING
    }
    field {
      name: "serving_data"
      number: 2
      label: LABEL_OPTIONAL
      type: TYPE_STRING
    }
  }
  message_type {
    name: "ResourceInfo"
    field {
      name: "resource_type"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_STRING
    }
    field {
      name: "resource_name"
      number: 2
      label: LABEL_OPTIONAL
      type: TYPE_STRING
    }
    field { name: "owner" number: 3 label: LABEL_OPTIONAL type: TYPE_STRING }
    field {
      name: "description"
      number: 4
      label: LABEL_OPTIONAL
      type: TYPE_STRING
    }
  }
  message_type {
    name: "Help"
    field {
      name: "links"
      number: 1
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".google.rpc.Help.Link"
    }
    nested_type {
      name: "Link"
      field {
        name: "description"
        number: 1
        label: LABEL_OPTIONAL
        type: TYPE_STRING
      }
      field { name: "url" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING }
    }
  }
  message_type {
    name: "LocalizedMessage"
    field { name: "locale" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
    field { name: "message" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING }
  }
)pb";

void AddText(const char* text,
             google::protobuf::SimpleDescriptorDatabase& database) {
  google::protobuf::FileDescriptorProto file;
  // Both texts are constants above; a failure is a bug caught by the tests.
  if (!google::protobuf::TextFormat::ParseFromString(text, &file)) {
    std::fprintf(stderr, "grpcurl: bad built-in descriptor\n");
    return;
  }
  database.Add(file);
}

}  // namespace

void AddLocalDescriptors(google::protobuf::SimpleDescriptorDatabase& database) {
  for (const google::protobuf::FileDescriptor* file :
       {google::protobuf::Any::descriptor()->file(),
        google::protobuf::Duration::descriptor()->file()}) {
    google::protobuf::FileDescriptorProto proto;
    file->CopyTo(&proto);
    database.Add(proto);
  }
  AddText(kStatusProto, database);
  AddText(kErrorDetailsProto, database);
}

}  // namespace partnerhub::grpcurl
