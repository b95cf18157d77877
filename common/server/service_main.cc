#include "common/server/service_main.h"

#include <cstdio>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "common/config/flags.h"
#include "common/log/log.h"
#include "common/mysql/migrator.h"
#include "common/server/server.h"
#include "common/server/termination_signals.h"

ABSL_FLAG(std::string, listen, "",
          "host:port to serve on (default 0.0.0.0:<the service's port>)");
ABSL_FLAG(std::string, db_host, "127.0.0.1", "MySQL/MariaDB host");
ABSL_FLAG(int, db_port, 3306, "MySQL/MariaDB port");
ABSL_FLAG(std::string, db_name, "", "the service's schema (required)");
ABSL_FLAG(std::string, db_user, "", "the service's database user (required)");
ABSL_FLAG(std::string, db_password, "", "the database user's password");
ABSL_FLAG(int, db_pool_size, 16, "most database connections open at once");
ABSL_FLAG(absl::Duration, db_timeout, absl::Seconds(5),
          "bound on connecting, and on one read or write to the database");
ABSL_FLAG(int, max_threads, 0,
          "cap on request threads; calls beyond it are refused with "
          "RESOURCE_EXHAUSTED (0: 8 x the pool size, so that a burst queues "
          "for a database connection, up to --db_timeout, instead)");
ABSL_FLAG(absl::Duration, drain_timeout, absl::Seconds(10),
          "on SIGTERM, how long in-flight calls may finish");
ABSL_FLAG(absl::Duration, shutdown_delay, absl::Milliseconds(500),
          "on SIGTERM, how long to keep accepting calls after health turns "
          "NOT_SERVING, so that clients move to other replicas first");
ABSL_FLAG(bool, log_requests, true, "log one line per RPC");

namespace partnerhub {
namespace {

absl::StatusOr<mysql::ConnectionOptions> DatabaseOptions() {
  mysql::ConnectionOptions db;
  db.host = absl::GetFlag(FLAGS_db_host);
  db.port = absl::GetFlag(FLAGS_db_port);
  db.database = absl::GetFlag(FLAGS_db_name);
  db.user = absl::GetFlag(FLAGS_db_user);
  db.password = absl::GetFlag(FLAGS_db_password);
  db.connect_timeout = db.io_timeout = absl::GetFlag(FLAGS_db_timeout);
  if (absl::Status s = RequireNonEmpty("db_name", db.database); !s.ok())
    return s;
  if (absl::Status s = RequireNonEmpty("db_user", db.user); !s.ok()) return s;
  return db;
}

int Fail(const absl::Status& status) {
  LogError(status.message());
  return 1;
}

int Migrate(mysql::ConnectionPool& pool, const ServiceDefinition& service) {
  // SIGTERM (the pod deleted while its init container runs) stops migrate
  // between two files, or while it waits for the migration lock: exit 1,
  // every file either applied and recorded or not started.
  TerminationWatcher termination(absl::StrCat(service.name, " migrate"));
  absl::StatusOr<std::vector<std::string>> applied = mysql::Migrate(
      pool, service.migrations, [&] { return termination.requested(); });
  if (!applied.ok()) return Fail(applied.status());
  LogInfo(service.name, " migrate: ", applied->size(), " applied",
          applied->empty() ? " (schema up to date)"
                           : absl::StrCat(": ", absl::StrJoin(*applied, ", ")));
  return 0;
}

int Serve(mysql::ConnectionPool& pool, const ServiceDefinition& service) {
  absl::StatusOr<std::unique_ptr<ServiceParts>> parts = service.build(pool);
  if (!parts.ok()) return Fail(parts.status());
  ServerOptions options;
  options.name = service.name;
  options.listen_address = absl::GetFlag(FLAGS_listen);
  if (options.listen_address.empty()) {
    options.listen_address = absl::StrCat("0.0.0.0:", service.default_port);
  }
  const int pool_size = absl::GetFlag(FLAGS_db_pool_size);
  options.max_threads = absl::GetFlag(FLAGS_max_threads);
  if (options.max_threads <= 0) options.max_threads = 8 * pool_size;
  options.drain_timeout = absl::GetFlag(FLAGS_drain_timeout);
  options.shutdown_delay = absl::GetFlag(FLAGS_shutdown_delay);
  options.log_requests = absl::GetFlag(FLAGS_log_requests);
  options.readiness = [&pool] { return pool.Ping(); };
  options.descriptor_sets = service.descriptor_sets;
  absl::StatusOr<std::unique_ptr<Server>> server =
      Server::Start(options, (*parts)->services());
  if (!server.ok()) return Fail(server.status());
  if (absl::Status s = RunUntilTerminated(**server, [&] { (*parts)->Stop(); });
      !s.ok())
    return Fail(s);
  return 0;
}

}  // namespace

int ServiceMain(int argc, char** argv, const ServiceDefinition& service) {
  // Before any thread starts, so that every thread inherits the mask and
  // only the waiting thread receives SIGTERM/SIGINT.
  BlockTerminationSignals();
  // Debian's Abseil checks every absl::Mutex acquisition (gRPC's included)
  // for lock-order cycles, a global graph update per lock: CPU that every
  // call would pay for nothing in production.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  const std::string usage = absl::StrCat(
      "usage: ", service.name, " migrate|serve [flags]\n",
      "  migrate  apply the schema migrations and exit\n",
      "  serve    serve gRPC until SIGTERM/SIGINT\n",
      "Every flag can also be set as PARTNERHUB_<FLAG> in the environment.");
  std::vector<std::string> args = ParseFlags(argc, argv, usage);
  if (args.size() != 1 || (args[0] != "migrate" && args[0] != "serve")) {
    std::fprintf(stderr, "%s\n", usage.c_str());
    return 2;
  }
  absl::StatusOr<mysql::ConnectionOptions> db = DatabaseOptions();
  if (!db.ok()) return Fail(db.status());
  mysql::PoolOptions pool_options;
  pool_options.max_size = absl::GetFlag(FLAGS_db_pool_size);
  pool_options.acquire_timeout = absl::GetFlag(FLAGS_db_timeout);
  absl::StatusOr<std::unique_ptr<mysql::ConnectionPool>> pool =
      mysql::ConnectionPool::Create(*db, pool_options);
  if (!pool.ok()) return Fail(pool.status());
  return args[0] == "migrate" ? Migrate(**pool, service)
                              : Serve(**pool, service);
}

}  // namespace partnerhub
