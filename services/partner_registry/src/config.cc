#include "services/partner_registry/src/config.h"

#include "services/partner_registry/src/convert/feed_events.h"

namespace partnerhub::partner_registry {

absl::StatusOr<Config> ReadConfig() {
  Config config;
  config.feed = events::FeedOptionsFromFlags(kFeedName);
  return config;
}

}  // namespace partnerhub::partner_registry
