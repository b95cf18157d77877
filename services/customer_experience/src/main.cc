// customer-experience: customer profiles and consent, touchpoints,
// purchases, funnel stages, segments and their snapshots; and its event
// feed ("customer-experience").
#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>

#include "absl/flags/flag.h"
#include "absl/time/time.h"
#include "common/events/event_feed_service.h"
#include "common/server/service_main.h"
#include "common/time/clock.h"
#include "partnerhub_proto_customer_experience_descriptors.h"
#include "partnerhub_proto_events_descriptors.h"
#include "services/customer_experience/src/domain/funnel.h"
#include "services/customer_experience/src/domain/funnel_projector.h"
#include "services/customer_experience/src/handler/customer_experience_handler.h"
#include "services/customer_experience/src/storage/mysql_cx_store.h"

// Defined from migrations/*.sql at build time.
namespace customer_experience_migrations {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}

ABSL_FLAG(absl::Duration, funnel_poll_interval, absl::Milliseconds(200),
          "how often the funnel projector looks for newly recorded "
          "touchpoints once it has caught up; 0 runs no projector in this "
          "process (e.g. replicas that only take ingestion: some replica "
          "must run one, or ingestion stops at --funnel_max_lag)");
ABSL_FLAG(int64_t, funnel_max_lag,
          partnerhub::customer_experience::kDefaultFunnelMaxLag,
          "feed events the funnel projector may trail by: while it is this "
          "far behind, touchpoint ingestion (RecordTouchpoint, "
          "BatchRecordTouchpoints, RecordTouchpoints) answers "
          "RESOURCE_EXHAUSTED and records nothing; 0 means no limit");
ABSL_FLAG(int, funnel_step_events, 20,
          "feed events (up to 1,000 touchpoints each) the funnel projector "
          "applies per transaction");

namespace {

using namespace partnerhub;                       // NOLINT
using namespace partnerhub::customer_experience;  // NOLINT

class Parts final : public ServiceParts {
 public:
  explicit Parts(mysql::ConnectionPool& pool)
      : store_(pool),
        handler_(store_, clock_, absl::GetFlag(FLAGS_funnel_max_lag)),
        feed_(pool, clock_,
              events::FeedOptionsFromFlags("customer-experience")),
        projector_(store_, clock_) {
    const absl::Duration poll = absl::GetFlag(FLAGS_funnel_poll_interval);
    if (poll > absl::ZeroDuration()) {
      projector_loop_.emplace(
          projector_, poll,
          std::max(1, absl::GetFlag(FLAGS_funnel_step_events)));
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
       .migrations = customer_experience_migrations::EmbeddedMigrations(),
       .build = [](mysql::ConnectionPool& pool)
           -> absl::StatusOr<std::unique_ptr<ServiceParts>> {
         return std::make_unique<Parts>(pool);
       },
       .descriptor_sets = {
           partnerhub_descriptors::partnerhub_proto_customer_experience(),
           partnerhub_descriptors::partnerhub_proto_events()}});
}
