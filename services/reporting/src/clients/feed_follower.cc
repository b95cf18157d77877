#include "services/reporting/src/clients/feed_follower.h"

#include <algorithm>
#include <utility>

#include "common/log/log.h"
#include "services/reporting/src/convert/feed_facts.h"

namespace partnerhub::reporting {

absl::Status ApplyEvents(FeedApplier& applier, const std::string& feed,
                         const std::vector<events::v1::Event>& events,
                         int64_t head_position) {
  return applier.Apply(feed, FactsOf(events), head_position);
}

FeedFollower::FeedFollower(std::string feed,
                           std::shared_ptr<grpc::Channel> channel,
                           FeedApplier& applier,
                           std::unique_ptr<FeedLease> lease,
                           FollowerOptions options)
    : feed_(std::move(feed)),
      channel_(std::move(channel)),
      applier_(applier),
      lease_(std::move(lease)),
      options_(std::move(options)) {}

FeedFollower::~FeedFollower() { Stop(); }

void FeedFollower::Start() {
  thread_ = std::thread([this] { Run(); });
}

void FeedFollower::Stop() {
  if (!stopping_.HasBeenNotified()) stopping_.Notify();
  if (thread_.joinable()) thread_.join();
}

LocalFeedState FeedFollower::state() const {
  absl::MutexLock lock(&mu_);
  const events::SubscriptionProgress p =
      subscription_ != nullptr ? subscription_->progress() : last_progress_;
  LocalFeedState s;
  s.active = active_;
  s.connected = active_ && p.connected;
  s.head_position = p.head_position;
  s.last_error = !lease_error_.empty() ? lease_error_ : p.last_error;
  s.last_contact = p.last_contact;
  return s;
}

std::unique_ptr<events::FeedSubscription> FeedFollower::NewSubscription() {
  events::SubscriptionOptions options;
  options.feed = feed_;
  options.consumer = options_.consumer;
  options.channel = channel_;
  options.max_events = options_.max_events;
  options.initial_backoff = options_.initial_backoff;
  options.max_backoff = options_.max_backoff;
  options.acknowledge_interval = options_.acknowledge_interval;
  events::SubscriptionCallbacks callbacks;
  callbacks.load_position = [this] { return applier_.LoadPosition(feed_); };
  callbacks.apply = [this](const std::vector<events::v1::Event>& events) {
    int64_t head = events.back().position();
    {
      absl::MutexLock lock(&mu_);
      if (subscription_ != nullptr) {
        head = std::max(head, subscription_->progress().head_position);
      }
    }
    return ApplyEvents(applier_, feed_, events, head);
  };
  return std::make_unique<events::FeedSubscription>(std::move(options),
                                                    std::move(callbacks));
}

void FeedFollower::Run() {
  while (!stopping_.HasBeenNotified()) {
    absl::StatusOr<bool> taken = lease_->TryAcquire();
    if (!taken.ok() || !*taken) {
      {
        absl::MutexLock lock(&mu_);
        // Code and message: the error details are for RPC clients.
        lease_error_ = taken.ok()
                           ? ""
                           : taken.status().ToString(
                                 absl::StatusToStringMode::kWithNoExtraData);
      }
      stopping_.WaitForNotificationWithTimeout(options_.lease_interval);
      continue;
    }
    LogInfo("feed ", feed_, ": this replica applies it now");
    std::unique_ptr<events::FeedSubscription> subscription = NewSubscription();
    {
      absl::MutexLock lock(&mu_);
      lease_error_.clear();
      active_ = true;
      subscription_ = subscription.get();
    }
    subscription->Start();
    while (!stopping_.WaitForNotificationWithTimeout(options_.lease_interval)) {
      if (!lease_->StillHeld()) {
        LogWarning("feed ", feed_, ": lost the lease; standing by");
        break;
      }
      // A rebuild moves the stored position back; an idle stream would not
      // notice, so start again from the stored position.
      absl::StatusOr<int64_t> stored = applier_.LoadPosition(feed_);
      if (stored.ok() && *stored < subscription->progress().position) {
        LogInfo("feed ", feed_, ": position reset to ", *stored,
                " (rebuild); replaying");
        {
          absl::MutexLock lock(&mu_);
          subscription_ = nullptr;
        }
        subscription->Stop();
        subscription = NewSubscription();
        {
          absl::MutexLock lock(&mu_);
          subscription_ = subscription.get();
        }
        subscription->Start();
      }
    }
    {
      absl::MutexLock lock(&mu_);
      last_progress_ = subscription->progress();
      subscription_ = nullptr;
      active_ = false;
    }
    subscription->Stop();
    lease_->Release();
  }
}

}  // namespace partnerhub::reporting
