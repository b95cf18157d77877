// Reading the errors a service returned, as its clients do: the
// google.rpc.Status in the details of a grpc::Status (AIP-193).
#ifndef PARTNERHUB_TESTS_HARNESS_GRPC_ERRORS_H_
#define PARTNERHUB_TESTS_HARNESS_GRPC_ERRORS_H_

#include <google/protobuf/descriptor.h>
#include <grpcpp/support/status.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/status/error_details.h"

namespace partnerhub::testing {

// `status` as an absl::Status whose details the readers of
// common/status/error_details.h see: ReasonOf, ErrorDomainOf,
// FieldViolationsOf, PreconditionViolationsOf, ResourceNameOf, RetryDelayOf.
absl::Status ErrorOf(const grpc::Status& status);

// The field paths of the BadRequest of `status`, in order.
std::vector<std::string> FieldPathsOf(const grpc::Status& status);

// The reasons of a service: every reason of common/ (reason::kCommonReasons)
// and `service_reasons`, exactly the values of `reason_enum` other than its
// zero value (ERROR_REASON_UNSPECIFIED). Adds a failure for each one missing
// on either side.
void ExpectReasonEnumMatches(
    const google::protobuf::EnumDescriptor& reason_enum,
    const std::vector<absl::string_view>& service_reasons);

}  // namespace partnerhub::testing

#endif  // PARTNERHUB_TESTS_HARNESS_GRPC_ERRORS_H_
