#include "common/grpc/status_conversion.h"

#include <string>

#include "common/status/error_details.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace partnerhub {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

constexpr absl::string_view kDomain = "test.partnerhub";

// The google.rpc.Status a client decodes from `status`'s details.
google::rpc::Status DetailsOf(const grpc::Status& status) {
  google::rpc::Status out;
  EXPECT_TRUE(out.ParseFromString(status.error_details())) << "no details";
  return out;
}

// The detail of type `Message` in `details`; fails the test without one.
template <typename Message>
Message Detail(const google::rpc::Status& details) {
  Message message;
  for (const google::protobuf::Any& any : details.details()) {
    if (any.UnpackTo(&message)) return message;
  }
  ADD_FAILURE() << "no " << Message::descriptor()->full_name();
  return message;
}

TEST(ToGrpcStatusTest, OkIsOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus(), kDomain).ok());
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
      absl::UnauthenticatedError("who"),
  };
  for (const absl::Status& status : cases) {
    grpc::Status converted = ToGrpcStatus(status, kDomain);
    EXPECT_EQ(static_cast<int>(converted.error_code()), status.raw_code())
        << status;
    EXPECT_EQ(converted.error_message(), status.message());
  }
}

TEST(ToGrpcStatusTest, HidesInternalDetailBehindReferenceId) {
  for (absl::StatusCode code :
       {absl::StatusCode::kInternal, absl::StatusCode::kUnknown,
        absl::StatusCode::kDataLoss}) {
    const absl::Status status(
        code, "SQL error 1064 near 'SELECT secret FROM partners'");
    testing::internal::CaptureStderr();
    grpc::Status converted = ToGrpcStatus(status, kDomain);
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
  grpc::Status a = ToGrpcStatus(absl::InternalError("a"), kDomain);
  grpc::Status b = ToGrpcStatus(absl::InternalError("b"), kDomain);
  testing::internal::GetCapturedStderr();
  EXPECT_NE(a.error_message(), b.error_message());
}

TEST(ToGrpcStatusTest, EveryErrorHasAnErrorInfoFirst) {
  for (int code = 1; code <= 16; ++code) {
    testing::internal::CaptureStderr();
    grpc::Status converted = ToGrpcStatus(
        absl::Status(static_cast<absl::StatusCode>(code), "x"), kDomain);
    testing::internal::GetCapturedStderr();
    google::rpc::Status details = DetailsOf(converted);
    EXPECT_EQ(details.code(), code);
    EXPECT_EQ(details.message(), converted.error_message());
    ASSERT_GE(details.details_size(), 1);
    google::rpc::ErrorInfo info;
    ASSERT_TRUE(details.details(0).UnpackTo(&info)) << code;
    EXPECT_THAT(info.reason(), MatchesRegex("[A-Z][A-Z_]*[A-Z]")) << code;
    EXPECT_EQ(info.domain(), kDomain);
  }
}

TEST(ToGrpcStatusTest, CarriesTheDetailsOfTheStatus) {
  grpc::Status converted = ToGrpcStatus(
      InvalidFields({{"partner.legal_name", "partner.legal_name is required"},
                     {"partner.email", "partner.email is not an address"}}),
      kDomain);
  google::rpc::Status details = DetailsOf(converted);
  EXPECT_EQ(Detail<google::rpc::ErrorInfo>(details).reason(), "INVALID_FIELD");
  auto bad = Detail<google::rpc::BadRequest>(details);
  ASSERT_EQ(bad.field_violations_size(), 2);
  EXPECT_EQ(bad.field_violations(0).field(), "partner.legal_name");
  EXPECT_EQ(bad.field_violations(1).field(), "partner.email");
  EXPECT_EQ(bad.field_violations(1).description(),
            "partner.email is not an address");

  details = DetailsOf(ToGrpcStatus(
      NotFound("PARTNER_NOT_FOUND", "partnerhub.partner_registry.v1.Partner",
               "partners/7"),
      kDomain));
  EXPECT_EQ(details.message(), "partners/7 not found");
  auto info = Detail<google::rpc::ErrorInfo>(details);
  EXPECT_EQ(info.reason(), "PARTNER_NOT_FOUND");
  EXPECT_EQ(info.metadata().at("resource"), "partners/7");
  auto resource = Detail<google::rpc::ResourceInfo>(details);
  EXPECT_EQ(resource.resource_type(), "partnerhub.partner_registry.v1.Partner");
  EXPECT_EQ(resource.resource_name(), "partners/7");

  details = DetailsOf(ToGrpcStatus(
      FailedPrecondition("COUPON_ALREADY_REDEEMED", "campaigns/1/coupons/2",
                         "already redeemed"),
      kDomain));
  auto failure = Detail<google::rpc::PreconditionFailure>(details);
  ASSERT_EQ(failure.violations_size(), 1);
  EXPECT_EQ(failure.violations(0).type(), "COUPON_ALREADY_REDEEMED");
  EXPECT_EQ(failure.violations(0).subject(), "campaigns/1/coupons/2");

  details = DetailsOf(ToGrpcStatus(
      RetryableError(absl::StatusCode::kResourceExhausted, "FUNNEL_LAGGING",
                     "behind", absl::Milliseconds(1500)),
      kDomain));
  auto retry = Detail<google::rpc::RetryInfo>(details);
  EXPECT_EQ(retry.retry_delay().seconds(), 1);
  EXPECT_EQ(retry.retry_delay().nanos(), 500000000);
}

TEST(ToGrpcStatusTest, UnavailableAndAbortedAreRetryable) {
  for (const absl::Status& status :
       {absl::UnavailableError("down"), absl::AbortedError("conflict")}) {
    google::rpc::Status details = DetailsOf(ToGrpcStatus(status, kDomain));
    auto retry = Detail<google::rpc::RetryInfo>(details);
    EXPECT_GT(retry.retry_delay().seconds() * 1000000000LL +
                  retry.retry_delay().nanos(),
              0);
  }
}

TEST(ToGrpcStatusTest, InternalErrorsKeepOnlyReasonAndReference) {
  absl::Status status = WithReason(absl::InternalError("SELECT secret"),
                                   "SOMETHING", {{"query", "SELECT secret"}});
  testing::internal::CaptureStderr();
  grpc::Status converted = ToGrpcStatus(status, kDomain);
  testing::internal::GetCapturedStderr();
  google::rpc::Status details = DetailsOf(converted);
  ASSERT_EQ(details.details_size(), 1);
  auto info = Detail<google::rpc::ErrorInfo>(details);
  EXPECT_EQ(info.reason(), "INTERNAL_ERROR");
  EXPECT_EQ(info.metadata().count("query"), 0u);
  EXPECT_THAT(converted.error_message(), HasSubstr(info.metadata().at("ref")));
}

TEST(WithDetailsOfTest, KeepsAnotherServicesDetails) {
  grpc::Status from = ToGrpcStatus(
      NotFound("PARTNER_NOT_FOUND", "partnerhub.partner_registry.v1.Partner",
               "partners/9"),
      "partner-registry.partnerhub");
  absl::Status status = WithDetailsOf(from, absl::StatusCode::kNotFound,
                                      "partner-registry: partners/9 not found");
  EXPECT_EQ(ReasonOf(status), "PARTNER_NOT_FOUND");
  EXPECT_EQ(ResourceNameOf(status), "partners/9");
  // Passed on, the error keeps the domain of the service that made it.
  auto info = Detail<google::rpc::ErrorInfo>(
      DetailsOf(ToGrpcStatus(status, "campaign.partnerhub")));
  EXPECT_EQ(info.domain(), "partner-registry.partnerhub");
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
