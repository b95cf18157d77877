// reporting: read models built from the event feeds of partner-registry,
// campaign and customer-experience — campaign performance, promotion lift,
// purchase patterns, funnel, partner scorecards.
#include <array>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "common/config/flags.h"
#include "common/grpc/downstream.h"
#include "common/server/service_main.h"
#include "common/time/clock.h"
#include "partnerhub_proto_reporting_descriptors.h"
#include "services/reporting/src/domain/feed_follower.h"
#include "services/reporting/src/domain/reports.h"
#include "services/reporting/src/handler/reporting_handler.h"
#include "services/reporting/src/storage/mysql_feed_lease.h"
#include "services/reporting/src/storage/mysql_read_model_store.h"

ABSL_FLAG(std::string, partner_registry_address, "",
          "partner-registry's address (its event feed), host:port (required)");
ABSL_FLAG(std::string, campaign_address, "",
          "campaign's address (its event feed), host:port (required)");
ABSL_FLAG(std::string, customer_experience_address, "",
          "customer-experience's address (its event feed), host:port "
          "(required)");
ABSL_FLAG(std::string, consumer_name, "reporting",
          "the consumer name acknowledged to the feeds (pruning waits for it)");
ABSL_FLAG(std::string, currency, "KRW",
          "the reporting currency: purchases in others are left out of sales");
ABSL_FLAG(int, feed_batch, 2000, "events per applied batch (transaction)");
ABSL_FLAG(absl::Duration, lease_interval, absl::Seconds(2),
          "how often a standby replica tries to take over a feed");

// Defined from migrations/*.sql at build time.
namespace reporting_migrations {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}

namespace {

using namespace partnerhub;             // NOLINT
using namespace partnerhub::reporting;  // NOLINT

struct Config {
  std::array<std::string, 3> addresses;  // in kFeeds order
  FollowerOptions follower;
  std::string currency;
};

class Parts final : public ServiceParts {
 public:
  Parts(mysql::ConnectionPool& pool, const Config& config)
      : store_(pool, StoreOptions{config.currency}),
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
          kFeeds[i], DownstreamChannel(config.addresses[i]), store_,
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
  Reports reports_;
  ReportingHandler handler_;
  std::vector<std::unique_ptr<FeedFollower>> followers_;
};

absl::StatusOr<Config> ReadConfig() {
  Config config;
  const char* flags[] = {"partner_registry_address", "campaign_address",
                         "customer_experience_address"};
  config.addresses = {absl::GetFlag(FLAGS_partner_registry_address),
                      absl::GetFlag(FLAGS_campaign_address),
                      absl::GetFlag(FLAGS_customer_experience_address)};
  for (int i = 0; i < 3; ++i) {
    if (absl::Status s = RequireNonEmpty(flags[i], config.addresses[i]);
        !s.ok()) {
      return s;
    }
  }
  config.follower.consumer = absl::GetFlag(FLAGS_consumer_name);
  config.follower.max_events = std::max(1, absl::GetFlag(FLAGS_feed_batch));
  config.follower.lease_interval = absl::GetFlag(FLAGS_lease_interval);
  config.currency = absl::GetFlag(FLAGS_currency);
  return config;
}

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
