// customer-experience's configuration: its flags (each also
// PARTNERHUB_<FLAG> in the environment; common/server/service_main.cc has
// the common ones), read once at start.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_CONFIG_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_CONFIG_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/events/event_feed_service.h"

namespace partnerhub::customer_experience {

struct Config {
  // How far the funnel projector may trail the feed before ingestion is
  // refused (0: no limit).
  int64_t funnel_max_lag = 0;
  // How often the projector looks for new touchpoints once caught up; zero
  // runs no projector in this process.
  absl::Duration funnel_poll_interval;
  // Feed events the projector applies per transaction (at least 1).
  int funnel_step_events = 1;
  // Its event feed.
  events::FeedOptions feed;
};

// The Config of the flags.
absl::StatusOr<Config> ReadConfig();

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_CONFIG_H_
