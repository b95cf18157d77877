// Applying the producers' feeds to the read models: the use case a feed
// follower (clients/feed_follower.h) hands its batches to, as facts.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_FEED_APPLIER_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_FEED_APPLIER_H_

#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/reporting/src/domain/facts.h"
#include "services/reporting/src/domain/store.h"

namespace partnerhub::reporting {

// The exclusive right to apply one feed, held as long as this object says
// (storage/mysql_feed_lease.h): only the replica that holds it applies the
// feed; the stored position is the safety net.
class FeedLease {
 public:
  virtual ~FeedLease() = default;
  // Takes the lease if nobody holds it; true when held by this object.
  virtual absl::StatusOr<bool> TryAcquire() = 0;
  // Whether this object still holds it.
  virtual bool StillHeld() = 0;
  virtual void Release() = 0;
};

class FeedApplier {
 public:
  // `currency`: the reporting currency (sales in others are left out).
  explicit FeedApplier(ReadModelStore& store, std::string currency = "KRW")
      : store_(store), currency_(std::move(currency)) {}

  // The position `feed` is applied up to.
  absl::StatusOr<int64_t> LoadPosition(const std::string& feed);
  // Applies `batch` of `feed` and stores its last position and
  // `head_position`, in one transaction. ABORTED when the stored position
  // is not the one before the batch (applied already, or rebuilt).
  absl::Status Apply(const std::string& feed, const FactBatch& batch,
                     int64_t head_position);

 private:
  ReadModelStore& store_;
  const std::string currency_;
};

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_FEED_APPLIER_H_
