// Reading the errors a service returned, as its clients do: the
// google.rpc.Status in the details of a grpc::Status (AIP-193).
#ifndef PARTNERHUB_TESTS_HARNESS_GRPC_ERRORS_H_
#define PARTNERHUB_TESTS_HARNESS_GRPC_ERRORS_H_

#include <google/protobuf/descriptor.h>
#include <grpcpp/support/status.h>
#include <gtest/gtest.h>

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

// Expects `status` to be INVALID_ARGUMENT with `needle` in its message (for
// the checks of common/api, before they become a grpc::Status).
void ExpectInvalidArgument(const absl::Status& status,
                           absl::string_view needle);

// What a client must see of one failure: the code, the ErrorInfo (reason,
// domain) and the detail the code carries (common/status/error_details.h).
// An empty string or list expects none.
struct ExpectedError {
  grpc::StatusCode code = grpc::StatusCode::OK;
  absl::string_view reason;
  // ErrorInfo.domain; a service's table may leave it empty and fill in its
  // own before checking (see ErrorMatches).
  std::string domain = "";
  // INVALID_ARGUMENT: the BadRequest's field paths, in order.
  std::vector<std::string> fields = {};
  // NOT_FOUND: the ResourceInfo's resource_name.
  std::string resource = "";
  // FAILED_PRECONDITION: the subject of the PreconditionFailure's one
  // violation (whose type is `reason`).
  std::string subject = "";
  // ErrorInfo.metadata["resource"]. When empty, `resource` or else
  // `subject` is expected there (as common's NotFound and
  // FailedPrecondition put it); set it where the code has no detail naming
  // the resource (ALREADY_EXISTS, RESOURCE_EXHAUSTED, ABORTED).
  std::string metadata_resource = "";
  // Whether the error carries a RetryInfo with a positive delay.
  bool retry = false;
};

// Whether `status` carries exactly `expected`; also that each field
// violation's description is "<field> <what>" and is in the message, and
// that a precondition violation's description is the message. On failure
// the message lists every difference, with the status's message.
//   EXPECT_TRUE(ErrorMatches(status, expected));
::testing::AssertionResult ErrorMatches(const grpc::Status& status,
                                        const ExpectedError& expected);

}  // namespace partnerhub::testing

#endif  // PARTNERHUB_TESTS_HARNESS_GRPC_ERRORS_H_
