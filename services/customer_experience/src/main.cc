// customer-experience: customer profiles and consent, touchpoints,
// purchases, funnel stages, segments and their snapshots; and its event
// feed ("customer-experience").
#include <memory>
#include <optional>

#include "absl/time/time.h"
#include "common/events/event_feed_service.h"
#include "common/events/producer_schema.h"
#include "common/server/service_main.h"
#include "common/time/clock.h"
#include "partnerhub_proto_customer_experience_descriptors.h"
#include "partnerhub_proto_events_descriptors.h"
#include "services/customer_experience/src/config.h"
#include "services/customer_experience/src/domain/funnel_projector.h"
#include "services/customer_experience/src/handler/customer_experience_handler.h"
#include "services/customer_experience/src/storage/mysql_cx_store.h"

// Defined from migrations/*.sql at build time.
namespace customer_experience_migrations {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}

namespace {

using namespace partnerhub;                       // NOLINT
using namespace partnerhub::customer_experience;  // NOLINT

class Parts final : public ServiceParts {
 public:
  Parts(mysql::ConnectionPool& pool, const Config& config)
      : store_(pool),
        handler_(store_, clock_, config.funnel_max_lag),
        feed_(pool, clock_, config.feed),
        projector_(store_, clock_) {
    if (config.funnel_poll_interval > absl::ZeroDuration()) {
      projector_loop_.emplace(projector_, config.funnel_poll_interval,
                              config.funnel_step_events);
    }
  }
  std::vector<grpc::Service*> services() override {
    return {&handler_, &feed_};
  }
  // Ends following event streams, pruning and the funnel projector before
  // the server drains.
  void Stop() override {
    feed_.Stop();
    if (projector_loop_.has_value()) projector_loop_->Stop();
  }

 private:
  SystemClock clock_;
  MySqlCxStore store_;
  CustomerExperienceHandler handler_;
  events::EventFeedService feed_;
  FunnelProjector projector_;
  std::optional<FunnelProjectorLoop> projector_loop_;
};

}  // namespace

int main(int argc, char** argv) {
  return ServiceMain(
      argc, argv,
      {.name = "customer-experience",
       .default_port = 50053,
       .migrations = events::ProducerMigrations(
           customer_experience_migrations::EmbeddedMigrations()),
       .build = [](mysql::ConnectionPool& pool)
           -> absl::StatusOr<std::unique_ptr<ServiceParts>> {
         absl::StatusOr<Config> config = ReadConfig();
         if (!config.ok()) return config.status();
         return std::make_unique<Parts>(pool, *config);
       },
       .descriptor_sets = {
           partnerhub_descriptors::partnerhub_proto_customer_experience(),
           partnerhub_descriptors::partnerhub_proto_events()}});
}
