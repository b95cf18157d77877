// The event feed against a real MariaDB (feed_test_fixture.h): pruning
// removes only an acknowledged, old prefix.
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
}  // namespace
}  // namespace partnerhub::events
