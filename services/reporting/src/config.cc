#include "services/reporting/src/config.h"

#include <algorithm>

#include "absl/flags/flag.h"
#include "common/config/flags.h"

ABSL_FLAG(std::string, partner_registry_address, "",
          "partner-registry's address (its event feed), host:port (required)");
ABSL_FLAG(std::string, campaign_address, "",
          "campaign's address (its event feed), host:port (required)");
ABSL_FLAG(std::string, customer_experience_address, "",
          "customer-experience's address (its event feed), host:port "
          "(required)");
ABSL_FLAG(std::string, consumer_name, "reporting",
          "the consumer name acknowledged to the feeds (pruning waits for it)");
ABSL_FLAG(std::string, currency, "KRW",
          "the reporting currency: purchases in others are left out of sales");
ABSL_FLAG(int, feed_batch, 2000, "events per applied batch (transaction)");
ABSL_FLAG(absl::Duration, lease_interval, absl::Seconds(2),
          "how often a standby replica tries to take over a feed");

namespace partnerhub::reporting {

absl::StatusOr<Config> ReadConfig() {
  Config config;
  const char* flags[] = {"partner_registry_address", "campaign_address",
                         "customer_experience_address"};
  config.addresses = {absl::GetFlag(FLAGS_partner_registry_address),
                      absl::GetFlag(FLAGS_campaign_address),
                      absl::GetFlag(FLAGS_customer_experience_address)};
  for (int i = 0; i < 3; ++i) {
    if (absl::Status s = RequireNonEmpty(flags[i], config.addresses[i]);
        !s.ok()) {
      return s;
    }
  }
  config.follower.consumer = absl::GetFlag(FLAGS_consumer_name);
  config.follower.max_events = std::max(1, absl::GetFlag(FLAGS_feed_batch));
  config.follower.lease_interval = absl::GetFlag(FLAGS_lease_interval);
  config.currency = absl::GetFlag(FLAGS_currency);
  return config;
}

}  // namespace partnerhub::reporting
