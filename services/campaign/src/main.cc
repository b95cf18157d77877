// campaign: joint promotions, offers, coupon codes and their redemption.
#include <memory>

#include "absl/strings/str_cat.h"
#include "common/events/event_feed_service.h"
#include "common/events/producer_schema.h"
#include "common/grpc/downstream.h"
#include "common/server/service_main.h"
#include "common/time/clock.h"
#include "partnerhub_proto_campaign_descriptors.h"
#include "partnerhub_proto_events_descriptors.h"
#include "services/campaign/src/clients/grpc_partner_directory.h"
#include "services/campaign/src/clients/grpc_segment_directory.h"
#include "services/campaign/src/config.h"
#include "services/campaign/src/handler/campaign_handler.h"
#include "services/campaign/src/storage/mysql_campaign_store.h"
#include "services/campaign/src/worker/background_jobs.h"

// Defined from migrations/*.sql at build time.
namespace campaign_migrations {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}

namespace {

using namespace partnerhub;            // NOLINT
using namespace partnerhub::campaign;  // NOLINT

class Parts final : public ServiceParts {
 public:
  Parts(mysql::ConnectionPool& pool, const Config& config)
      : store_(pool),
        partner_directory_(DownstreamChannel(config.partner_registry),
                           config.timeout),
        segment_directory_(DownstreamChannel(config.customer_experience),
                           config.timeout),
        campaigns_(store_, clock_, partner_directory_),
        offers_(store_, clock_),
        issuing_(store_, clock_, segment_directory_, config.issuing),
        coupons_(store_, clock_, config.coupons),
        handler_(campaigns_, offers_, issuing_, coupons_),
        feed_(pool, clock_, config.feed),
        jobs_(issuing_, campaigns_, config.background_interval) {}
  std::vector<grpc::Service*> services() override {
    return {&handler_, &feed_};
  }
  // Ends following event streams and pruning before the server drains.
  void Stop() override { feed_.Stop(); }

 private:
  SystemClock clock_;
  MySqlCampaignStore store_;
  GrpcPartnerDirectory partner_directory_;
  GrpcSegmentDirectory segment_directory_;
  Campaigns campaigns_;
  Offers offers_;
  Issuing issuing_;
  Coupons coupons_;
  CampaignHandler handler_;
  events::EventFeedService feed_;
  // Last: stopped before everything it uses.
  BackgroundJobs jobs_;
};

}  // namespace

int main(int argc, char** argv) {
  return ServiceMain(
      argc, argv,
      {.name = "campaign",
       .default_port = 50052,
       .migrations = events::ProducerMigrations(
           campaign_migrations::EmbeddedMigrations()),
       .build = [](mysql::ConnectionPool& pool)
           -> absl::StatusOr<std::unique_ptr<ServiceParts>> {
         absl::StatusOr<Config> config = ReadConfig();
         if (!config.ok()) return config.status();
         return std::make_unique<Parts>(pool, *config);
       },
       .descriptor_sets = {partnerhub_descriptors::partnerhub_proto_campaign(),
                           partnerhub_descriptors::partnerhub_proto_events()}});
}
