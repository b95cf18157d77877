// Helpers every service's gRPC handler methods use, so that a method body is
// only: convert the request, call the domain, convert the result.
#ifndef PARTNERHUB_COMMON_GRPC_HANDLER_SUPPORT_H_
#define PARTNERHUB_COMMON_GRPC_HANDLER_SUPPORT_H_

#include <google/protobuf/field_mask.pb.h>

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/api/list_request.h"
#include "common/grpc/status_conversion.h"

namespace partnerhub {

// Runs a handler body written against absl::Status and maps its result,
// with its error details, ErrorInfo.domain `error_domain`
// ("<service>.partnerhub"): see ToGrpcStatus.
template <typename Body>
grpc::Status Handle(absl::string_view error_domain, Body&& body) {
  return ToGrpcStatus(body(), error_domain);
}

// Whether a request sets the field at a path (e.g. "category"): every field
// on create, the update_mask's paths on update.
using FieldSet = std::function<bool(const std::string& path)>;

inline bool AllFields(const std::string&) { return true; }

// The fields an update request sets: its mask's paths.
inline FieldSet MaskedFields(const google::protobuf::FieldMask& mask) {
  std::vector<std::string> paths(mask.paths().begin(), mask.paths().end());
  return [paths](const std::string& path) {
    return std::find(paths.begin(), paths.end(), path) != paths.end();
  };
}

// The paging fields of any List request, under `parent`.
template <typename Request>
ListRequest ToListRequest(const Request& r, std::string parent) {
  ListRequest out;
  out.parent = std::move(parent);
  out.page_size = r.page_size();
  out.page_token = r.page_token();
  return out;
}

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_GRPC_HANDLER_SUPPORT_H_
