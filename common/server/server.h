// The server runner every service uses: one place that decides how a
// PartnerHub process serves gRPC (health, reflection, access log, limits,
// graceful drain), so the services agree on it.
#ifndef PARTNERHUB_COMMON_SERVER_SERVER_H_
#define PARTNERHUB_COMMON_SERVER_SERVER_H_

#include <grpcpp/server.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "common/server/health_service.h"

namespace partnerhub {

struct ServerOptions {
  // Service name for logs, e.g. "partner-registry".
  std::string name;
  // host:port; port 0 picks a free port.
  std::string listen_address = "0.0.0.0:50051";
  // Cap on sync-server threads; match it to the database pool.
  int max_threads = 32;
  // How long in-flight calls may run after Shutdown() before they are
  // cancelled.
  absl::Duration drain_timeout = absl::Seconds(10);
  // How long Shutdown() keeps accepting calls after turning health
  // NOT_SERVING, so that clients balancing on health move away first.
  absl::Duration shutdown_delay = absl::ZeroDuration();
  // Polled; non-OK turns health NOT_SERVING (e.g. a database ping). Empty
  // means always ready.
  std::function<absl::Status()> readiness;
  absl::Duration readiness_interval = absl::Seconds(1);
  // One access-log line per RPC (see request_logging.h).
  bool log_requests = true;
  // Serialized FileDescriptorSets with source info, for reflection (from
  // partnerhub_proto_library: partnerhub_descriptors::<target>(); not
  // owned, normally static). When non-empty, reflection is our
  // ReflectionService over them, so clients see the .proto comments;
  // otherwise gRPC's own reflection, without comments.
  std::vector<std::string_view> descriptor_sets;
};

class Server {
 public:
  // Largest request a client may send (and response we send): explicit, so
  // a change of gRPC's default cannot silently change the contract.
  static constexpr int kMaxMessageBytes = 4 * 1024 * 1024;
  // The health service name a liveness probe asks: SERVING for as long as
  // the process answers, also while it is not ready (database down) and
  // while it shuts down. Readiness is the server as a whole ("") or any
  // application service's full name, which follow `readiness` and turn
  // NOT_SERVING at Shutdown().
  static constexpr char kLivenessService[] = "liveness";

  // Builds and starts a synchronous gRPC server with `services` (not owned;
  // they must outlive the Server), the health service (health_service.h),
  // whose overall ("") and per-service statuses follow `readiness` (checked
  // once before Start returns, then polled by a background thread) and
  // whose kLivenessService is always SERVING, server reflection
  // (see ServerOptions.descriptor_sets), and the request log. Logs "<name>
  // serving on <host>:<port>". Fails if the address cannot be bound,
  // including when another process holds it, or if a descriptor set is
  // broken.
  static absl::StatusOr<std::unique_ptr<Server>> Start(
      ServerOptions options, std::vector<grpc::Service*> services);

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  ~Server();  // Shutdown()

  const std::string& name() const { return options_.name; }
  int port() const { return port_; }
  std::string address() const;  // host:port actually bound

  // Health NOT_SERVING for all but kLivenessService, wait shutdown_delay,
  // stop accepting calls,
  // let in-flight calls finish within drain_timeout (the rest are
  // cancelled; sync handlers must still return), stop the readiness poller.
  // Idempotent; blocks until done.
  void Shutdown();

 private:
  Server(ServerOptions options, std::unique_ptr<grpc::Server> server,
         std::unique_ptr<HealthService> health, std::string host, int port);

  // Runs `readiness` and publishes the result on the health service.
  void CheckReadiness();
  void PollReadiness();

  const ServerOptions options_;
  // Registered with server_: declared first, so destroyed after it.
  const std::unique_ptr<HealthService> health_;
  const std::unique_ptr<grpc::Server> server_;
  const std::string host_;
  const int port_;
  // Application services, by full name ("partnerhub.campaign.v1.Campaign").
  std::vector<std::string> service_names_;
  // Last published readiness; touched by Start, then only by the poller.
  bool ready_ = false;
  bool ready_known_ = false;

  absl::Notification stop_polling_;
  std::thread poller_;

  absl::Mutex shutdown_mu_;
  bool shut_down_ ABSL_GUARDED_BY(shutdown_mu_) = false;
};

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_SERVER_SERVER_H_
