// grpc.health.v1.Health, served by every PartnerHub server in place of
// gRPC's default one. The differences:
// - how it ends: Shutdown() answers NOT_SERVING to every Watch stream and
//   then ends them, so a client that balances on health (and Kubernetes)
//   moves away, and the server's drain does not wait its whole timeout for
//   streams that never end;
// - liveness entries (AddLivenessService): SERVING for as long as the
//   process answers, whatever readiness and Shutdown() say, so that a
//   liveness probe restarts a process that stopped answering, not one that
//   is draining or whose database is down (that is readiness' business).
#ifndef PARTNERHUB_COMMON_SERVER_HEALTH_SERVICE_H_
#define PARTNERHUB_COMMON_SERVER_HEALTH_SERVICE_H_

#include <map>
#include <set>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace partnerhub {

class HealthService final : public grpc::health::v1::Health::Service {
 public:
  // `service` "" is the server as a whole. Ignored after Shutdown(), and
  // for a liveness service.
  void SetServingStatus(const std::string& service, bool serving);
  // `service` answers SERVING from now on, for good: SetServingStatus and
  // Shutdown() leave it alone.
  void AddLivenessService(const std::string& service);
  // Every other service NOT_SERVING, for good; Watch streams get their
  // service's status and end.
  void Shutdown();

  grpc::Status Check(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::health::v1::HealthCheckResponse* response) override;
  grpc::Status Watch(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::ServerWriter<grpc::health::v1::HealthCheckResponse>*
                         writer) override;

 private:
  using Status = grpc::health::v1::HealthCheckResponse::ServingStatus;
  // SERVICE_UNKNOWN for a service never set.
  Status StatusOf(const std::string& service) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::map<std::string, Status> statuses_ ABSL_GUARDED_BY(mu_);
  std::set<std::string> liveness_ ABSL_GUARDED_BY(mu_);
  // Bumped on every change, so a Watch knows when to look again.
  int64_t version_ ABSL_GUARDED_BY(mu_) = 0;
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_SERVER_HEALTH_SERVICE_H_
