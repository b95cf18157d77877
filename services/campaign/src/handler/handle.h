// Small helpers shared by the handler's methods.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_HANDLER_HANDLE_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_HANDLER_HANDLE_H_

#include <google/protobuf/field_mask.pb.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/grpc/status_conversion.h"
#include "services/campaign/src/domain/paging.h"
#include "services/campaign/src/handler/convert.h"

namespace partnerhub::campaign {

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
PageRequest ToPageRequest(const Request& r) {
  return PageRequest{r.page_size(), r.page_token()};
}

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_HANDLER_HANDLE_H_
