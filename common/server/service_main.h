// The main() of every PartnerHub service: flags, the `migrate` and `serve`
// commands, the database pool, the server and its graceful shutdown. A
// service's own main.cc only says what it is and how to wire its parts.
#ifndef PARTNERHUB_COMMON_SERVER_SERVICE_MAIN_H_
#define PARTNERHUB_COMMON_SERVER_SERVICE_MAIN_H_

#include <grpcpp/impl/service_type.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/migration.h"

namespace partnerhub {

// What a running service is made of; owns its objects.
class ServiceParts {
 public:
  virtual ~ServiceParts() = default;
  // The gRPC services to serve (owned by this object).
  virtual std::vector<grpc::Service*> services() = 0;
  // Called once on SIGTERM/SIGINT, before the server drains: end long-lived
  // calls (event streams) and background work, so that draining does not
  // wait for them.
  virtual void Stop() {}
};

struct ServiceDefinition {
  // Process name for logs and usage, e.g. "partner-registry".
  std::string name;
  // Default --listen port.
  int default_port = 50051;
  // The service's schema.
  mysql::MigrationSet migrations;
  // Wires the service's parts over its database pool.
  std::function<absl::StatusOr<std::unique_ptr<ServiceParts>>(
      mysql::ConnectionPool& pool)>
      build;
  // Serialized FileDescriptorSets with source info of the services' protos,
  // for reflection with comments: partnerhub_descriptors::<proto target>()
  // (see ServerOptions.descriptor_sets).
  std::vector<std::string_view> descriptor_sets;
};

// Parses flags (see service_main.cc for the list; each also as
// PARTNERHUB_<FLAG> in the environment) and runs the command:
//   <name> migrate   apply the schema migrations and exit
//   <name> serve     serve until SIGTERM/SIGINT, then drain and exit
// Returns the process exit code.
int ServiceMain(int argc, char** argv, const ServiceDefinition& service);

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_SERVER_SERVICE_MAIN_H_
