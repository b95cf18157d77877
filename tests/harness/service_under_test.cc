#include "tests/harness/service_under_test.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <atomic>
#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/mysql/migrator.h"
#include "tests/harness/mariadb_server.h"

namespace partnerhub::testing {

absl::StatusOr<MigratedSchema> CreateMigratedSchema(
    const std::string& prefix, const mysql::MigrationSet& migrations,
    mysql::PoolOptions pool_options) {
  static std::atomic<int> counter{0};
  MigratedSchema schema;
  // MariaDB names are at most 64 characters.
  schema.name = absl::StrCat(prefix.substr(0, 50), "_t", counter++);
  absl::StatusOr<mysql::ConnectionOptions> options =
      MariaDbServer::Shared().CreateSchema(schema.name);
  if (!options.ok()) return options.status();
  schema.options = *options;
  absl::StatusOr<std::unique_ptr<mysql::ConnectionPool>> pool =
      mysql::ConnectionPool::Create(*options, pool_options);
  if (!pool.ok()) return pool.status();
  schema.pool = *std::move(pool);
  absl::StatusOr<std::vector<std::string>> applied =
      mysql::Migrate(*schema.pool, migrations);
  if (!applied.ok()) return applied.status();
  return schema;
}

absl::StatusOr<std::unique_ptr<Server>> StartTestServer(
    ServerOptions options, const std::vector<grpc::Service*>& services) {
  options.listen_address = "127.0.0.1:0";
  options.log_requests = false;
  return Server::Start(std::move(options), services);
}

std::shared_ptr<grpc::Channel> ConnectedChannel(const std::string& address) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // own connection
  std::shared_ptr<grpc::Channel> channel = grpc::CreateCustomChannel(
      address, grpc::InsecureChannelCredentials(), args);
  channel->WaitForConnected(std::chrono::system_clock::now() +
                            std::chrono::seconds(10));
  return channel;
}

}  // namespace partnerhub::testing
