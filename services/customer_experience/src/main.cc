// customer-experience: customer profiles and consent, touchpoints,
// purchases, funnel stages, segments and their snapshots; and its event
// feed ("customer-experience").
#include <memory>

#include "common/events/event_feed_service.h"
#include "common/server/service_main.h"
#include "common/time/clock.h"
#include "partnerhub_proto_customer_experience_descriptors.h"
#include "partnerhub_proto_events_descriptors.h"
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
  explicit Parts(mysql::ConnectionPool& pool)
      : store_(pool),
        handler_(store_, clock_),
        feed_(pool, clock_,
              events::FeedOptionsFromFlags("customer-experience")) {}
  std::vector<grpc::Service*> services() override {
    return {&handler_, &feed_};
  }
  // Ends following event streams and pruning before the server drains.
  void Stop() override { feed_.Stop(); }

 private:
  SystemClock clock_;
  MySqlCxStore store_;
  CustomerExperienceHandler handler_;
  events::EventFeedService feed_;
};

}  // namespace

int main(int argc, char** argv) {
  return ServiceMain(
      argc, argv,
      {.name = "customer-experience",
       .default_port = 50053,
       .migrations = customer_experience_migrations::EmbeddedMigrations(),
       .build = [](mysql::ConnectionPool& pool)
           -> absl::StatusOr<std::unique_ptr<ServiceParts>> {
         return std::make_unique<Parts>(pool);
       },
       .descriptor_sets = {
           partnerhub_descriptors::partnerhub_proto_customer_experience(),
           partnerhub_descriptors::partnerhub_proto_events()}});
}
