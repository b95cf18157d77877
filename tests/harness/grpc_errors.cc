#include "tests/harness/grpc_errors.h"

#include <gtest/gtest.h>

#include <set>

#include "common/grpc/status_conversion.h"
#include "common/status/reasons.h"

namespace partnerhub::testing {

absl::Status ErrorOf(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return WithDetailsOf(status,
                       static_cast<absl::StatusCode>(status.error_code()),
                       status.error_message());
}

std::vector<std::string> FieldPathsOf(const grpc::Status& status) {
  std::vector<std::string> paths;
  for (const FieldViolation& v : FieldViolationsOf(ErrorOf(status))) {
    paths.push_back(v.field);
  }
  return paths;
}

void ExpectReasonEnumMatches(
    const google::protobuf::EnumDescriptor& reason_enum,
    const std::vector<absl::string_view>& service_reasons) {
  std::set<std::string> expected;
  for (absl::string_view r : reason::kCommonReasons) {
    expected.insert(std::string(r));
  }
  for (absl::string_view r : service_reasons) {
    EXPECT_TRUE(expected.insert(std::string(r)).second)
        << r << " is listed twice (or is one of common's)";
  }
  std::set<std::string> in_enum;
  for (int i = 0; i < reason_enum.value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor* value = reason_enum.value(i);
    if (value->number() == 0) continue;
    in_enum.insert(value->name());
  }
  for (const std::string& r : expected) {
    EXPECT_EQ(in_enum.count(r), 1u)
        << r << " is returned but is not a value of "
        << reason_enum.full_name();
  }
  for (const std::string& r : in_enum) {
    EXPECT_EQ(expected.count(r), 1u)
        << reason_enum.full_name() << "." << r << " is never returned";
  }
}

}  // namespace partnerhub::testing
