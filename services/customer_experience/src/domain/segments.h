// Use cases on segments: definitions, evaluation (size, membership,
// members) and immutable snapshots.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_SEGMENTS_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_SEGMENTS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/api/list_request.h"
#include "common/api/request_key.h"
#include "common/time/clock.h"
#include "services/customer_experience/src/domain/store.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience {

// Receives members in ascending chunks; returns false to stop (e.g. the
// client went away).
using MemberSink =
    std::function<bool(const std::vector<std::string>& customer_ids)>;

class Segments {
 public:
  Segments(CxStore& store, const Clock& clock) : store_(store), clock_(clock) {}

  absl::StatusOr<Segment> Create(const RequestKey& key, Segment draft);
  absl::StatusOr<Segment> Get(int64_t id);
  absl::StatusOr<Page<Segment>> List(const ListRequest& request);
  absl::StatusOr<Segment> Update(int64_t id, const Segment& patch,
                                 const std::vector<std::string>& mask,
                                 const std::string& etag);

  // Size now of a saved segment, or of a condition (validated; `field`
  // names it in errors).
  absl::StatusOr<SegmentSize> Estimate(int64_t segment_id);
  absl::StatusOr<SegmentSize> Estimate(const Condition& condition,
                                       const std::string& field);
  absl::StatusOr<Membership> CheckMembership(int64_t segment_id,
                                             const std::string& customer_id);
  // Members now; request.parent is the segment's name (binds page tokens).
  absl::StatusOr<Page<std::string>> ListMembers(int64_t segment_id,
                                                const ListRequest& request);
  absl::Status StreamMembers(int64_t segment_id, const MemberSink& sink);

  absl::StatusOr<SegmentSnapshot> CreateSnapshot(const RequestKey& key,
                                                 int64_t segment_id);
  absl::StatusOr<SegmentSnapshot> GetSnapshot(int64_t segment_id, int64_t id);
  absl::StatusOr<Page<SegmentSnapshot>> ListSnapshots(
      int64_t segment_id, const ListRequest& request);
  absl::StatusOr<Page<std::string>> ListSnapshotMembers(
      int64_t segment_id, int64_t id, const ListRequest& request);
  absl::Status StreamSnapshotMembers(int64_t segment_id, int64_t id,
                                     const MemberSink& sink);

  // Page sizes of member lists: 0 → 1000, at most 10000.
  static constexpr PageSizeLimits kMemberPages = {.default_size = 1000,
                                                  .max_size = 10000};

 private:
  CxStore& store_;
  const Clock& clock_;
};

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_SEGMENTS_H_
