// What a service's handler and storage tests start from: a schema of its
// own on the shared MariaDB with the service's migrations applied, a gRPC
// server on a free port, and channels to it. Each service's tests/fixture
// builds its store and handler between the two.
#ifndef PARTNERHUB_TESTS_HARNESS_SERVICE_UNDER_TEST_H_
#define PARTNERHUB_TESTS_HARNESS_SERVICE_UNDER_TEST_H_

#include <grpcpp/channel.h>
#include <grpcpp/impl/codegen/service_type.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/migration.h"
#include "common/server/server.h"

namespace partnerhub::testing {

// A new schema "<prefix>_t<n>" (n counts up in the process) on
// MariaDbServer::Shared(), `migrations` applied, and a pool over it.
struct MigratedSchema {
  std::string name;
  // How to connect to it (for a test's own connections).
  mysql::ConnectionOptions options;
  std::unique_ptr<mysql::ConnectionPool> pool;
};
absl::StatusOr<MigratedSchema> CreateMigratedSchema(
    const std::string& prefix, const mysql::MigrationSet& migrations,
    mysql::PoolOptions pool_options = {});

// A server on 127.0.0.1:0 (a free port) serving `services`, without the
// request log. `options.listen_address` and `options.log_requests` are
// overridden; the rest (name, descriptor sets, ...) is the caller's.
absl::StatusOr<std::unique_ptr<Server>> StartTestServer(
    ServerOptions options, const std::vector<grpc::Service*>& services);

// A channel to `address` with its own connection (not shared with other
// channels of the process), connected before it is returned: a first
// connect can fail when many channels open at once, and a call made then
// fails fast with UNAVAILABLE.
std::shared_ptr<grpc::Channel> ConnectedChannel(const std::string& address);

}  // namespace partnerhub::testing

#endif  // PARTNERHUB_TESTS_HARNESS_SERVICE_UNDER_TEST_H_
