#include "common/grpc/status_conversion.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace partnerhub {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

TEST(ToGrpcStatusTest, OkIsOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST(ToGrpcStatusTest, KeepsCodeAndMessageOfClientErrors) {
  const absl::Status cases[] = {
      absl::InvalidArgumentError("page_size must not be negative"),
      absl::NotFoundError("partners/7 not found"),
      absl::AlreadyExistsError("partner exists"),
      absl::AbortedError("stale etag"),
      absl::FailedPreconditionError("coupon already redeemed"),
      absl::ResourceExhaustedError("budget used up"),
      absl::UnavailableError("database down"),
      absl::CancelledError("cancelled"),
      absl::DeadlineExceededError("too slow"),
      absl::PermissionDeniedError("no"),
      absl::OutOfRangeError("range"),
      absl::UnimplementedError("later"),
      absl::DataLossError("lost"),
      absl::UnauthenticatedError("who"),
  };
  for (const absl::Status& status : cases) {
    grpc::Status converted = ToGrpcStatus(status);
    EXPECT_EQ(static_cast<int>(converted.error_code()), status.raw_code())
        << status;
    EXPECT_EQ(converted.error_message(), status.message());
  }
}

TEST(ToGrpcStatusTest, HidesInternalDetailBehindReferenceId) {
  for (absl::StatusCode code :
       {absl::StatusCode::kInternal, absl::StatusCode::kUnknown}) {
    const absl::Status status(
        code, "SQL error 1064 near 'SELECT secret FROM partners'");
    testing::internal::CaptureStderr();
    grpc::Status converted = ToGrpcStatus(status);
    std::string log = testing::internal::GetCapturedStderr();

    EXPECT_EQ(static_cast<int>(converted.error_code()), static_cast<int>(code));
    EXPECT_THAT(converted.error_message(),
                MatchesRegex("internal error \\(ref=[0-9a-f]{8}\\)"));
    EXPECT_THAT(converted.error_message(), Not(HasSubstr("SQL")));
    // The operator finds the detail by the id the client reports.
    std::string ref = converted.error_message().substr(
        std::string("internal error (ref=").size(), 8);
    EXPECT_THAT(log, HasSubstr("ref=" + ref));
    EXPECT_THAT(log, HasSubstr("SELECT secret FROM partners"));
  }
}

TEST(ToGrpcStatusTest, ReferenceIdsDiffer) {
  testing::internal::CaptureStderr();
  grpc::Status a = ToGrpcStatus(absl::InternalError("a"));
  grpc::Status b = ToGrpcStatus(absl::InternalError("b"));
  testing::internal::GetCapturedStderr();
  EXPECT_NE(a.error_message(), b.error_message());
}

TEST(ToAbslStatusTest, KeepsCodeAndMessage) {
  EXPECT_TRUE(ToAbslStatus(grpc::Status::OK).ok());
  for (int code = 1; code <= 16; ++code) {
    grpc::Status status(static_cast<grpc::StatusCode>(code), "detail text");
    absl::Status converted = ToAbslStatus(status);
    EXPECT_EQ(converted.raw_code(), code);
    EXPECT_EQ(converted.message(), "detail text");
  }
}

TEST(StatusCodeNameTest, NamesCanonicalCodes) {
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::OK), "OK");
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::INVALID_ARGUMENT),
            "INVALID_ARGUMENT");
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::UNAUTHENTICATED),
            "UNAUTHENTICATED");
  // Agrees with Abseil's own names for every code.
  for (int code = 0; code <= 16; ++code) {
    EXPECT_EQ(StatusCodeName(static_cast<grpc::StatusCode>(code)),
              absl::StatusCodeToString(static_cast<absl::StatusCode>(code)));
  }
  EXPECT_EQ(StatusCodeName(static_cast<grpc::StatusCode>(99)), "UNKNOWN");
}

}  // namespace
}  // namespace partnerhub

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
