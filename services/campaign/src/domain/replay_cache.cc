#include "services/campaign/src/domain/replay_cache.h"

#include "absl/hash/hash.h"

namespace partnerhub::campaign {

ReplayCache::ReplayCache(size_t capacity)
    : per_shard_((capacity + kShards - 1) / kShards) {}

ReplayCache::Shard& ReplayCache::ShardOf(const std::string& request_id) {
  return shards_[absl::Hash<std::string>{}(request_id) % kShards];
}

std::optional<Redemption> ReplayCache::Find(const std::string& request_id) {
  if (per_shard_ == 0) return std::nullopt;
  Shard& shard = ShardOf(request_id);
  absl::MutexLock lock(&shard.mu);
  auto it = shard.entries.find(request_id);
  if (it == shard.entries.end()) return std::nullopt;
  return it->second;
}

void ReplayCache::Put(const Redemption& redemption) {
  if (per_shard_ == 0) return;
  Shard& shard = ShardOf(redemption.request_id);
  absl::MutexLock lock(&shard.mu);
  if (!shard.entries.emplace(redemption.request_id, redemption).second) return;
  shard.order.push_back(redemption.request_id);
  while (shard.order.size() > per_shard_) {
    shard.entries.erase(shard.order.front());
    shard.order.pop_front();
  }
}

}  // namespace partnerhub::campaign
