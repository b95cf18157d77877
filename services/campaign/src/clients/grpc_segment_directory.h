// SegmentDirectory over customer-experience's gRPC API.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_CLIENTS_GRPC_SEGMENT_DIRECTORY_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_CLIENTS_GRPC_SEGMENT_DIRECTORY_H_

#include <grpcpp/channel.h>

#include <memory>

#include "absl/time/time.h"
#include "partnerhub/customer_experience/v1/customer_experience.grpc.pb.h"
#include "services/campaign/src/domain/directories.h"

namespace partnerhub::campaign {

// The SegmentDirectory of the domain (domain/directories.h), answered by
// customer-experience's CustomerExperienceService.
class GrpcSegmentDirectory final : public SegmentDirectory {
 public:
  // Every call gets `timeout` as its deadline.
  GrpcSegmentDirectory(std::shared_ptr<grpc::Channel> channel,
                       absl::Duration timeout);

  absl::StatusOr<SegmentSnapshot> CreateSnapshot(
      const std::string& segment, const std::string& request_id) override;
  absl::StatusOr<MemberPage> ListMembers(
      const std::string& snapshot, int page_size,
      const std::string& page_token) override;

 private:
  std::unique_ptr<customer_experience::v1::CustomerExperienceService::Stub>
      stub_;
  const absl::Duration timeout_;
};

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_CLIENTS_GRPC_SEGMENT_DIRECTORY_H_
