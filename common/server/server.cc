#include "common/server/server.h"

#include <grpc/grpc.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/impl/server_builder_option.h>
#include <grpcpp/impl/server_builder_plugin.h>
#include <grpcpp/impl/server_initializer.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/server/health_service.h"
#include "common/server/reflection_service.h"
#include "common/server/request_logging.h"
#include "grpc/health/v1/health.pb.h"

namespace partnerhub {
namespace {

absl::Status ValidateOptions(const ServerOptions& options) {
  if (options.name.empty()) {
    return absl::InvalidArgumentError("ServerOptions.name is required");
  }
  if (options.max_threads < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(options.name, ": max_threads must be at least 1, got ",
                     options.max_threads));
  }
  if (options.drain_timeout < absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat(options.name, ": drain_timeout must not be negative"));
  }
  if (options.readiness_interval <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat(options.name, ": readiness_interval must be positive"));
  }
  return absl::OkStatus();
}

// Full names of the services the application registered. grpc::Server keeps
// them for plugins only; ServerInitializer is the public way to read them.
// gRPC's own services (health, reflection) do not depend on readiness.
std::vector<std::string> ApplicationServiceNames(grpc::Server* server) {
  grpc::ServerInitializer initializer(server);
  std::vector<std::string> names;
  for (const std::string& name : *initializer.GetServiceList()) {
    if (!absl::StartsWith(name, "grpc.")) names.push_back(name);
  }
  return names;
}

constexpr char kHealthService[] = "grpc.health.v1.Health";
constexpr char kReflectionService[] =
    "grpc.reflection.v1alpha.ServerReflection";
// The name of gRPC's ProtoServerReflectionPlugin.
constexpr char kGrpcReflectionPlugin[] = "proto_server_reflection";

// Registers our ReflectionService, listing every service the application
// registered: InitServer runs after those and before the server starts.
class ReflectionPlugin final : public grpc::ServerBuilderPlugin {
 public:
  explicit ReflectionPlugin(std::shared_ptr<ReflectionService> service)
      : service_(std::move(service)) {}

  std::string name() override { return "partnerhub_reflection"; }

  void InitServer(grpc::ServerInitializer* si) override {
    std::vector<std::string> names = *si->GetServiceList();
    names.push_back(kReflectionService);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    service_->set_service_names(std::move(names));
    si->RegisterService(service_);
  }
  void Finish(grpc::ServerInitializer*) override {}
  void ChangeArguments(const std::string&, void*) override {}
  bool has_sync_methods() const override { return true; }

 private:
  const std::shared_ptr<ReflectionService> service_;
};

// Puts ReflectionPlugin in gRPC's place: gRPC's plugin is process-wide once
// any server in the process asked for it.
class ReflectionOption final : public grpc::ServerBuilderOption {
 public:
  explicit ReflectionOption(std::shared_ptr<ReflectionService> service)
      : service_(std::move(service)) {}

  void UpdateArguments(grpc::ChannelArguments*) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>*
                         plugins) override {
    std::erase_if(*plugins, [](const auto& plugin) {
      return plugin->name() == kGrpcReflectionPlugin;
    });
    plugins->push_back(std::make_unique<ReflectionPlugin>(service_));
  }

 private:
  const std::shared_ptr<ReflectionService> service_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> Server::Start(
    ServerOptions options, std::vector<grpc::Service*> services) {
  if (absl::Status status = ValidateOptions(options); !status.ok()) {
    return status;
  }
  const size_t colon = options.listen_address.rfind(':');
  if (colon == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(options.name, ": listen address \"",
                     options.listen_address, "\" is not host:port"));
  }
  std::string host = options.listen_address.substr(0, colon);

  // Process-wide switches read by ServerBuilder; both are idempotent. With
  // descriptor sets, ReflectionOption below stands in for gRPC's reflection.
  // Our HealthService instead of gRPC's (see health_service.h).
  grpc::EnableDefaultHealthCheckService(false);
  if (options.descriptor_sets.empty()) {
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  }
  // Links health.proto's descriptors in (gRPC's health service does not use
  // them), so that reflection can describe grpc.health.v1.Health.
  grpc::health::v1::HealthCheckRequest::descriptor();

  grpc::ServerBuilder builder;
  if (!options.descriptor_sets.empty()) {
    absl::StatusOr<std::unique_ptr<ReflectionService>> reflection =
        ReflectionService::Create(options.descriptor_sets, {});
    if (!reflection.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(options.name, ": ", reflection.status().message()));
    }
    builder.SetOption(std::make_unique<ReflectionOption>(
        std::shared_ptr<ReflectionService>(*std::move(reflection))));
  }
  int port = 0;
  builder.AddListeningPort(options.listen_address,
                           grpc::InsecureServerCredentials(), &port);
  // gRPC sets SO_REUSEPORT by default: a second process could then share
  // the port and silently take half the traffic. Fail to bind instead.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  builder.SetMaxSendMessageSize(kMaxMessageBytes);
  grpc::ResourceQuota quota(options.name);
  quota.SetMaxThreads(options.max_threads);
  builder.SetResourceQuota(quota);
  // Keep idle request threads instead of creating and destroying them under
  // load (thread churn cost ~15% of the handler threads' CPU in the bench).
  builder.SetSyncServerOption(
      grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, 2);
  builder.SetSyncServerOption(
      grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
      std::max(2, options.max_threads));
  auto health = std::make_unique<HealthService>();
  health->AddLivenessService(Server::kLivenessService);
  builder.RegisterService(health.get());
  for (grpc::Service* service : services) builder.RegisterService(service);
  if (options.log_requests) {
    std::vector<
        std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
        interceptors;
    interceptors.push_back(
        std::make_unique<RequestLoggingInterceptorFactory>());
    builder.experimental().SetInterceptorCreators(std::move(interceptors));
  }

  std::unique_ptr<grpc::Server> grpc_server = builder.BuildAndStart();
  if (grpc_server == nullptr || port == 0) {
    if (grpc_server != nullptr) grpc_server->Shutdown();
    return absl::UnavailableError(absl::StrCat(
        options.name, ": cannot serve on ", options.listen_address,
        " (address in use or not a valid host:port; gRPC's log above says "
        "which)"));
  }
  std::unique_ptr<Server> server(
      new Server(std::move(options), std::move(grpc_server), std::move(health),
                 std::move(host), port));
  // Publish real readiness before anyone learns the port from the log line.
  server->CheckReadiness();
  server->poller_ = std::thread([s = server.get()] { s->PollReadiness(); });
  LogInfo(server->name(), " serving on ", server->address());
  return server;
}

Server::Server(ServerOptions options, std::unique_ptr<grpc::Server> server,
               std::unique_ptr<HealthService> health, std::string host,
               int port)
    : options_(std::move(options)),
      health_(std::move(health)),
      server_(std::move(server)),
      host_(std::move(host)),
      port_(port),
      service_names_(ApplicationServiceNames(server_.get())) {}

Server::~Server() { Shutdown(); }

std::string Server::address() const { return absl::StrCat(host_, ":", port_); }

void Server::CheckReadiness() {
  const absl::Status status =
      options_.readiness ? options_.readiness() : absl::OkStatus();
  const bool ready = status.ok();
  if (ready_known_ && ready == ready_) return;
  if (ready) {
    if (ready_known_) LogInfo(name(), " ready again: health SERVING");
  } else {
    LogWarning(name(), " not ready: health NOT_SERVING: ",
               status.ToString(absl::StatusToStringMode::kWithNoExtraData));
  }
  ready_ = ready;
  ready_known_ = true;
  health_->SetServingStatus("", ready);
  for (const std::string& service : service_names_) {
    health_->SetServingStatus(service, ready);
  }
}

void Server::PollReadiness() {
  while (!stop_polling_.WaitForNotificationWithTimeout(
      options_.readiness_interval)) {
    CheckReadiness();
  }
}

void Server::Shutdown() {
  absl::MutexLock lock(&shutdown_mu_);
  if (shut_down_) return;
  shut_down_ = true;
  // Stop the poller first, so it cannot flip health back to SERVING.
  stop_polling_.Notify();
  if (poller_.joinable()) poller_.join();
  // NOT_SERVING for every service (liveness excepted: the process still
  // answers while it drains), and frozen there.
  health_->Shutdown();
  // Still accepting calls while health-checking clients (and Kubernetes'
  // readiness probe) see NOT_SERVING and move to other replicas.
  if (options_.shutdown_delay > absl::ZeroDuration()) {
    LogInfo(name(), " health NOT_SERVING; still accepting calls for ",
            absl::FormatDuration(options_.shutdown_delay));
    absl::SleepFor(options_.shutdown_delay);
  }
  LogInfo(name(), " shutting down: draining in-flight calls for up to ",
          absl::FormatDuration(options_.drain_timeout));
  server_->Shutdown(absl::ToChronoTime(absl::Now() + options_.drain_timeout));
  server_->Wait();
}

}  // namespace partnerhub
