// Exactly once: a batch applied twice, or skipping ahead, is refused; two
// consumers racing on one feed, and two followers with leases, count each
// event once (read_models_fixture.h).
#include <algorithm>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/events/feed_subscription.h"
#include "common/grpc/downstream.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "gtest/gtest.h"
#include "services/reporting/tests/fixture.h"
#include "services/reporting/tests/read_models_fixture.h"
#include "tests/harness/harness.h"

namespace partnerhub::reporting {
namespace {

using namespace ::partnerhub::reporting::testing;  // NOLINT

TEST_F(ReadModelsTest, ABatchAppliedTwiceCountsOnce) {
  const Dataset d = Generate(100, 400);
  auto r = Reporting::Create(absl::StrCat("rm_", TestName()));
  ASSERT_NE(r, nullptr);
  for (int f = 0; f < 3; ++f) {
    std::vector<events::v1::Event> events = d.events[f];
    for (size_t i = 0; i < events.size(); ++i) {
      events[i].set_position(static_cast<int64_t>(i) + 1);
      events[i].set_feed(kFeeds[f]);
    }
    for (size_t i = 0; i < events.size(); i += 50) {
      std::vector<events::v1::Event> batch(
          events.begin() + i, events.begin() + std::min(events.size(), i + 50));
      ASSERT_TRUE(ApplyEvents(*r->applier, kFeeds[f], batch, 0).ok());
      const absl::Status again = ApplyEvents(*r->applier, kFeeds[f], batch, 0);
      EXPECT_EQ(again.code(), absl::StatusCode::kAborted) << again;
      EXPECT_EQ(ReasonOf(again), ::partnerhub::reason::kConcurrentUpdate);
      EXPECT_GT(RetryDelayOf(again), absl::ZeroDuration());
    }
    // A batch that skips ahead is refused too.
    std::vector<events::v1::Event> ahead = {events.back()};
    ahead[0].set_position(static_cast<int64_t>(events.size()) + 5);
    EXPECT_EQ(ApplyEvents(*r->applier, kFeeds[f], ahead, 0).code(),
              absl::StatusCode::kAborted);
  }
  ExpectLift(*r->reports, d, "campaigns/1");
  ExpectScorecard(*r->reports, d, "partners/1", WholeRange(d));
  ExpectPatterns(*r->reports, d, WholeRange(d), {});
}

// Two consumers race on every feed without leases (the position check
// alone keeps each event once), then two followers per feed with leases:
// one applies, one stands by.
TEST_F(ReadModelsTest, TwoConsumersOnOneFeedCountOnce) {
  const Dataset d = Generate(200, 1500);
  auto r = Reporting::Create(absl::StrCat("rm_", TestName()));
  ASSERT_NE(r, nullptr);
  std::vector<std::unique_ptr<events::FeedSubscription>> subscriptions;
  for (int f = 0; f < 3; ++f) {
    for (int copy = 0; copy < 2; ++copy) {
      events::SubscriptionOptions options;
      options.feed = kFeeds[f];
      options.channel = DownstreamChannel(producers_->address(f));
      options.max_events = 29 + copy * 10;
      options.initial_backoff = absl::Milliseconds(5);
      options.max_backoff = absl::Milliseconds(50);
      events::SubscriptionCallbacks callbacks;
      callbacks.load_position = [&r, f] {
        return r->applier->LoadPosition(kFeeds[f]);
      };
      callbacks.apply = [&r, f](const std::vector<events::v1::Event>& e) {
        return ApplyEvents(*r->applier, kFeeds[f], e, 0);
      };
      subscriptions.push_back(
          std::make_unique<events::FeedSubscription>(options, callbacks));
      subscriptions.back()->Start();
    }
  }
  AppendDataset(d);  // while they follow
  ASSERT_TRUE(r->WaitCaughtUp(*producers_));
  for (auto& s : subscriptions) s->Stop();
  ExpectAll(*r->reports, d);

  // With leases: one active follower per feed; the other takes over when
  // the active one stops.
  auto r2 = Reporting::Create(absl::StrCat("rm2_", TestName()));
  ASSERT_NE(r2, nullptr);
  std::vector<FeedFollower*> first, second;
  for (int f = 0; f < 3; ++f) first.push_back(&r2->Follow(*producers_, f, 50));
  for (int f = 0; f < 3; ++f) second.push_back(&r2->Follow(*producers_, f, 50));
  // Until each feed has its one active follower.
  EXPECT_TRUE(partnerhub::testing::WaitUntil([&] {
    for (int f = 0; f < 3; ++f) {
      if (first[f]->state().active == second[f]->state().active) return false;
    }
    return true;
  }));
  for (int f = 0; f < 3; ++f) {
    EXPECT_NE(first[f]->state().active, second[f]->state().active) << f;
  }
  for (int f = 0; f < 3; ++f) {
    (first[f]->state().active ? first[f] : second[f])->Stop();
  }
  ASSERT_TRUE(r2->WaitCaughtUp(*producers_));
  ExpectAll(*r2->reports, d);
}

}  // namespace
}  // namespace partnerhub::reporting
