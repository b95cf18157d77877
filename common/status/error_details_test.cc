#include "common/status/error_details.h"

#include <set>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/reasons.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace partnerhub {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(ErrorDetailsTest, InvalidFieldNamesTheField) {
  absl::Status status = InvalidField("partner.category", "is required");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "partner.category is required");
  EXPECT_EQ(ReasonOf(status), "INVALID_FIELD");
  EXPECT_THAT(FieldViolationsOf(status),
              ElementsAre(FieldViolation{"partner.category",
                                         "partner.category is required"}));
  EXPECT_EQ(ReasonOf(InvalidField("page_token", "is not valid",
                                  reason::kInvalidPageToken)),
            "INVALID_PAGE_TOKEN");
}

TEST(ErrorDetailsTest, NotFoundCarriesTheResource) {
  absl::Status status = NotFound(
      "CAMPAIGN_NOT_FOUND", "partnerhub.campaign.v1.Campaign", "campaigns/7");
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "campaigns/7 not found");
  EXPECT_EQ(ReasonOf(status), "CAMPAIGN_NOT_FOUND");
  EXPECT_EQ(ResourceNameOf(status), "campaigns/7");
  EXPECT_EQ(ErrorMetadataOf(status, "resource"), "campaigns/7");
}

TEST(ErrorDetailsTest, FailedPreconditionCarriesTheViolation) {
  absl::Status status = FailedPrecondition("BUDGET_EXHAUSTED", "campaigns/7",
                                           "campaigns/7 has no budget left");
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(status), "BUDGET_EXHAUSTED");
  EXPECT_THAT(
      PreconditionViolationsOf(status),
      ElementsAre(PreconditionViolation{"BUDGET_EXHAUSTED", "campaigns/7",
                                        "campaigns/7 has no budget left"}));
}

TEST(ErrorDetailsTest, RetryDelayAndReasonCanBeAdded) {
  absl::Status status =
      WithRetryDelay(WithReason(absl::AbortedError("conflict"), "STALE_ETAG",
                                {{"resource", "partners/1"}}),
                     absl::Milliseconds(250));
  EXPECT_EQ(ReasonOf(status), "STALE_ETAG");
  EXPECT_EQ(ErrorMetadataOf(status, "resource"), "partners/1");
  EXPECT_EQ(RetryDelayOf(status), absl::Milliseconds(250));
  EXPECT_TRUE(WithReason(absl::OkStatus(), "X").ok());
  EXPECT_EQ(ReasonOf(absl::NotFoundError("plain")), "");
  EXPECT_EQ(RetryDelayOf(absl::NotFoundError("plain")), absl::ZeroDuration());
}

TEST(FieldErrorsTest, CollectsEveryViolation) {
  FieldErrors errors;
  EXPECT_TRUE(errors.ok());
  errors.Add(absl::OkStatus());
  EXPECT_TRUE(errors.Result().ok());
  errors.Add(InvalidField("a", "is required"));
  errors.Add("b", "is too long");
  errors.Add(absl::InvalidArgumentError("c is bad"));  // no BadRequest
  EXPECT_FALSE(errors.ok());
  absl::Status status = errors.Result();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "a is required; b is too long; c is bad");
  EXPECT_EQ(ReasonOf(status), "INVALID_FIELD");
  EXPECT_THAT(FieldViolationsOf(status),
              ElementsAre(FieldViolation{"a", "a is required"},
                          FieldViolation{"b", "b is too long"},
                          FieldViolation{"", "c is bad"}));
}

TEST(FieldErrorsTest, ManyViolationsAreCapped) {
  FieldErrors errors;
  for (int i = 0; i < 200; ++i) {
    errors.Add(absl::StrCat("items[", i, "].amount"), "must be positive");
  }
  absl::Status status = errors.Result();
  EXPECT_EQ(FieldViolationsOf(status).size(),
            static_cast<size_t>(kMaxFieldViolations));
  EXPECT_EQ(FieldViolationsOf(status).front().field, "items[0].amount");
  EXPECT_TRUE(absl::EndsWith(status.message(), "; and 180 more"))
      << status.message();
  EXPECT_EQ(ErrorMetadataOf(status, "violations"), "200");
}

TEST(FieldErrorsTest, AssignTakesTheValueOrTheError) {
  FieldErrors errors;
  int a = 0, b = 0;
  errors.Assign(absl::StatusOr<int>(7), a);
  errors.Assign(absl::StatusOr<int>(InvalidField("b", "is bad")), b);
  EXPECT_EQ(a, 7);
  EXPECT_EQ(b, 0);
  EXPECT_THAT(FieldViolationsOf(errors.Result()),
              ElementsAre(FieldViolation{"b", "b is bad"}));
}

TEST(FieldErrorsTest, OneErrorComesBackAsItWas) {
  FieldErrors errors;
  const absl::Status token =
      InvalidField("page_token", "is not valid", reason::kInvalidPageToken);
  errors.Add(token);
  EXPECT_EQ(errors.Result(), token);
}

TEST(FieldErrorsTest, OtherErrorsComeFirst) {
  FieldErrors errors;
  errors.Add(InvalidField("a", "is required"));
  errors.Add(absl::UnavailableError("database down"));
  errors.Add(absl::NotFoundError("later"));
  EXPECT_EQ(errors.Result(), absl::UnavailableError("database down"));
}

TEST(ReasonsTest, FallbacksAreCommonReasons) {
  std::set<std::string> common;
  for (absl::string_view r : reason::kCommonReasons) {
    EXPECT_TRUE(common.insert(std::string(r)).second) << "twice: " << r;
  }
  for (int code = 1; code <= 16; ++code) {
    const absl::string_view r =
        reason::FallbackReason(static_cast<absl::StatusCode>(code));
    EXPECT_EQ(common.count(std::string(r)), 1u) << code << " " << r;
  }
  EXPECT_THAT(FieldViolationsOf(absl::InvalidArgumentError("x")), IsEmpty());
}

}  // namespace
}  // namespace partnerhub
