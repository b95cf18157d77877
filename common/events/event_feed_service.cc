#include "common/events/event_feed_service.h"

#include <algorithm>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/api/field_checks.h"
#include "common/grpc/handler_support.h"
#include "common/log/log.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"

ABSL_FLAG(absl::Duration, event_retention, absl::Hours(24 * 7),
          "keep events on the feed at least this long (and until every "
          "consumer acknowledged them)");
ABSL_FLAG(absl::Duration, event_prune_interval, absl::Minutes(10),
          "how often old events are pruned (0: never)");
ABSL_FLAG(absl::Duration, event_poll_interval, absl::Milliseconds(50),
          "how often a following event stream looks for new events");

namespace partnerhub::events {
namespace {

constexpr int kDefaultMaxEvents = 500;
constexpr int kMostMaxEvents = 5000;
// A response is cut before this size (events vary from a hundred bytes to
// a snapshot's 5000 members), well inside gRPC's 4 MiB message limit.
constexpr size_t kResponseBytes = 1 << 20;

}  // namespace

FeedOptions FeedOptionsFromFlags(std::string feed) {
  FeedOptions options;
  options.feed = std::move(feed);
  options.retention = absl::GetFlag(FLAGS_event_retention);
  options.prune_interval = absl::GetFlag(FLAGS_event_prune_interval);
  options.poll_interval = absl::GetFlag(FLAGS_event_poll_interval);
  return options;
}

EventFeedService::EventFeedService(mysql::ConnectionPool& pool,
                                   const Clock& clock, FeedOptions options)
    : store_(pool, options.feed),
      clock_(clock),
      options_(std::move(options)),
      error_domain_(absl::StrCat(options_.feed, ".partnerhub")) {
  if (options_.prune_interval > absl::ZeroDuration()) {
    pruner_ = std::thread([this] { PruneLoop(); });
  }
}

EventFeedService::~EventFeedService() { Stop(); }

void EventFeedService::Stop() {
  if (!stopping_.HasBeenNotified()) stopping_.Notify();
  if (pruner_.joinable()) pruner_.join();
}

void EventFeedService::PruneLoop() {
  while (!stopping_.WaitForNotificationWithTimeout(options_.prune_interval)) {
    absl::StatusOr<int64_t> pruned =
        store_.Prune(clock_.Now() - options_.retention);
    if (!pruned.ok()) {
      LogWarning(
          "feed ", options_.feed, ": pruning failed: ",
          pruned.status().ToString(absl::StatusToStringMode::kWithNoExtraData));
    } else if (*pruned > 0) {
      LogInfo("feed ", options_.feed, ": pruned ", *pruned, " events");
    }
  }
}

grpc::Status EventFeedService::StreamEvents(
    grpc::ServerContext* context, const v1::StreamEventsRequest* request,
    grpc::ServerWriter<v1::StreamEventsResponse>* writer) {
  return Handle(error_domain_, [&]() -> absl::Status {
    if (request->max_events() < 0) {
      return InvalidField(
          "max_events",
          absl::StrCat("must not be negative; got ", request->max_events()));
    }
    const int max_events =
        request->max_events() == 0
            ? kDefaultMaxEvents
            : std::min(request->max_events(), kMostMaxEvents);
    int64_t position = request->after_position();
    absl::Time last_sent = absl::InfinitePast();
    while (true) {
      if (context->IsCancelled()) return absl::CancelledError("cancelled");
      if (stopping_.HasBeenNotified()) {
        return absl::UnavailableError(absl::StrCat(
            "the ", options_.feed,
            " server is shutting down; resume after position ", position));
      }
      PH_ASSIGN_OR_RETURN(EventBatch batch,
                          store_.ReadAfter(position, max_events));
      const bool caught_up = batch.events.empty();
      if (!caught_up || absl::Now() - last_sent >= options_.heartbeat) {
        v1::StreamEventsResponse response;
        size_t bytes = 0;
        auto send = [&] {
          response.set_head_position(batch.head_position);
          if (!writer->Write(response)) return false;
          response.Clear();
          bytes = 0;
          last_sent = absl::Now();
          return true;
        };
        for (v1::Event& event : batch.events) {
          const size_t size = event.ByteSizeLong();
          if (response.events_size() > 0 && bytes + size > kResponseBytes &&
              !send()) {
            return absl::CancelledError("the consumer went away");
          }
          bytes += size;
          position = event.position();
          *response.add_events() = std::move(event);
        }
        if ((response.events_size() > 0 || caught_up) && !send()) {
          return absl::CancelledError("the consumer went away");
        }
      }
      if (!caught_up) continue;
      if (!request->follow()) return absl::OkStatus();
      stopping_.WaitForNotificationWithTimeout(options_.poll_interval);
    }
  });
}

grpc::Status EventFeedService::AcknowledgeEvents(
    grpc::ServerContext*, const v1::AcknowledgeEventsRequest* request,
    v1::FeedConsumer* response) {
  return Handle(error_domain_, [&]() -> absl::Status {
    PH_RETURN_IF_ERROR(CheckIdentifier("consumer", request->consumer(), 64));
    PH_ASSIGN_OR_RETURN(
        *response, store_.Acknowledge(request->consumer(), request->position(),
                                      clock_.Now()));
    return absl::OkStatus();
  });
}

grpc::Status EventFeedService::GetFeedInfo(grpc::ServerContext*,
                                           const v1::GetFeedInfoRequest*,
                                           v1::FeedInfo* response) {
  return Handle(error_domain_, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(*response, store_.Info());
    response->set_retention_seconds(absl::ToInt64Seconds(options_.retention));
    return absl::OkStatus();
  });
}

}  // namespace partnerhub::events
