#include "tests/harness/grpc_errors.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
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

void ExpectInvalidArgument(const absl::Status& status,
                           absl::string_view needle) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), needle))
      << "the message lacks \"" << needle << "\": " << status;
}

namespace {

std::string Quoted(absl::string_view s) { return absl::StrCat("\"", s, "\""); }

std::string ListOf(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const std::string& item : items) quoted.push_back(Quoted(item));
  return absl::StrCat("{", absl::StrJoin(quoted, ", "), "}");
}

}  // namespace

::testing::AssertionResult ErrorMatches(const grpc::Status& status,
                                        const ExpectedError& expected) {
  std::vector<std::string> wrong;
  auto expect_eq = [&wrong](absl::string_view what, absl::string_view actual,
                            absl::string_view want) {
    if (actual != want) {
      wrong.push_back(absl::StrCat(what, " is ", Quoted(actual), ", expected ",
                                   Quoted(want)));
    }
  };
  if (status.error_code() != expected.code) {
    wrong.push_back(absl::StrCat("code is ", status.error_code(), ", expected ",
                                 expected.code));
  }
  const absl::Status e = ErrorOf(status);
  expect_eq("ErrorInfo.reason", ReasonOf(e), expected.reason);
  expect_eq("ErrorInfo.domain", ErrorDomainOf(e), expected.domain);

  const std::vector<std::string> fields = FieldPathsOf(status);
  if (fields != expected.fields) {
    wrong.push_back(absl::StrCat("BadRequest field paths are ", ListOf(fields),
                                 ", expected ", ListOf(expected.fields)));
  }
  for (const FieldViolation& v : FieldViolationsOf(e)) {
    if (!absl::StartsWith(v.description, absl::StrCat(v.field, " "))) {
      wrong.push_back(absl::StrCat("the description of ", v.field, ", ",
                                   Quoted(v.description),
                                   ", does not start with the field"));
    }
    if (!absl::StrContains(status.error_message(), v.description)) {
      wrong.push_back(absl::StrCat("the message does not show the violation ",
                                   Quoted(v.description)));
    }
  }

  expect_eq("ResourceInfo.resource_name", ResourceNameOf(e), expected.resource);
  const std::vector<PreconditionViolation> failed = PreconditionViolationsOf(e);
  if (expected.subject.empty()) {
    if (!failed.empty()) {
      wrong.push_back(absl::StrCat(
          "has ", failed.size(), " precondition violation(s), the first of ",
          Quoted(failed[0].subject), ", expected none"));
    }
  } else if (failed.size() != 1) {
    wrong.push_back(absl::StrCat("has ", failed.size(),
                                 " precondition violations, expected one of ",
                                 Quoted(expected.subject)));
  } else {
    expect_eq("PreconditionFailure type", failed[0].type, expected.reason);
    expect_eq("PreconditionFailure subject", failed[0].subject,
              expected.subject);
    expect_eq("PreconditionFailure description", failed[0].description,
              status.error_message());
  }
  const std::string& resource = !expected.metadata_resource.empty()
                                    ? expected.metadata_resource
                                : !expected.resource.empty() ? expected.resource
                                                             : expected.subject;
  if (!resource.empty()) {
    expect_eq("ErrorInfo.metadata[\"resource\"]",
              ErrorMetadataOf(e, "resource"), resource);
  }
  const bool retry = RetryDelayOf(e) > absl::ZeroDuration();
  if (retry != expected.retry) {
    wrong.push_back(retry ? "has a RetryInfo, expected none"
                          : "has no RetryInfo, expected one");
  }

  if (wrong.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "the error (code " << status.error_code() << ": "
         << Quoted(status.error_message()) << ")\n  "
         << absl::StrJoin(wrong, "\n  ");
}

}  // namespace partnerhub::testing
