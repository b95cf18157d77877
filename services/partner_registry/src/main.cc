// partner-registry: the registry of the platform's partners.
#include <memory>

#include "common/events/event_feed_service.h"
#include "common/events/producer_schema.h"
#include "common/server/service_main.h"
#include "common/time/clock.h"
#include "partnerhub_proto_events_descriptors.h"
#include "partnerhub_proto_partner_registry_descriptors.h"
#include "services/partner_registry/src/config.h"
#include "services/partner_registry/src/handler/partner_registry_handler.h"
#include "services/partner_registry/src/storage/mysql_partner_store.h"

// Defined from migrations/*.sql at build time.
namespace partner_registry_migrations {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}

namespace {

using namespace partnerhub;                    // NOLINT
using namespace partnerhub::partner_registry;  // NOLINT

class Parts final : public ServiceParts {
 public:
  Parts(mysql::ConnectionPool& pool, const Config& config)
      : store_(pool),
        handler_(store_, clock_),
        feed_(pool, clock_, config.feed) {}
  std::vector<grpc::Service*> services() override {
    return {&handler_, &feed_};
  }
  // Ends following event streams and pruning before the server drains.
  void Stop() override { feed_.Stop(); }

 private:
  SystemClock clock_;
  MySqlPartnerStore store_;
  PartnerRegistryHandler handler_;
  events::EventFeedService feed_;
};

}  // namespace

int main(int argc, char** argv) {
  return ServiceMain(
      argc, argv,
      {.name = "partner-registry",
       .default_port = 50051,
       .migrations = events::ProducerMigrations(
           partner_registry_migrations::EmbeddedMigrations()),
       .build = [](mysql::ConnectionPool& pool)
           -> absl::StatusOr<std::unique_ptr<ServiceParts>> {
         absl::StatusOr<Config> config = ReadConfig();
         if (!config.ok()) return config.status();
         return std::make_unique<Parts>(pool, *config);
       },
       .descriptor_sets = {
           partnerhub_descriptors::partnerhub_proto_partner_registry(),
           partnerhub_descriptors::partnerhub_proto_events()}});
}
