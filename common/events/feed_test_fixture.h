// The fixture of the event feed tests (events_*_test.cc): a schema of its
// own on the shared MariaDB with common's event tables and a table standing
// for a service's data, and events that say which writer wrote them.
#ifndef PARTNERHUB_COMMON_EVENTS_FEED_TEST_FIXTURE_H_
#define PARTNERHUB_COMMON_EVENTS_FEED_TEST_FIXTURE_H_

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

// An event that says which writer transaction wrote it: the touchpoint's
// event_id is "<writer>-<n>-<k>", with bytes that are not text in its
// properties, to check payloads travel intact.
inline v1::Event TestEvent(const std::string& id, absl::Time at) {
  v1::Event event;
  event.mutable_event_time()->set_seconds(absl::ToUnixSeconds(at));
  auto* tp = event.mutable_touchpoints_recorded()->add_touchpoints();
  tp->set_event_id(id);
  tp->set_customer("customers/c");
  (*tp->mutable_properties())["bytes"] = std::string("a\0\xc3\xa9\n'\"\\", 8);
  return event;
}

inline v1::Event At(absl::Time at) {
  v1::Event event;
  event.mutable_event_time()->set_seconds(absl::ToUnixSeconds(at));
  return event;
}

inline std::string IdOf(const v1::Event& event) {
  return event.touchpoints_recorded().touchpoints(0).event_id();
}

class EventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string schema = absl::StrCat(
        "events_",
        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    absl::StatusOr<mysql::ConnectionOptions> options =
        ::partnerhub::testing::MariaDbServer::Shared().CreateSchema(
            schema.substr(0, 60));
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

}  // namespace partnerhub::events

#endif  // PARTNERHUB_COMMON_EVENTS_FEED_TEST_FIXTURE_H_
