// The other services the campaign domain depends on, as interfaces: the
// real gRPC clients are in clients/, unit tests hand in fakes.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_DIRECTORIES_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_DIRECTORIES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace partnerhub::campaign {

// A partner as partner-registry sees it.
struct PartnerInfo {
  // The partner's lifecycle state as partner-registry names it ("ACTIVE").
  std::string state;
};

// partner-registry. Every call is bounded by a deadline: UNAVAILABLE when
// the registry cannot answer in time, never a hang.
class PartnerDirectory {
 public:
  virtual ~PartnerDirectory() = default;
  // NOT_FOUND when the partner does not exist.
  virtual absl::StatusOr<PartnerInfo> GetPartner(int64_t partner_id) = 0;
  // partner_discount_share_bps of the partner's agreement in force today;
  // FAILED_PRECONDITION when none is.
  virtual absl::StatusOr<int32_t> DiscountShareInForce(int64_t partner_id) = 0;
};

struct SegmentSnapshot {
  // "segments/{segment}/snapshots/{snapshot}".
  std::string name;
  int64_t member_count = 0;
};

struct MemberPage {
  // "customers/{customer}", ascending.
  std::vector<std::string> customers;
  // Empty on the last page.
  std::string next_page_token;
};

// customer-experience's segments. Deadlines as for PartnerDirectory.
class SegmentDirectory {
 public:
  virtual ~SegmentDirectory() = default;
  // Snapshots "segments/{segment}"; a retry with the same request_id
  // returns the snapshot taken first.
  virtual absl::StatusOr<SegmentSnapshot> CreateSnapshot(
      const std::string& segment, const std::string& request_id) = 0;
  // One page of a snapshot's members.
  virtual absl::StatusOr<MemberPage> ListMembers(
      const std::string& snapshot, int page_size,
      const std::string& page_token) = 0;
};

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_DIRECTORIES_H_
