// reporting: read models built from the event feeds of partner-registry,
// campaign and customer-experience — campaign performance, promotion lift,
// purchase patterns, funnel, partner scorecards.
#include <array>
#include <memory>
#include <string>

#include "common/grpc/downstream.h"
#include "common/server/service_main.h"
#include "common/time/clock.h"
#include "partnerhub_proto_reporting_descriptors.h"
#include "services/reporting/src/clients/feed_follower.h"
#include "services/reporting/src/config.h"
#include "services/reporting/src/domain/feed_applier.h"
#include "services/reporting/src/domain/reports.h"
#include "services/reporting/src/handler/reporting_handler.h"
#include "services/reporting/src/storage/mysql_feed_lease.h"
#include "services/reporting/src/storage/mysql_read_model_store.h"

// Defined from migrations/*.sql at build time.
namespace reporting_migrations {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}

namespace {

using namespace partnerhub;             // NOLINT
using namespace partnerhub::reporting;  // NOLINT

class Parts final : public ServiceParts {
 public:
  Parts(mysql::ConnectionPool& pool, const Config& config)
      : store_(pool),
        applier_(store_, config.currency),
        reports_(
            store_, clock_,
            [this] {
              std::vector<LocalFeedState> out;
              for (auto& f : followers_) out.push_back(f->state());
              return out;
            },
            config.currency),
        handler_(reports_) {
    for (size_t i = 0; i < std::size(kFeeds); ++i) {
      followers_.push_back(std::make_unique<FeedFollower>(
          kFeeds[i], DownstreamChannel(config.addresses[i]), applier_,
          std::make_unique<MySqlFeedLease>(pool.connection_options(),
                                           kFeeds[i]),
          config.follower));
    }
    for (auto& f : followers_) f->Start();
  }
  ~Parts() override { Stop(); }
  std::vector<grpc::Service*> services() override { return {&handler_}; }
  void Stop() override {
    for (auto& f : followers_) f->Stop();
  }

 private:
  SystemClock clock_;
  MySqlReadModelStore store_;
  FeedApplier applier_;
  Reports reports_;
  ReportingHandler handler_;
  std::vector<std::unique_ptr<FeedFollower>> followers_;
};

}  // namespace

int main(int argc, char** argv) {
  return ServiceMain(
      argc, argv,
      {.name = "reporting",
       .default_port = 50054,
       .migrations = reporting_migrations::EmbeddedMigrations(),
       .build = [](mysql::ConnectionPool& pool)
           -> absl::StatusOr<std::unique_ptr<ServiceParts>> {
         absl::StatusOr<Config> config = ReadConfig();
         if (!config.ok()) return config.status();
         return std::make_unique<Parts>(pool, *config);
       },
       .descriptor_sets = {
           partnerhub_descriptors::partnerhub_proto_reporting()}});
}
