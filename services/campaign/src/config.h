// campaign's configuration: its flags (each also PARTNERHUB_<FLAG> in the
// environment; common/server/service_main.cc has the common ones), read once
// at start.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_CONFIG_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_CONFIG_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/events/event_feed_service.h"
#include "services/campaign/src/domain/coupons.h"
#include "services/campaign/src/domain/issuing.h"

namespace partnerhub::campaign {

struct Config {
  std::string partner_registry;
  std::string customer_experience;
  absl::Duration timeout;
  CouponsOptions coupons;
  IssuingOptions issuing;
  absl::Duration background_interval;
  events::FeedOptions feed;
};

// The Config of the flags; INVALID_ARGUMENT naming a required flag not set.
absl::StatusOr<Config> ReadConfig();

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_CONFIG_H_
