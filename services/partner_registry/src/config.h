// partner-registry's configuration: its flags (each also PARTNERHUB_<FLAG>
// in the environment; common/server/service_main.cc has the common ones),
// read once at start.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_CONFIG_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_CONFIG_H_

#include "absl/status/statusor.h"
#include "common/events/event_feed_service.h"

namespace partnerhub::partner_registry {

struct Config {
  // Its event feed: --event_retention, --event_prune_interval,
  // --event_poll_interval.
  events::FeedOptions feed;
};

// The Config of the flags.
absl::StatusOr<Config> ReadConfig();

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_CONFIG_H_
