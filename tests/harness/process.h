// Running binaries as separate processes from tests: one-shot commands
// (RunCommand) and long-running services (ServiceProcess).
#ifndef PARTNERHUB_TESTS_HARNESS_PROCESS_H_
#define PARTNERHUB_TESTS_HARNESS_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace partnerhub::testing {

// A service binary run as a separate process, in its own process group.
// Like MariaDbServer, the process gets SIGKILL if the thread that started it
// exits, so no service outlives a crashed test.
class ServiceProcess {
 public:
  // Starts `binary args...` with stdin from /dev/null and stdout and stderr
  // captured to a file, and waits up to `ready_timeout` for a line containing
  // "serving on HOST:PORT". Fails with the log tail if the process exits or
  // times out (it is killed then).
  static absl::StatusOr<std::unique_ptr<ServiceProcess>> Start(
      const std::string& binary, const std::vector<std::string>& args,
      absl::Duration ready_timeout = absl::Seconds(20));

  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;
  // Kills the process if still running and removes the log file.
  ~ServiceProcess();

  // "HOST:PORT" as logged; a wildcard host (0.0.0.0, [::]) becomes 127.0.0.1.
  std::string address() const { return address_; }
  int port() const { return port_; }
  int pid() const { return pid_; }

  // SIGTERM, wait up to `grace`, then SIGKILL (to the whole process group);
  // returns the exit status: the exit code, or 128+signal if killed by a
  // signal. Returns the same status again if called after the process ended.
  int Terminate(absl::Duration grace = absl::Seconds(15));
  // SIGKILL to the process group, then reap.
  void Kill();
  // True while the process has not exited (it is not reaped by this call).
  bool Running() const;

  // Everything the process wrote to stdout and stderr so far.
  std::string LogText() const;
  std::string log_path() const { return log_path_; }

 private:
  ServiceProcess() = default;
  // Waits up to `timeout` for exit; true if the process ended (and was
  // reaped, stragglers of its group killed).
  bool WaitExit(absl::Duration timeout);

  std::string log_path_;
  std::string address_;
  int port_ = 0;
  pid_t pid_ = -1;
  bool exited_ = false;
  int exit_status_ = -1;
};

// The result of a command run to completion.
struct CommandResult {
  int exit_code;       // exit code, or 128+signal
  std::string output;  // stdout and stderr, interleaved as written
};

// Runs `binary args...` to completion with stdin from /dev/null. Fails if the
// binary cannot be started; DEADLINE_EXCEEDED (with the output so far) if it
// runs longer than `timeout` (it is killed then). A non-zero exit is not an
// error: check exit_code.
absl::StatusOr<CommandResult> RunCommand(
    const std::string& binary, const std::vector<std::string>& args,
    absl::Duration timeout = absl::Seconds(60));

// Path of a built artifact: $PARTNERHUB_BUILD_DIR/<relative>. ctest sets
// PARTNERHUB_BUILD_DIR; without it, the build dir this harness was built in.
std::string BuildPath(absl::string_view relative);

namespace internal {

// Options for Spawn, the fork/exec behind everything here.
struct SpawnOptions {
  int stdout_fd = -1;  // -1: /dev/null
  int stderr_fd = -1;  // -1: /dev/null
  // The child gets SIGKILL when the spawning thread exits.
  bool die_with_parent = true;
};

// Forks and execs `binary args...` (binary searched in PATH if it has no
// '/') in a new process group; fails if exec fails.
absl::StatusOr<pid_t> Spawn(const std::string& binary,
                            const std::vector<std::string>& args,
                            const SpawnOptions& options);

// Converts a wait status to an exit code, 128+signal for a signal.
int ExitCodeOf(int wait_status);

// Reads a whole file; empty if it cannot be read.
std::string ReadFileOrEmpty(const std::string& path);

// The last `max_lines` lines of `text`.
std::string Tail(absl::string_view text, int max_lines);

}  // namespace internal
}  // namespace partnerhub::testing

#endif  // PARTNERHUB_TESTS_HARNESS_PROCESS_H_
