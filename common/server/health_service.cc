#include "common/server/health_service.h"

#include "absl/time/time.h"

namespace partnerhub {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

void HealthService::SetServingStatus(const std::string& service, bool serving) {
  absl::MutexLock lock(&mu_);
  if (shut_down_ || liveness_.count(service) > 0) return;
  statuses_[service] =
      serving ? HealthCheckResponse::SERVING : HealthCheckResponse::NOT_SERVING;
  ++version_;
}

void HealthService::AddLivenessService(const std::string& service) {
  absl::MutexLock lock(&mu_);
  liveness_.insert(service);
  statuses_[service] = HealthCheckResponse::SERVING;
  ++version_;
}

void HealthService::Shutdown() {
  absl::MutexLock lock(&mu_);
  if (shut_down_) return;
  shut_down_ = true;
  for (auto& [service, status] : statuses_) {
    if (liveness_.count(service) == 0) {
      status = HealthCheckResponse::NOT_SERVING;
    }
  }
  ++version_;
}

HealthService::Status HealthService::StatusOf(
    const std::string& service) const {
  auto it = statuses_.find(service);
  return it == statuses_.end() ? HealthCheckResponse::SERVICE_UNKNOWN
                               : it->second;
}

grpc::Status HealthService::Check(grpc::ServerContext*,
                                  const HealthCheckRequest* request,
                                  HealthCheckResponse* response) {
  absl::MutexLock lock(&mu_);
  const Status status = StatusOf(request->service());
  if (status == HealthCheckResponse::SERVICE_UNKNOWN) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND,
                        "unknown service " + request->service());
  }
  response->set_status(status);
  return grpc::Status::OK;
}

grpc::Status HealthService::Watch(
    grpc::ServerContext* context, const HealthCheckRequest* request,
    grpc::ServerWriter<HealthCheckResponse>* writer) {
  int64_t seen = -1;
  while (true) {
    Status status;
    bool last;
    {
      absl::MutexLock lock(&mu_);
      // Wake on a change, or every second to notice a client gone.
      struct Seen {
        const int64_t* version;
        const int64_t* seen;
      } state{&version_, &seen};
      mu_.AwaitWithTimeout(
          absl::Condition(
              +[](Seen* s) { return *s->version != *s->seen; }, &state),
          absl::Seconds(1));
      status = StatusOf(request->service());
      last = shut_down_;
      if (version_ == seen && !last) {
        if (context->IsCancelled()) return grpc::Status::CANCELLED;
        continue;
      }
      seen = version_;
    }
    HealthCheckResponse response;
    response.set_status(status);
    if (!writer->Write(response)) return grpc::Status::CANCELLED;
    if (last) return grpc::Status::OK;
  }
}

}  // namespace partnerhub
