// Access log for gRPC servers: one line per finished RPC.
#ifndef PARTNERHUB_COMMON_SERVER_REQUEST_LOGGING_H_
#define PARTNERHUB_COMMON_SERVER_REQUEST_LOGGING_H_

#include <grpcpp/support/server_interceptor.h>

namespace partnerhub {

// Creates, per RPC, an interceptor that logs when the status is sent:
//   rpc method=/pkg.Svc/Method code=OK latency_ms=1.234 peer=ipv4:...
// Latency runs from the interceptor's creation (the call was matched to a
// method) to the status. Health Check calls are not logged: probes arrive
// every second and would drown the log.
class RequestLoggingInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_SERVER_REQUEST_LOGGING_H_
