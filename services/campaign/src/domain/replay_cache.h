// The answers of recent RedeemCoupon calls by request_id, so that a retry —
// the request a POS sends again when it did not see the answer — is
// answered from memory, without a database round trip. Only committed
// redemptions go in, and a redemption's first answer never changes, so the
// cache can be stale only in what it lacks: a miss falls back to the
// database (another replica's redemption, or one evicted here).
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_REPLAY_CACHE_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_REPLAY_CACHE_H_

#include <array>
#include <deque>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "services/campaign/src/domain/types.h"

namespace partnerhub::campaign {

class ReplayCache {
 public:
  // Holds at most about `capacity` answers (0: none), dropping the oldest.
  explicit ReplayCache(size_t capacity);

  std::optional<Redemption> Find(const std::string& request_id);
  void Put(const Redemption& redemption);

 private:
  static constexpr int kShards = 16;
  struct Shard {
    absl::Mutex mu;
    absl::flat_hash_map<std::string, Redemption> entries ABSL_GUARDED_BY(mu);
    // Insertion order, for eviction.
    std::deque<std::string> order ABSL_GUARDED_BY(mu);
  };
  Shard& ShardOf(const std::string& request_id);

  const size_t per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_REPLAY_CACHE_H_
