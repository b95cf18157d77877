// campaign: joint promotions, offers, coupon codes and their redemption.
#include <memory>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/config/flags.h"
#include "common/events/event_feed_service.h"
#include "common/grpc/downstream.h"
#include "common/server/service_main.h"
#include "common/time/clock.h"
#include "partnerhub_proto_campaign_descriptors.h"
#include "partnerhub_proto_events_descriptors.h"
#include "services/campaign/src/clients/customer_experience_client.h"
#include "services/campaign/src/clients/partner_registry_client.h"
#include "services/campaign/src/events/event_builder.h"
#include "services/campaign/src/handler/campaign_handler.h"
#include "services/campaign/src/storage/mysql_campaign_store.h"
#include "services/campaign/src/worker/background_jobs.h"

ABSL_FLAG(std::string, partner_registry_address, "",
          "host:port of partner-registry (required)");
ABSL_FLAG(std::string, customer_experience_address, "",
          "host:port of customer-experience (required)");
ABSL_FLAG(absl::Duration, downstream_timeout, absl::Seconds(2),
          "deadline of each call to partner-registry and customer-experience");
ABSL_FLAG(absl::Duration, redemption_void_window, absl::Hours(24 * 30),
          "how long after a redemption it may be voided");
ABSL_FLAG(int, redeem_replay_cache, 50000,
          "answers of recent redemptions kept in memory, so that a retried "
          "RedeemCoupon needs no database round trip (0: none)");
ABSL_FLAG(absl::Duration, background_interval, absl::Seconds(5),
          "how often the background thread resumes code issuances and "
          "starts or ends campaigns whose time has come");
ABSL_FLAG(int, issuance_chunk, 2000,
          "coupon codes (or segment members) per issuance transaction");

// Defined from migrations/*.sql at build time.
namespace campaign_migrations {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}

namespace {

using namespace partnerhub;            // NOLINT
using namespace partnerhub::campaign;  // NOLINT

struct Config {
  std::string partner_registry;
  std::string customer_experience;
  absl::Duration timeout;
  CouponsOptions coupons;
  IssuingOptions issuing;
  absl::Duration background_interval;
};

class Parts final : public ServiceParts {
 public:
  Parts(mysql::ConnectionPool& pool, const Config& config)
      : store_(pool),
        partners_(DownstreamChannel(config.partner_registry), config.timeout),
        segments_(DownstreamChannel(config.customer_experience),
                  config.timeout),
        campaigns_(store_, clock_, partners_),
        offers_(store_, clock_),
        issuing_(store_, clock_, segments_, config.issuing),
        coupons_(store_, clock_, config.coupons),
        handler_(campaigns_, offers_, issuing_, coupons_),
        feed_(pool, clock_, events::FeedOptionsFromFlags(kFeedName)),
        jobs_(issuing_, campaigns_, config.background_interval) {}
  std::vector<grpc::Service*> services() override {
    return {&handler_, &feed_};
  }
  // Ends following event streams and pruning before the server drains.
  void Stop() override { feed_.Stop(); }

 private:
  SystemClock clock_;
  MySqlCampaignStore store_;
  PartnerRegistryClient partners_;
  CustomerExperienceClient segments_;
  Campaigns campaigns_;
  Offers offers_;
  Issuing issuing_;
  Coupons coupons_;
  CampaignHandler handler_;
  events::EventFeedService feed_;
  // Last: stopped before everything it uses.
  BackgroundJobs jobs_;
};

absl::StatusOr<Config> ReadConfig() {
  Config config;
  config.partner_registry = absl::GetFlag(FLAGS_partner_registry_address);
  config.customer_experience = absl::GetFlag(FLAGS_customer_experience_address);
  if (absl::Status s =
          RequireNonEmpty("partner_registry_address", config.partner_registry);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = RequireNonEmpty("customer_experience_address",
                                       config.customer_experience);
      !s.ok()) {
    return s;
  }
  config.timeout = absl::GetFlag(FLAGS_downstream_timeout);
  config.coupons.void_window = absl::GetFlag(FLAGS_redemption_void_window);
  config.coupons.replay_cache_entries = static_cast<size_t>(
      std::max(0, absl::GetFlag(FLAGS_redeem_replay_cache)));
  config.issuing.bulk_chunk = config.issuing.member_page =
      std::max(1, absl::GetFlag(FLAGS_issuance_chunk));
  config.background_interval = absl::GetFlag(FLAGS_background_interval);
  return config;
}

}  // namespace

int main(int argc, char** argv) {
  return ServiceMain(
      argc, argv,
      {.name = "campaign",
       .default_port = 50052,
       .migrations = campaign_migrations::EmbeddedMigrations(),
       .build = [](mysql::ConnectionPool& pool)
           -> absl::StatusOr<std::unique_ptr<ServiceParts>> {
         absl::StatusOr<Config> config = ReadConfig();
         if (!config.ok()) return config.status();
         return std::make_unique<Parts>(pool, *config);
       },
       .descriptor_sets = {partnerhub_descriptors::partnerhub_proto_campaign(),
                           partnerhub_descriptors::partnerhub_proto_events()}});
}
