#include "common/events/feed_subscription.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/grpc/downstream.h"
#include "common/grpc/status_conversion.h"
#include "common/log/log.h"
#include "common/status/status_macros.h"

namespace partnerhub::events {

FeedSubscription::FeedSubscription(SubscriptionOptions options,
                                   SubscriptionCallbacks callbacks)
    : options_(std::move(options)),
      callbacks_(std::move(callbacks)),
      stub_(v1::EventFeed::NewStub(options_.channel)) {
  progress_.feed = options_.feed;
}

FeedSubscription::~FeedSubscription() { Stop(); }

void FeedSubscription::Start() {
  thread_ = std::thread([this] { Run(); });
}

void FeedSubscription::Stop() {
  {
    absl::MutexLock lock(&mu_);
    if (!stopping_.HasBeenNotified()) stopping_.Notify();
    if (open_stream_ != nullptr) open_stream_->TryCancel();
  }
  if (thread_.joinable()) thread_.join();
}

SubscriptionProgress FeedSubscription::progress() const {
  absl::MutexLock lock(&mu_);
  return progress_;
}

void FeedSubscription::SetProgress(
    const std::function<void(SubscriptionProgress&)>& change) {
  absl::MutexLock lock(&mu_);
  change(progress_);
}

void FeedSubscription::Run() {
  absl::Duration backoff = options_.initial_backoff;
  while (!stopping_.HasBeenNotified()) {
    const absl::Status status = Follow();
    SetProgress([&](SubscriptionProgress& p) {
      p.connected = false;
      if (!status.ok())
        p.last_error =
            status.ToString(absl::StatusToStringMode::kWithNoExtraData);
    });
    if (stopping_.HasBeenNotified()) break;
    if (status.ok()) {
      backoff = options_.initial_backoff;  // the deadline ended a good stream
      continue;
    }
    LogWarning("feed ", options_.feed, ": ",
               status.ToString(absl::StatusToStringMode::kWithNoExtraData),
               "; reconnecting in ", absl::FormatDuration(backoff));
    stopping_.WaitForNotificationWithTimeout(backoff);
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

absl::Status FeedSubscription::Follow() {
  PH_ASSIGN_OR_RETURN(int64_t position, callbacks_.load_position());
  SetProgress([&](SubscriptionProgress& p) { p.position = position; });

  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       absl::ToChronoMicroseconds(options_.stream_deadline));
  {
    absl::MutexLock lock(&mu_);
    if (stopping_.HasBeenNotified()) return absl::OkStatus();
    open_stream_ = &context;
  }
  v1::StreamEventsRequest request;
  request.set_after_position(position);
  request.set_max_events(options_.max_events);
  request.set_follow(true);
  std::unique_ptr<grpc::ClientReader<v1::StreamEventsResponse>> reader =
      stub_->StreamEvents(&context, request);

  absl::Status failure;
  absl::Time last_ack = absl::InfinitePast();
  v1::StreamEventsResponse response;
  std::vector<v1::Event> pending;  // read, not applied yet
  size_t pending_bytes = 0;
  while (reader->Read(&response)) {
    SetProgress([&](SubscriptionProgress& p) {
      p.connected = true;
      p.last_error.clear();
      p.head_position = response.head_position();
      p.last_contact = absl::Now();
    });
    if (response.events_size() > 0) {
      const int64_t expected =
          (pending.empty() ? position : pending.back().position()) + 1;
      if (response.events(0).position() != expected) {
        failure = absl::InternalError(absl::StrCat(
            "feed ", options_.feed, " sent position ",
            response.events(0).position(), " after ", expected - 1));
        context.TryCancel();
        break;
      }
      pending_bytes += response.ByteSizeLong();
      for (v1::Event& e : *response.mutable_events()) {
        pending.push_back(std::move(e));
      }
    }
    const bool behind = !pending.empty() &&
                        pending.back().position() < response.head_position();
    if (!pending.empty() &&
        (!behind ||
         pending.size() >= static_cast<size_t>(options_.max_events) ||
         pending_bytes >= options_.apply_bytes)) {
      failure = callbacks_.apply(pending);
      if (!failure.ok()) {
        context.TryCancel();
        break;
      }
      position = pending.back().position();
      pending.clear();
      pending_bytes = 0;
      SetProgress([&](SubscriptionProgress& p) { p.position = position; });
    }
    if (absl::Now() - last_ack >= options_.acknowledge_interval) {
      Acknowledge(position);
      last_ack = absl::Now();
    }
  }
  const grpc::Status finished = reader->Finish();
  {
    absl::MutexLock lock(&mu_);
    open_stream_ = nullptr;
  }
  Acknowledge(position);
  if (!failure.ok()) return failure;
  if (stopping_.HasBeenNotified() ||
      finished.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    return absl::OkStatus();
  }
  return FromDownstream(absl::StrCat(options_.feed, " feed"), finished);
}

void FeedSubscription::Acknowledge(int64_t position) {
  if (options_.consumer.empty()) return;
  std::unique_ptr<grpc::ClientContext> context =
      DeadlineContext(absl::Seconds(2));
  v1::AcknowledgeEventsRequest request;
  request.set_consumer(options_.consumer);
  request.set_position(position);
  v1::FeedConsumer response;
  const grpc::Status status =
      stub_->AcknowledgeEvents(context.get(), request, &response);
  if (!status.ok()) {
    LogWarning("feed ", options_.feed, ": acknowledging position ", position,
               " failed: ", status.error_message());
  }
}

}  // namespace partnerhub::events
