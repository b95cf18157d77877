// The event feed against a real MariaDB: positions are dense and follow
// commit order (no event is ever skipped, even when transactions commit out
// of the order they started or inserted in), pruning removes only an
// acknowledged, old prefix, and a subscription over gRPC applies every
// event exactly once while writers commit concurrently.
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

namespace partnerhub_events_schema {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}

namespace partnerhub::events {
namespace {

using ::testing::HasSubstr;
using testing::MariaDbServer;

// An event that says which writer transaction wrote it: the touchpoint's
// event_id is "<writer>-<n>-<k>", with bytes that are not text in its
// properties, to check payloads travel intact.
v1::Event TestEvent(const std::string& id, absl::Time at) {
  v1::Event event;
  event.mutable_event_time()->set_seconds(absl::ToUnixSeconds(at));
  auto* tp = event.mutable_touchpoints_recorded()->add_touchpoints();
  tp->set_event_id(id);
  tp->set_customer("customers/c");
  (*tp->mutable_properties())["bytes"] = std::string("a\0\xc3\xa9\n'\"\\", 8);
  return event;
}

v1::Event At(absl::Time at) {
  v1::Event event;
  event.mutable_event_time()->set_seconds(absl::ToUnixSeconds(at));
  return event;
}

std::string IdOf(const v1::Event& event) {
  return event.touchpoints_recorded().touchpoints(0).event_id();
}

class EventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string schema = absl::StrCat(
        "events_",
        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    absl::StatusOr<mysql::ConnectionOptions> options =
        MariaDbServer::Shared().CreateSchema(schema.substr(0, 60));
    ASSERT_TRUE(options.ok()) << options.status();
    mysql::PoolOptions pool_options;
    pool_options.max_size = 24;
    absl::StatusOr<std::unique_ptr<mysql::ConnectionPool>> pool =
        mysql::ConnectionPool::Create(*options, pool_options);
    ASSERT_TRUE(pool.ok()) << pool.status();
    pool_ = *std::move(pool);
    ASSERT_TRUE(
        mysql::Migrate(*pool_, partnerhub_events_schema::EmbeddedMigrations())
            .ok());
    // A table standing for the service's own data, with an auto-increment
    // id taken at insert time (the trap the feed must not fall into).
    ASSERT_TRUE(mysql::Transact(*pool_, [](mysql::Connection& conn) {
                  mysql::Execute(
                      conn,
                      "CREATE TABLE things (id BIGINT AUTO_INCREMENT "
                      "PRIMARY KEY, label VARCHAR(64) NOT NULL)");
                  return absl::OkStatus();
                }).ok());
  }

  // One transaction: a row of the service's data, then `events`.
  absl::Status Write(const std::vector<v1::Event>& events) {
    return mysql::Transact(*pool_, [&](mysql::Connection& conn) {
      mysql::Execute(conn, "INSERT INTO things (label) VALUES (?)",
                     {IdOf(events.front())});
      AppendEvents(conn, events);
      return absl::OkStatus();
    });
  }

  std::vector<v1::Event> ReadAll(FeedStore& store) {
    std::vector<v1::Event> out;
    while (true) {
      const int64_t after = out.empty() ? 0 : out.back().position();
      absl::StatusOr<EventBatch> batch = store.ReadAfter(after, 100);
      EXPECT_TRUE(batch.ok()) << batch.status();
      if (!batch.ok() || batch->events.empty()) return out;
      for (v1::Event& e : batch->events) out.push_back(std::move(e));
    }
  }

  std::unique_ptr<mysql::ConnectionPool> pool_;
  const absl::Time now_ = absl::FromUnixSeconds(1'780'000'000);
};

TEST_F(EventsTest, PositionsAreConsecutiveAndPayloadsIntact) {
  FeedStore store(*pool_, "test");
  ASSERT_TRUE(Write({TestEvent("a", now_)}).ok());
  ASSERT_TRUE(Write({TestEvent("b", now_), TestEvent("c", now_)}).ok());
  // A transaction that rolls back leaves no gap.
  EXPECT_FALSE(mysql::Transact(*pool_, [&](mysql::Connection& conn) {
                 AppendEvents(conn, {TestEvent("rolled-back", now_)});
                 return absl::AbortedError("changed my mind");
               }).ok());
  ASSERT_TRUE(Write({TestEvent("d", now_)}).ok());

  std::vector<v1::Event> events = ReadAll(store);
  ASSERT_EQ(events.size(), 4u);
  const char* ids[] = {"a", "b", "c", "d"};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(events[i].position(), i + 1);
    EXPECT_EQ(events[i].feed(), "test");
    EXPECT_EQ(IdOf(events[i]), ids[i]);
    EXPECT_EQ(events[i].event_time().seconds(), absl::ToUnixSeconds(now_));
    EXPECT_EQ(events[i].touchpoints_recorded().touchpoints(0).properties().at(
                  "bytes"),
              std::string("a\0\xc3\xa9\n'\"\\", 8));
  }
  absl::StatusOr<EventBatch> tail = store.ReadAfter(4, 10);
  ASSERT_TRUE(tail.ok());
  EXPECT_TRUE(tail->events.empty());
  EXPECT_EQ(tail->head_position, 4);
  absl::StatusOr<EventBatch> two = store.ReadAfter(1, 2);
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->events.size(), 2u);
  EXPECT_EQ(two->events[0].position(), 2);
  EXPECT_EQ(two->head_position, 4);

  EXPECT_EQ(store.ReadAfter(-1, 10).status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::Status beyond = store.ReadAfter(5, 10).status();
  EXPECT_EQ(beyond.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(beyond.message()), HasSubstr("after_position"));
}

// Transaction A inserts first (lower auto-increment id) but commits last;
// B commits in between and a reader reads then. A feed keyed by insert
// order would give A a lower number than the B the reader already passed,
// and the reader would never see A.
TEST_F(EventsTest, AnEventThatCommitsLateIsNotSkipped) {
  FeedStore store(*pool_, "test");
  absl::Notification a_inserted, b_committed_and_read;
  std::thread a([&] {
    EXPECT_TRUE(mysql::Transact(*pool_, [&](mysql::Connection& conn) {
                  mysql::Execute(conn,
                                 "INSERT INTO things (label) VALUES ('a')");
                  if (!a_inserted.HasBeenNotified()) a_inserted.Notify();
                  b_committed_and_read.WaitForNotification();
                  AppendEvents(conn, {TestEvent("a", now_)});
                  return absl::OkStatus();
                }).ok());
  });
  a_inserted.WaitForNotification();
  ASSERT_TRUE(Write({TestEvent("b", now_)}).ok());
  std::vector<v1::Event> first = ReadAll(store);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(IdOf(first[0]), "b");
  b_committed_and_read.Notify();
  a.join();

  absl::StatusOr<EventBatch> next = store.ReadAfter(first[0].position(), 10);
  ASSERT_TRUE(next.ok()) << next.status();
  ASSERT_EQ(next->events.size(), 1u);
  EXPECT_EQ(IdOf(next->events[0]), "a");
  EXPECT_EQ(next->events[0].position(), first[0].position() + 1);
}

// Many writers commit concurrently, each transaction pausing at random
// points, while a reader tails the feed the way a consumer does ("after the
// last position I saw"). The reader must see every committed event exactly
// once, in consecutive positions, and each writer's events in its own order.
TEST_F(EventsTest, ConcurrentCommitsNeverSkipAnEvent) {
  FeedStore store(*pool_, "test");
  constexpr int kWriters = 12;
  constexpr int kTransactions = 60;
  std::atomic<int> writers_done{0};
  std::atomic<int64_t> committed_events{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      std::mt19937 rng(w);
      std::uniform_int_distribution<int> pause_us(0, 1500);
      std::uniform_int_distribution<int> count(1, 3);
      for (int n = 0; n < kTransactions; ++n) {
        const int k = count(rng);
        std::vector<v1::Event> events;
        for (int i = 0; i < k; ++i) {
          events.push_back(TestEvent(absl::StrCat(w, "-", n, "-", i), now_));
        }
        const int before = pause_us(rng), after = pause_us(rng);
        absl::Status s = mysql::Transact(*pool_, [&](mysql::Connection& conn) {
          mysql::Execute(conn, "INSERT INTO things (label) VALUES (?)",
                         {IdOf(events[0])});
          absl::SleepFor(absl::Microseconds(before));
          AppendEvents(conn, events);
          absl::SleepFor(absl::Microseconds(after));
          return absl::OkStatus();
        });
        EXPECT_TRUE(s.ok()) << s;
        if (s.ok()) committed_events += k;
      }
      ++writers_done;
    });
  }

  std::vector<v1::Event> seen;
  int64_t position = 0;
  bool final_pass = false;
  while (true) {
    absl::StatusOr<EventBatch> batch = store.ReadAfter(position, 37);
    ASSERT_TRUE(batch.ok()) << batch.status();
    for (v1::Event& e : batch->events) {
      ASSERT_EQ(e.position(), position + 1) << "a gap in the feed";
      position = e.position();
      seen.push_back(std::move(e));
    }
    if (batch->events.empty()) {
      if (final_pass) break;
      if (writers_done == kWriters) final_pass = true;
    }
  }
  for (std::thread& t : writers) t.join();

  EXPECT_EQ(static_cast<int64_t>(seen.size()), committed_events.load());
  std::set<std::string> ids;
  std::map<int, std::pair<int, int>> last_of_writer;  // writer → (n, i)
  for (const v1::Event& e : seen) {
    const std::string id = IdOf(e);
    EXPECT_TRUE(ids.insert(id).second) << "seen twice: " << id;
    int w, n, i;
    ASSERT_EQ(std::sscanf(id.c_str(), "%d-%d-%d", &w, &n, &i), 3);
    auto it = last_of_writer.find(w);
    if (it != last_of_writer.end()) {
      EXPECT_LT(it->second, std::make_pair(n, i)) << "out of order: " << id;
    }
    last_of_writer[w] = {n, i};
  }
}

TEST_F(EventsTest, PruningRemovesOnlyAnOldAcknowledgedPrefix) {
  FeedStore store(*pool_, "test");
  // Events 1-3 old, 4 young, 5 old again (clocks are not monotonic across
  // writers), 6 young.
  const absl::Time old_time = now_ - absl::Hours(48);
  ASSERT_TRUE(Write({TestEvent("1", old_time), TestEvent("2", old_time),
                     TestEvent("3", old_time)})
                  .ok());
  ASSERT_TRUE(Write({TestEvent("4", now_)}).ok());
  ASSERT_TRUE(Write({TestEvent("5", old_time)}).ok());
  ASSERT_TRUE(Write({TestEvent("6", now_)}).ok());
  const absl::Time cutoff = now_ - absl::Hours(24);

  // A consumer at 2 holds back everything after 2.
  ASSERT_TRUE(store.Acknowledge("slow", 2, now_).ok());
  ASSERT_TRUE(store.Acknowledge("fast", 6, now_).ok());
  absl::StatusOr<int64_t> pruned = store.Prune(cutoff);
  ASSERT_TRUE(pruned.ok()) << pruned.status();
  EXPECT_EQ(*pruned, 2);

  // Acknowledgements never move back, nor beyond the head.
  absl::StatusOr<v1::FeedConsumer> back = store.Acknowledge("slow", 1, now_);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->position(), 2);
  EXPECT_EQ(store.Acknowledge("slow", 7, now_).status().code(),
            absl::StatusCode::kInvalidArgument);

  // Once the slow consumer is at 6, age decides: 3 goes, 4 is young and
  // keeps 5 (only a prefix is ever pruned).
  ASSERT_TRUE(store.Acknowledge("slow", 6, now_).ok());
  pruned = store.Prune(cutoff);
  ASSERT_TRUE(pruned.ok());
  EXPECT_EQ(*pruned, 1);

  absl::StatusOr<v1::FeedInfo> info = store.Info();
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->first_position(), 4);
  EXPECT_EQ(info->head_position(), 6);
  ASSERT_EQ(info->consumers_size(), 2);
  EXPECT_EQ(info->consumers(1).consumer(), "slow");

  absl::Status gone = store.ReadAfter(1, 10).status();
  EXPECT_EQ(gone.code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(std::string(gone.message()), HasSubstr("pruned"));
  absl::StatusOr<EventBatch> kept = store.ReadAfter(3, 10);
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->events.size(), 3u);
  EXPECT_EQ(IdOf(kept->events[0]), "4");
}

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

int main(int argc, char** argv) {
  return partnerhub::testing::RunTestsWithSharedServer(argc, argv);
}
