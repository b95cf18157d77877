#include "services/customer_experience/src/config.h"

#include <algorithm>

#include "absl/flags/flag.h"
#include "services/customer_experience/src/domain/funnel.h"

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

namespace partnerhub::customer_experience {

absl::StatusOr<Config> ReadConfig() {
  Config config;
  config.funnel_max_lag = absl::GetFlag(FLAGS_funnel_max_lag);
  config.funnel_poll_interval = absl::GetFlag(FLAGS_funnel_poll_interval);
  config.funnel_step_events =
      std::max(1, absl::GetFlag(FLAGS_funnel_step_events));
  config.feed = events::FeedOptionsFromFlags("customer-experience");
  return config;
}

}  // namespace partnerhub::customer_experience
