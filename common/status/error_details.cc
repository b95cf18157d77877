#include "common/status/error_details.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/reasons.h"
#include "google/rpc/error_details.pb.h"

namespace partnerhub {
namespace {

// The payload key of a detail message: its Any type URL.
template <typename Message>
std::string TypeUrl() {
  return absl::StrCat("type.googleapis.com/",
                      Message::descriptor()->full_name());
}

template <typename Message>
void Put(absl::Status& status, const Message& message) {
  status.SetPayload(TypeUrl<Message>(),
                    absl::Cord(message.SerializeAsString()));
}

template <typename Message>
std::optional<Message> Get(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(TypeUrl<Message>());
  if (!payload.has_value()) return std::nullopt;
  Message message;
  if (!message.ParseFromString(std::string(*payload))) return std::nullopt;
  return message;
}

google::rpc::ErrorInfo MakeErrorInfo(absl::string_view reason,
                                     ErrorMetadata metadata) {
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  for (const auto& [key, value] : metadata) {
    (*info.mutable_metadata())[std::string(key)] = std::string(value);
  }
  return info;
}

void PutRetryDelay(absl::Status& status, absl::Duration delay) {
  google::rpc::RetryInfo retry;
  const int64_t nanos = absl::ToInt64Nanoseconds(delay);
  retry.mutable_retry_delay()->set_seconds(nanos / 1000000000);
  retry.mutable_retry_delay()->set_nanos(
      static_cast<int32_t>(nanos % 1000000000));
  Put(status, retry);
}

}  // namespace

absl::Status ErrorWithReason(absl::StatusCode code, absl::string_view reason,
                             absl::string_view message,
                             ErrorMetadata metadata) {
  absl::Status status(code, message);
  Put(status, MakeErrorInfo(reason, metadata));
  return status;
}

absl::Status InvalidField(absl::string_view field, absl::string_view what) {
  return InvalidField(field, what, reason::kInvalidField);
}

absl::Status InvalidField(absl::string_view field, absl::string_view what,
                          absl::string_view reason) {
  const std::string description = absl::StrCat(field, " ", what);
  absl::Status status(absl::StatusCode::kInvalidArgument, description);
  Put(status, MakeErrorInfo(reason, {}));
  google::rpc::BadRequest bad;
  auto* violation = bad.add_field_violations();
  violation->set_field(std::string(field));
  violation->set_description(description);
  Put(status, bad);
  return status;
}

absl::Status InvalidFields(const std::vector<FieldViolation>& violations) {
  const int total = static_cast<int>(violations.size());
  const int shown = std::min(total, kMaxFieldViolations);
  std::vector<absl::string_view> descriptions;
  google::rpc::BadRequest bad;
  for (int i = 0; i < shown; ++i) {
    descriptions.push_back(violations[i].description);
    auto* violation = bad.add_field_violations();
    violation->set_field(violations[i].field);
    violation->set_description(violations[i].description);
  }
  std::string message = absl::StrJoin(descriptions, "; ");
  if (shown < total)
    absl::StrAppend(&message, "; and ", total - shown, " more");
  absl::Status status(absl::StatusCode::kInvalidArgument, message);
  const std::string count = absl::StrCat(total);
  Put(status, MakeErrorInfo(reason::kInvalidField, {{"violations", count}}));
  Put(status, bad);
  return status;
}

absl::Status NotFound(absl::string_view reason, absl::string_view resource_type,
                      absl::string_view resource_name,
                      absl::string_view message) {
  absl::Status status(
      absl::StatusCode::kNotFound,
      message.empty() ? absl::StrCat(resource_name, " not found") : message);
  Put(status, MakeErrorInfo(reason, {{"resource", resource_name}}));
  google::rpc::ResourceInfo info;
  info.set_resource_type(std::string(resource_type));
  info.set_resource_name(std::string(resource_name));
  info.set_description(std::string(status.message()));
  Put(status, info);
  return status;
}

absl::Status FailedPrecondition(absl::string_view reason,
                                absl::string_view subject,
                                absl::string_view message) {
  absl::Status status(absl::StatusCode::kFailedPrecondition, message);
  Put(status, MakeErrorInfo(reason, {{"resource", subject}}));
  google::rpc::PreconditionFailure failure;
  auto* violation = failure.add_violations();
  violation->set_type(std::string(reason));
  violation->set_subject(std::string(subject));
  violation->set_description(std::string(message));
  Put(status, failure);
  return status;
}

absl::Status RetryableError(absl::StatusCode code, absl::string_view reason,
                            absl::string_view message,
                            absl::Duration retry_delay,
                            ErrorMetadata metadata) {
  absl::Status status = ErrorWithReason(code, reason, message, metadata);
  PutRetryDelay(status, retry_delay);
  return status;
}

absl::Status WithReason(absl::Status status, absl::string_view reason,
                        ErrorMetadata metadata) {
  if (status.ok()) return status;
  Put(status, MakeErrorInfo(reason, metadata));
  return status;
}

absl::Status WithRetryDelay(absl::Status status, absl::Duration retry_delay) {
  if (status.ok()) return status;
  PutRetryDelay(status, retry_delay);
  return status;
}

std::string ReasonOf(const absl::Status& status) {
  std::optional<google::rpc::ErrorInfo> info =
      Get<google::rpc::ErrorInfo>(status);
  return info.has_value() ? info->reason() : "";
}

std::string ErrorDomainOf(const absl::Status& status) {
  std::optional<google::rpc::ErrorInfo> info =
      Get<google::rpc::ErrorInfo>(status);
  return info.has_value() ? info->domain() : "";
}

std::string ErrorMetadataOf(const absl::Status& status, absl::string_view key) {
  std::optional<google::rpc::ErrorInfo> info =
      Get<google::rpc::ErrorInfo>(status);
  if (!info.has_value()) return "";
  auto it = info->metadata().find(std::string(key));
  return it == info->metadata().end() ? "" : it->second;
}

std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> out;
  std::optional<google::rpc::BadRequest> bad =
      Get<google::rpc::BadRequest>(status);
  if (!bad.has_value()) return out;
  for (const auto& v : bad->field_violations()) {
    out.push_back(FieldViolation{v.field(), v.description()});
  }
  return out;
}

std::vector<PreconditionViolation> PreconditionViolationsOf(
    const absl::Status& status) {
  std::vector<PreconditionViolation> out;
  std::optional<google::rpc::PreconditionFailure> failure =
      Get<google::rpc::PreconditionFailure>(status);
  if (!failure.has_value()) return out;
  for (const auto& v : failure->violations()) {
    out.push_back(
        PreconditionViolation{v.type(), v.subject(), v.description()});
  }
  return out;
}

std::string ResourceNameOf(const absl::Status& status) {
  std::optional<google::rpc::ResourceInfo> info =
      Get<google::rpc::ResourceInfo>(status);
  return info.has_value() ? info->resource_name() : "";
}

absl::Duration RetryDelayOf(const absl::Status& status) {
  std::optional<google::rpc::RetryInfo> retry =
      Get<google::rpc::RetryInfo>(status);
  if (!retry.has_value()) return absl::ZeroDuration();
  return absl::Seconds(retry->retry_delay().seconds()) +
         absl::Nanoseconds(retry->retry_delay().nanos());
}

void FieldErrors::Add(const absl::Status& status) {
  if (status.ok()) return;
  if (status.code() != absl::StatusCode::kInvalidArgument) {
    if (other_.ok()) other_ = status;
    return;
  }
  if (++invalid_count_ == 1) first_invalid_ = status;
  std::vector<FieldViolation> violations = FieldViolationsOf(status);
  if (violations.empty()) {
    violations_.push_back(FieldViolation{"", std::string(status.message())});
  }
  for (FieldViolation& v : violations) violations_.push_back(std::move(v));
}

void FieldErrors::Add(absl::string_view field, absl::string_view what) {
  Add(InvalidField(field, what));
}

absl::Status FieldErrors::Result() const {
  if (!other_.ok()) return other_;
  if (violations_.empty()) return absl::OkStatus();
  // One error as it came, with its own reason and message.
  if (invalid_count_ == 1 && violations_.size() == 1) return first_invalid_;
  return InvalidFields(violations_);
}

}  // namespace partnerhub
