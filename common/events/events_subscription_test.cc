// The event feed over gRPC against a real MariaDB (feed_test_fixture.h): a
// subscription applies every event exactly once while writers commit
// concurrently, across restarts; large events are split across responses.
#include <cppconn/resultset.h>
#include <grpcpp/create_channel.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "common/events/event_feed_service.h"
#include "common/events/feed_store.h"
#include "common/events/feed_subscription.h"
#include "common/events/feed_test_fixture.h"
#include "common/events/outbox.h"
#include "common/grpc/downstream.h"
#include "common/mysql/migrator.h"
#include "common/mysql/statement.h"
#include "common/mysql/transaction.h"
#include "common/server/server.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/harness/harness.h"

namespace partnerhub::events {
namespace {

using ::testing::HasSubstr;
using testing::MariaDbServer;

// The whole path over gRPC: writers commit concurrently while a
// subscription follows the feed and applies each event into a consumer
// table together with its position, in one transaction. Restarting the
// subscription half-way resumes from the stored position.
TEST_F(EventsTest, SubscriptionAppliesEveryEventOnceAcrossRestarts) {
  ASSERT_TRUE(mysql::Transact(*pool_, [](mysql::Connection& conn) {
                mysql::Execute(conn,
                               "CREATE TABLE applied (event_id VARCHAR(64) "
                               "PRIMARY KEY, position BIGINT NOT NULL)");
                mysql::Execute(conn,
                               "CREATE TABLE consumer_position (id INT PRIMARY "
                               "KEY, position BIGINT NOT NULL)");
                mysql::Execute(conn,
                               "INSERT INTO consumer_position VALUES (1, 0)");
                return absl::OkStatus();
              }).ok());
  SystemClock clock;
  FeedOptions feed_options;
  feed_options.feed = "test";
  feed_options.poll_interval = absl::Milliseconds(5);
  EventFeedService feed(*pool_, clock, feed_options);
  ServerOptions server_options;
  server_options.name = "feed-test";
  server_options.listen_address = "127.0.0.1:0";
  server_options.log_requests = false;
  absl::StatusOr<std::unique_ptr<Server>> server =
      Server::Start(server_options, {&feed});
  ASSERT_TRUE(server.ok()) << server.status();

  SubscriptionCallbacks callbacks;
  callbacks.load_position = [&]() -> absl::StatusOr<int64_t> {
    int64_t position = 0;
    absl::Status s = mysql::WithConnection(*pool_, [&](mysql::Connection& c) {
      auto rs = mysql::Query(c, "SELECT position FROM consumer_position");
      rs->next();
      position = mysql::GetInt64(*rs, "position");
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return position;
  };
  callbacks.apply = [&](const std::vector<v1::Event>& events) {
    return mysql::Transact(*pool_, [&](mysql::Connection& c) {
      auto rs = mysql::Query(
          c, "SELECT position FROM consumer_position WHERE id = 1 FOR UPDATE");
      rs->next();
      if (mysql::GetInt64(*rs, "position") != events.front().position() - 1) {
        return absl::AbortedError("applied elsewhere");
      }
      for (const v1::Event& e : events) {
        mysql::Execute(c, "INSERT INTO applied VALUES (?, ?)",
                       {IdOf(e), e.position()});
      }
      mysql::Execute(c, "UPDATE consumer_position SET position = ?",
                     {events.back().position()});
      return absl::OkStatus();
    });
  };
  SubscriptionOptions options;
  options.feed = "test";
  options.consumer = "test-consumer";
  options.channel = DownstreamChannel((*server)->address());
  options.max_events = 50;
  options.acknowledge_interval = absl::Milliseconds(50);

  constexpr int kWriters = 6;
  constexpr int kTransactions = 80;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int n = 0; n < kTransactions; ++n) {
        EXPECT_TRUE(Write({TestEvent(absl::StrCat(w, "-", n, "-0"), now_),
                           TestEvent(absl::StrCat(w, "-", n, "-1"), now_)})
                        .ok());
      }
    });
  }
  {
    FeedSubscription first(options, callbacks);
    first.Start();
    ASSERT_TRUE(partnerhub::testing::WaitUntil(
        [&] { return first.progress().position > 0; }));
  }  // stopped mid-stream (the writers are still writing)
  FeedSubscription second(options, callbacks);
  second.Start();
  for (std::thread& t : writers) t.join();
  const int64_t total = 2 * kWriters * kTransactions;
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (second.progress().position < total && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  SubscriptionProgress progress = second.progress();
  EXPECT_EQ(progress.position, total);
  EXPECT_EQ(progress.head_position, total);
  EXPECT_TRUE(progress.connected);
  second.Stop();

  int64_t applied = 0, distinct_positions = 0;
  ASSERT_TRUE(mysql::WithConnection(*pool_, [&](mysql::Connection& c) {
                auto rs = mysql::Query(
                    c,
                    "SELECT COUNT(*), COUNT(DISTINCT position) FROM applied");
                rs->next();
                applied = rs->getInt64(1);
                distinct_positions = rs->getInt64(2);
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(applied, total);
  EXPECT_EQ(distinct_positions, total);

  // The producer knows how far the consumer got.
  FeedStore store(*pool_, "test");
  absl::StatusOr<v1::FeedInfo> info = store.Info();
  ASSERT_TRUE(info.ok());
  ASSERT_EQ(info->consumers_size(), 1);
  EXPECT_EQ(info->consumers(0).position(), total);

  // Stopping the service ends a following stream with UNAVAILABLE.
  auto stub = v1::EventFeed::NewStub(options.channel);
  grpc::ClientContext context;
  v1::StreamEventsRequest request;
  request.set_after_position(total);
  request.set_follow(true);
  auto reader = stub->StreamEvents(&context, request);
  v1::StreamEventsResponse response;
  ASSERT_TRUE(reader->Read(&response));  // the first heartbeat
  EXPECT_EQ(response.head_position(), total);
  feed.Stop();
  while (reader->Read(&response)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
  (*server)->Shutdown();
}

// Events of a snapshot's members are large: however many a consumer asks
// for, a response stays far below gRPC's 4 MiB message limit.
TEST_F(EventsTest, LargeEventsAreSplitAcrossResponses) {
  std::vector<v1::Event> big;
  // 24 events of about 200 kB: more than gRPC's 4 MiB limit together.
  for (int i = 0; i < 24; ++i) {
    v1::Event e = At(now_);
    auto* members = e.mutable_segment_snapshot_members();
    members->set_snapshot("segments/1/snapshots/1");
    for (int c = 0; c < 5000; ++c) {
      members->add_customers(
          absl::StrCat("customers/customer-with-a-long-id-", i * 5000 + c));
    }
    big.push_back(std::move(e));
  }
  ASSERT_TRUE(mysql::Transact(*pool_, [&](mysql::Connection& conn) {
                AppendEvents(conn, big);
                return absl::OkStatus();
              }).ok());
  SystemClock clock;
  FeedOptions feed_options;
  feed_options.feed = "test";
  feed_options.prune_interval = absl::ZeroDuration();
  EventFeedService feed(*pool_, clock, feed_options);
  ServerOptions server_options;
  server_options.name = "feed-test";
  server_options.listen_address = "127.0.0.1:0";
  server_options.log_requests = false;
  absl::StatusOr<std::unique_ptr<Server>> server =
      Server::Start(server_options, {&feed});
  ASSERT_TRUE(server.ok()) << server.status();
  auto stub = v1::EventFeed::NewStub(DownstreamChannel((*server)->address()));
  grpc::ClientContext context;
  v1::StreamEventsRequest request;
  request.set_max_events(5000);
  auto reader = stub->StreamEvents(&context, request);
  v1::StreamEventsResponse response;
  int64_t next = 1;
  int responses = 0;
  while (reader->Read(&response)) {
    ++responses;
    EXPECT_LE(response.ByteSizeLong(), size_t{2} << 20);
    for (const v1::Event& e : response.events()) {
      EXPECT_EQ(e.position(), next++);
      EXPECT_EQ(e.segment_snapshot_members().customers_size(), 5000);
    }
  }
  const grpc::Status status = reader->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(next, 25);
  EXPECT_GT(responses, 4);

  // A subscription behind the head gathers responses before it applies
  // them: fewer, larger batches, each up to about apply_bytes.
  std::vector<int> batches;
  absl::Mutex mu;
  SubscriptionCallbacks callbacks;
  callbacks.load_position = []() -> absl::StatusOr<int64_t> { return 0; };
  callbacks.apply = [&](const std::vector<v1::Event>& events) {
    absl::MutexLock lock(&mu);
    int64_t expected = 1;
    for (int n : batches) expected += n;
    EXPECT_EQ(events.front().position(), expected);
    batches.push_back(static_cast<int>(events.size()));
    return absl::OkStatus();
  };
  SubscriptionOptions options;
  options.feed = "test";
  options.channel = DownstreamChannel((*server)->address());
  options.max_events = 5000;
  options.apply_bytes = 3 << 20;
  {
    FeedSubscription subscription(options, callbacks);
    subscription.Start();
    const absl::Time deadline = absl::Now() + absl::Seconds(20);
    while (subscription.progress().position < 24 && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(10));
    }
  }
  absl::MutexLock lock(&mu);
  int applied = 0;
  for (int n : batches) {
    applied += n;
    EXPECT_LE(n, 21);  // 3 MiB of 200 kB events, and one more response
  }
  EXPECT_EQ(applied, 24);
  EXPECT_LT(static_cast<int>(batches.size()), responses);
  EXPECT_GE(batches.front(), 15);
  (*server)->Shutdown();
}
}  // namespace
}  // namespace partnerhub::events
