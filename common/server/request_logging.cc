#include "common/server/request_logging.h"

#include <grpcpp/server_context.h>

#include <chrono>
#include <cstring>

#include "absl/strings/str_format.h"
#include "common/grpc/status_conversion.h"
#include "common/log/log.h"

namespace partnerhub {
namespace {

constexpr char kHealthCheckMethod[] = "/grpc.health.v1.Health/Check";

using grpc::experimental::InterceptionHookPoints;

class RequestLoggingInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit RequestLoggingInterceptor(grpc::experimental::ServerRpcInfo* info)
      : info_(info),
        method_(info->method() != nullptr ? info->method() : "?"),
        start_(std::chrono::steady_clock::now()) {}

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      const std::chrono::duration<double, std::milli> latency =
          std::chrono::steady_clock::now() - start_;
      const grpc::StatusCode code = methods->GetSendStatus().error_code();
      Log(LogLevel::kInfo,
          absl::StrFormat("rpc method=%s code=%s latency_ms=%.3f peer=%s",
                          method_, StatusCodeName(code), latency.count(),
                          info_->server_context()->peer()));
    }
    methods->Proceed();
  }

 private:
  grpc::experimental::ServerRpcInfo* const info_;  // outlives the interceptor
  const char* const method_;
  const std::chrono::steady_clock::time_point start_;
};

}  // namespace

grpc::experimental::Interceptor*
RequestLoggingInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  // nullptr: no interceptor at all for this call.
  const char* method = info->method();
  if (method != nullptr && std::strcmp(method, kHealthCheckMethod) == 0) {
    return nullptr;
  }
  return new RequestLoggingInterceptor(info);
}

}  // namespace partnerhub
