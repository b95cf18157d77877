// A private MariaDB server for tests: a throwaway data directory under /tmp
// and a free port on 127.0.0.1, so tests run in parallel without sharing or
// touching any system database.
#ifndef PARTNERHUB_TESTS_HARNESS_MARIADB_SERVER_H_
#define PARTNERHUB_TESTS_HARNESS_MARIADB_SERVER_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/mysql/connection_pool.h"

namespace partnerhub::testing {

// One mariadbd process owned by this test process (or, with
// PARTNERHUB_TEST_MYSQL_PORT, a server someone else runs).
//
// The server is killed when this process dies, even by a crash (the child
// gets SIGKILL when its parent thread exits), so call Start() from a thread
// that lives as long as the server, normally the main thread.
class MariaDbServer {
 public:
  // Initialises a fresh data directory and starts mariadbd on a free port;
  // returns once it answers queries.
  static absl::StatusOr<std::unique_ptr<MariaDbServer>> Start();

  // The process-wide instance, started on first use and stopped (data dir
  // removed) at exit. Aborts the test process with a clear message if it
  // cannot start. If PARTNERHUB_TEST_MYSQL_PORT is set, uses the server
  // already listening on 127.0.0.1 at that port (root, no password) instead;
  // Kill() and Restart() are then refused.
  static MariaDbServer& Shared();

  MariaDbServer(const MariaDbServer&) = delete;
  MariaDbServer& operator=(const MariaDbServer&) = delete;
  // Stops the server and removes the data dir.
  ~MariaDbServer();

  std::string host() const { return "127.0.0.1"; }
  int port() const { return port_; }

  // Root, no password, no schema.
  mysql::ConnectionOptions RootOptions() const;

  // Drops schema `name` if it exists, creates it (utf8mb4), and creates (or
  // re-creates) a user `name` with a fresh password that can touch only that
  // schema; returns options to connect as that user to that schema.
  // `name` must match [A-Za-z0-9_]{1,64}.
  absl::StatusOr<mysql::ConnectionOptions> CreateSchema(absl::string_view name);

  // Runs one SQL statement as root; returns its rows (empty for statements
  // without a result set), each value as text, SQL NULL as "NULL".
  absl::StatusOr<std::vector<std::vector<std::string>>> QueryAsRoot(
      absl::string_view sql);

  // Fault injection. Kill() stops the server abruptly (SIGKILL, no clean
  // shutdown); Stop() shuts it down cleanly; Restart() starts it again on the
  // same port and data dir (stopping it cleanly first if it runs) and returns
  // once it answers.
  absl::Status Kill();
  absl::Status Stop();
  absl::Status Restart();

  // Whether this object runs the mariadbd process (false when external).
  bool owns_process() const { return !external_; }
  // The server's own log (stderr of mariadbd), for failure messages.
  std::string LogText() const;

 private:
  MariaDbServer() = default;

  // Spawns mariadbd on port_ and waits until it answers.
  absl::Status Launch();
  // Polls until the server answers as root, or `timeout`.
  absl::Status WaitReady(absl::Duration timeout);
  // Waits for the running mariadbd to exit; SIGKILL after `grace_ms`.
  void Reap(int grace_ms);

  bool external_ = false;
  std::string root_dir_;  // everything of this instance lives below
  std::string data_dir_;
  std::string tmp_dir_;
  std::string socket_path_;
  std::string log_path_;
  int port_ = 0;
  pid_t pid_ = -1;  // -1 when not running
};

// The main() of a test binary whose tests use MariaDbServer::Shared():
// parses gtest's flags, starts the shared server on the main thread (so that
// it lives as long as the process) unless gtest only lists the tests (as
// ctest's test discovery does), and runs the tests.
int RunTestsWithSharedServer(int argc, char** argv);

// Runs one SQL statement with `options` (any user, any server) on a fresh
// connection; rows as in MariaDbServer::QueryAsRoot. SQL errors come back as
// INTERNAL with the server's error code and message ("... error 1044 ...
// Access denied ..."); a server that cannot be reached as UNAVAILABLE.
absl::StatusOr<std::vector<std::vector<std::string>>> Query(
    const mysql::ConnectionOptions& options, absl::string_view sql);

}  // namespace partnerhub::testing

#endif  // PARTNERHUB_TESTS_HARNESS_MARIADB_SERVER_H_
