// Random numbers from the operating system (getrandom), for coupon codes:
// a code is a bearer token, so it must not be predictable from others.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_SECURE_RANDOM_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_SECURE_RANDOM_H_

#include <array>
#include <cstdint>

#include "services/campaign/src/domain/rules.h"

namespace partnerhub::campaign {

// Not thread-safe: make one per thread or per job step.
class SecureRandom final : public RandomSource {
 public:
  uint64_t Next() override;

 private:
  std::array<uint64_t, 512> buffer_;
  size_t next_ = buffer_.size();
};

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_SECURE_RANDOM_H_
