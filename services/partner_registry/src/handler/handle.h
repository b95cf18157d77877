// Small helpers shared by the handler's methods.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_HANDLER_HANDLE_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_HANDLER_HANDLE_H_

#include <algorithm>
#include <string>
#include <vector>

#include <google/protobuf/field_mask.pb.h>

#include "common/api/list_request.h"
#include "common/grpc/status_conversion.h"
#include "services/partner_registry/src/handler/convert.h"

namespace partnerhub::partner_registry {

// Runs a handler body written against absl::Status.
template <typename Body>
grpc::Status Handle(Body&& body) {
  return ToGrpcStatus(body());
}

// The fields an update request sets: its mask's paths.
inline FieldSet MaskedFields(const google::protobuf::FieldMask& mask) {
  std::vector<std::string> paths(mask.paths().begin(), mask.paths().end());
  return [paths](const std::string& path) {
    return std::find(paths.begin(), paths.end(), path) != paths.end();
  };
}

// The paging fields of any List request.
template <typename Request>
ListRequest ToListRequest(const Request& r, std::string parent) {
  ListRequest out;
  out.parent = std::move(parent);
  out.page_size = r.page_size();
  out.page_token = r.page_token();
  return out;
}

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_HANDLER_HANDLE_H_
