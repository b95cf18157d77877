#include "services/campaign/src/config.h"

#include <algorithm>

#include "absl/flags/flag.h"
#include "common/config/flags.h"
#include "services/campaign/src/convert/feed_events.h"

ABSL_FLAG(std::string, partner_registry_address, "",
          "host:port of partner-registry (required)");
ABSL_FLAG(std::string, customer_experience_address, "",
          "host:port of customer-experience (required)");
ABSL_FLAG(absl::Duration, downstream_timeout, absl::Seconds(2),
          "deadline of each call to partner-registry and customer-experience");
ABSL_FLAG(absl::Duration, redemption_void_window, absl::Hours(24 * 30),
          "how long after a redemption it may be voided");
ABSL_FLAG(int, redeem_replay_cache, 50000,
          "answers of recent redemptions kept in memory, so that a retried "
          "RedeemCoupon needs no database round trip (0: none)");
ABSL_FLAG(absl::Duration, background_interval, absl::Seconds(5),
          "how often the background thread resumes code issuances and "
          "starts or ends campaigns whose time has come");
ABSL_FLAG(int, issuance_chunk, 2000,
          "coupon codes (or segment members) per issuance transaction");

namespace partnerhub::campaign {

absl::StatusOr<Config> ReadConfig() {
  Config config;
  config.partner_registry = absl::GetFlag(FLAGS_partner_registry_address);
  config.customer_experience = absl::GetFlag(FLAGS_customer_experience_address);
  if (absl::Status s =
          RequireNonEmpty("partner_registry_address", config.partner_registry);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = RequireNonEmpty("customer_experience_address",
                                       config.customer_experience);
      !s.ok()) {
    return s;
  }
  config.timeout = absl::GetFlag(FLAGS_downstream_timeout);
  config.coupons.void_window = absl::GetFlag(FLAGS_redemption_void_window);
  config.coupons.replay_cache_entries = static_cast<size_t>(
      std::max(0, absl::GetFlag(FLAGS_redeem_replay_cache)));
  config.issuing.bulk_chunk = config.issuing.member_page =
      std::max(1, absl::GetFlag(FLAGS_issuance_chunk));
  config.background_interval = absl::GetFlag(FLAGS_background_interval);
  config.feed = events::FeedOptionsFromFlags(kFeedName);
  return config;
}

}  // namespace partnerhub::campaign
