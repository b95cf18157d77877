// PartnerDirectory over partner-registry's gRPC API.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_CLIENTS_GRPC_PARTNER_DIRECTORY_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_CLIENTS_GRPC_PARTNER_DIRECTORY_H_

#include <grpcpp/channel.h>

#include <memory>

#include "absl/time/time.h"
#include "partnerhub/partner_registry/v1/partner_registry.grpc.pb.h"
#include "services/campaign/src/domain/directories.h"

namespace partnerhub::campaign {

// The PartnerDirectory of the domain (domain/directories.h), answered by
// partner-registry's PartnerRegistryService.
class GrpcPartnerDirectory final : public PartnerDirectory {
 public:
  // Every call gets `timeout` as its deadline.
  GrpcPartnerDirectory(std::shared_ptr<grpc::Channel> channel,
                       absl::Duration timeout);

  absl::StatusOr<PartnerInfo> GetPartner(int64_t partner_id) override;
  absl::StatusOr<int32_t> DiscountShareInForce(int64_t partner_id) override;

 private:
  std::unique_ptr<partner_registry::v1::PartnerRegistryService::Stub> stub_;
  const absl::Duration timeout_;
};

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_CLIENTS_GRPC_PARTNER_DIRECTORY_H_
