// reporting's configuration: its flags (each also PARTNERHUB_<FLAG> in the
// environment; common/server/service_main.cc has the common ones), read once
// at start.
#ifndef PARTNERHUB_SERVICES_REPORTING_CONFIG_H_
#define PARTNERHUB_SERVICES_REPORTING_CONFIG_H_

#include <array>
#include <string>

#include "absl/status/statusor.h"
#include "services/reporting/src/clients/feed_follower.h"

namespace partnerhub::reporting {

struct Config {
  std::array<std::string, 3> addresses;  // in kFeeds order
  FollowerOptions follower;
  std::string currency;
};

// The Config of the flags; INVALID_ARGUMENT naming a required flag not set.
absl::StatusOr<Config> ReadConfig();

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_CONFIG_H_
