// The producers of tests/fixture.h (three EventFeed services over their own
// schemas) and the reporting schema; the generated dataset is in
// fixture_dataset.cc, its reference figures in fixture_reference.cc.
#include "services/reporting/tests/fixture.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/events/feed_store.h"
#include "common/events/outbox.h"
#include "common/mysql/migrator.h"
#include "common/mysql/statement.h"
#include "common/mysql/transaction.h"
#include "tests/harness/harness.h"

namespace partnerhub_events_schema {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}
namespace reporting_migrations {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}

namespace partnerhub::reporting::testing {

using events::v1::Event;
using ::partnerhub::testing::MariaDbServer;

absl::StatusOr<std::unique_ptr<Producers>> Producers::Start(
    const std::string& prefix) {
  auto p = std::unique_ptr<Producers>(new Producers());
  const char* suffix[] = {"pr", "cp", "cx"};
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<mysql::ConnectionOptions> options =
        MariaDbServer::Shared().CreateSchema(
            absl::StrCat(prefix.substr(0, 50), "_", suffix[i]));
    if (!options.ok()) return options.status();
    mysql::PoolOptions pool_options;
    pool_options.max_size = 8;
    absl::StatusOr<std::unique_ptr<mysql::ConnectionPool>> pool =
        mysql::ConnectionPool::Create(*options, pool_options);
    if (!pool.ok()) return pool.status();
    p->pools_[i] = *std::move(pool);
    absl::StatusOr<std::vector<std::string>> applied = mysql::Migrate(
        *p->pools_[i], partnerhub_events_schema::EmbeddedMigrations());
    if (!applied.ok()) return applied.status();
    events::FeedOptions feed_options;
    feed_options.feed = kFeeds[i];
    feed_options.poll_interval = absl::Milliseconds(10);
    feed_options.heartbeat = absl::Milliseconds(200);
    feed_options.prune_interval = absl::ZeroDuration();
    p->feeds_[i] = std::make_unique<events::EventFeedService>(
        *p->pools_[i], p->clock_, feed_options);
    ServerOptions server_options;
    server_options.name = absl::StrCat("feed-", kFeeds[i]);
    server_options.listen_address = "127.0.0.1:0";
    server_options.log_requests = false;
    absl::StatusOr<std::unique_ptr<Server>> server =
        Server::Start(server_options, {p->feeds_[i].get()});
    if (!server.ok()) return server.status();
    p->servers_[i] = *std::move(server);
  }
  return p;
}

Producers::~Producers() { Stop(); }

void Producers::Stop() {
  for (int i = 0; i < 3; ++i) {
    if (feeds_[i]) feeds_[i]->Stop();
    if (servers_[i]) {
      servers_[i]->Shutdown();
      servers_[i].reset();
    }
  }
}

absl::Status Producers::Append(int feed, const std::vector<Event>& events) {
  absl::Status s = mysql::Transact(*pools_[feed], [&](mysql::Connection& c) {
    events::AppendEvents(c, events);
    return absl::OkStatus();
  });
  if (s.ok()) heads_[feed] += static_cast<int64_t>(events.size());
  return s;
}

absl::Status Producers::AppendAll(int feed, const std::vector<Event>& events,
                                  int per_tx) {
  for (size_t i = 0; i < events.size(); i += per_tx) {
    std::vector<Event> chunk(
        events.begin() + i,
        events.begin() + std::min(events.size(), i + per_tx));
    if (absl::Status s = Append(feed, chunk); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status Producers::PruneAll(int feed) {
  return mysql::Transact(
             *pools_[feed],
             [&](mysql::Connection& c) {
               mysql::Execute(c, "DELETE FROM feed_consumers");
               return absl::OkStatus();
             }).ok()
             ? events::FeedStore(*pools_[feed], kFeeds[feed])
                   .Prune(absl::Now() + absl::Hours(1))
                   .status()
             : absl::InternalError("clearing consumers failed");
}

absl::StatusOr<mysql::ConnectionOptions> ReportingSchema(
    const std::string& name) {
  absl::StatusOr<mysql::ConnectionOptions> options =
      MariaDbServer::Shared().CreateSchema(name.substr(0, 60));
  if (!options.ok()) return options.status();
  absl::StatusOr<std::unique_ptr<mysql::ConnectionPool>> pool =
      mysql::ConnectionPool::Create(*options, {});
  if (!pool.ok()) return pool.status();
  absl::StatusOr<std::vector<std::string>> applied =
      mysql::Migrate(**pool, reporting_migrations::EmbeddedMigrations());
  if (!applied.ok()) return applied.status();
  return options;
}

}  // namespace partnerhub::reporting::testing
