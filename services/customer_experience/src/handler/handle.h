// Small helpers shared by the handler's methods.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_HANDLER_HANDLE_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_HANDLER_HANDLE_H_

#include <string>

#include "common/api/list_request.h"
#include "common/grpc/status_conversion.h"
#include "services/customer_experience/src/handler/convert.h"

namespace partnerhub::customer_experience {

// Runs a handler body written against absl::Status.
template <typename Body>
grpc::Status Handle(Body&& body) {
  return ToGrpcStatus(body());
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

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_HANDLER_HANDLE_H_
