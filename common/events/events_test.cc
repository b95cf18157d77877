// The event feed against a real MariaDB (feed_test_fixture.h): positions
// are dense and follow commit order (no event is ever skipped, even when
// transactions commit out of the order they started or inserted in).
// Pruning in events_pruning_test.cc, subscriptions over gRPC in
// events_subscription_test.cc; this file has the binary's main().
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
}  // namespace
}  // namespace partnerhub::events

int main(int argc, char** argv) {
  return partnerhub::testing::RunTestsWithSharedServer(argc, argv);
}
