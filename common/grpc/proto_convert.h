// Conversions between protobuf well-known/shared types and domain values,
// with the checks a handler needs (field named in every error).
#ifndef PARTNERHUB_COMMON_GRPC_PROTO_CONVERT_H_
#define PARTNERHUB_COMMON_GRPC_PROTO_CONVERT_H_

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/message.h>
#include <google/protobuf/timestamp.pb.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/api/request_key.h"
#include "partnerhub/type/v1/date.pb.h"

namespace partnerhub {

google::protobuf::Timestamp ToProtoTime(absl::Time t);
// INVALID_ARGUMENT naming `field` when out of the Timestamp range.
absl::StatusOr<absl::Time> FromProtoTime(absl::string_view field,
                                         const google::protobuf::Timestamp& ts);

partnerhub::type::v1::Date ToProtoDate(absl::CivilDay day);
// INVALID_ARGUMENT naming `field` unless a real calendar date.
absl::StatusOr<absl::CivilDay> FromProtoDate(
    absl::string_view field, const partnerhub::type::v1::Date& d);

// The paths of an update mask.
std::vector<std::string> MaskPaths(const google::protobuf::FieldMask& mask);

// The request's request_id and a fingerprint of the rest of the request
// (its deterministic serialization without the request_id field).
RequestKey MakeRequestKey(const google::protobuf::Message& request);

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_GRPC_PROTO_CONVERT_H_
