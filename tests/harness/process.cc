#include "tests/harness/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"

#ifndef PARTNERHUB_HARNESS_DEFAULT_BUILD_DIR
#define PARTNERHUB_HARNESS_DEFAULT_BUILD_DIR "build"
#endif

namespace partnerhub::testing {
namespace {

constexpr absl::string_view kServingOn = "serving on ";

std::string ErrnoText(int err) { return std::strerror(err); }

// In the child, before exec: mark every descriptor above 2 close-on-exec
// (the exec-error pipe must stay open until exec succeeds).
void MarkInheritedFdsCloexec() {
  if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
  struct rlimit lim;
  int max_fd = 1024;
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY) {
    max_fd = static_cast<int>(lim.rlim_cur);
  }
  for (int fd = 3; fd < max_fd; ++fd) fcntl(fd, F_SETFD, FD_CLOEXEC);
}

// Whether `pid` has exited, without reaping it.
bool HasExited(pid_t pid) {
  siginfo_t info;
  std::memset(&info, 0, sizeof(info));
  if (waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    return errno == ECHILD;  // not our child (any more): treat as gone
  }
  return info.si_pid == pid;
}

// Kills what is left of the process group of `pid` (its leader, unreaped,
// keeps the group id from being reused), then reaps `pid`.
int KillGroupAndReap(pid_t pid) {
  kill(-pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return internal::ExitCodeOf(status);
}

// Polls until `pid` exits or `timeout` passes; true if it exited (unreaped).
bool PollExit(pid_t pid, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  absl::Duration nap = absl::Milliseconds(2);
  while (true) {
    if (HasExited(pid)) return true;
    if (absl::Now() >= deadline) return false;
    absl::SleepFor(nap);
    nap = std::min(nap * 2, absl::Milliseconds(50));
  }
}

// Parses "HOST:PORT" after "serving on " in `log`, once the line is complete.
bool FindServingAddress(absl::string_view log, std::string* address,
                        int* port) {
  size_t pos = log.find(kServingOn);
  while (pos != absl::string_view::npos) {
    absl::string_view rest = log.substr(pos + kServingOn.size());
    size_t end = 0;
    while (end < rest.size() && !absl::ascii_isspace(rest[end])) ++end;
    if (end == rest.size()) return false;  // line not complete yet
    absl::string_view token = rest.substr(0, end);
    size_t colon = token.rfind(':');
    int parsed_port = 0;
    if (colon != absl::string_view::npos &&
        absl::SimpleAtoi(token.substr(colon + 1), &parsed_port) &&
        parsed_port > 0 && parsed_port < 65536) {
      std::string host(token.substr(0, colon));
      if (host.empty() || host == "0.0.0.0" || host == "[::]" || host == "::" ||
          host == "*" || host == "localhost") {
        host = "127.0.0.1";
      }
      *address = absl::StrCat(host, ":", parsed_port);
      *port = parsed_port;
      return true;
    }
    pos = log.find(kServingOn, pos + kServingOn.size());
  }
  return false;
}

std::string DescribeCommand(const std::string& binary,
                            const std::vector<std::string>& args) {
  std::string out = binary;
  for (const std::string& arg : args) absl::StrAppend(&out, " ", arg);
  return out;
}

}  // namespace

namespace internal {

int ExitCodeOf(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

std::string ReadFileOrEmpty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string Tail(absl::string_view text, int max_lines) {
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  size_t pos = text.size();
  for (int i = 0; i < max_lines; ++i) {
    if (pos == 0) return std::string(text);
    size_t nl = text.rfind('\n', pos - 1);
    if (nl == absl::string_view::npos) return std::string(text);
    pos = nl;
  }
  return std::string(text.substr(pos + 1));
}

absl::StatusOr<pid_t> Spawn(const std::string& binary,
                            const std::vector<std::string>& args,
                            const SpawnOptions& options) {
  // Everything the child needs is prepared before fork: after fork in a
  // threaded process only async-signal-safe calls are allowed.
  std::vector<std::string> argv_storage;
  argv_storage.reserve(args.size() + 1);
  argv_storage.push_back(binary);
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  int dev_null = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (dev_null < 0) {
    return absl::InternalError(
        absl::StrCat("open /dev/null: ", ErrnoText(errno)));
  }
  int exec_error[2];
  if (pipe2(exec_error, O_CLOEXEC) != 0) {
    int err = errno;
    close(dev_null);
    return absl::InternalError(absl::StrCat("pipe2: ", ErrnoText(err)));
  }
  const int out_fd = options.stdout_fd >= 0 ? options.stdout_fd : dev_null;
  const int err_fd = options.stderr_fd >= 0 ? options.stderr_fd : dev_null;
  const pid_t parent = getpid();

  pid_t pid = fork();
  if (pid < 0) {
    int err = errno;
    close(dev_null);
    close(exec_error[0]);
    close(exec_error[1]);
    return absl::InternalError(absl::StrCat("fork: ", ErrnoText(err)));
  }
  if (pid == 0) {
    setpgid(0, 0);
    if (options.die_with_parent) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != parent) _exit(127);
    }
    // Signal state set by the test process (gRPC ignores SIGPIPE) would be
    // inherited across exec.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int sig : {SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGQUIT}) {
      signal(sig, SIG_DFL);
    }
    if (dup2(dev_null, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0) {
      int err = errno;
      (void)!write(exec_error[1], &err, sizeof(err));
      _exit(127);
    }
    MarkInheritedFdsCloexec();
    execvp(argv[0], argv.data());
    int err = errno;
    (void)!write(exec_error[1], &err, sizeof(err));
    _exit(127);
  }

  setpgid(pid, pid);  // also from the parent, so it holds before we signal
  close(dev_null);
  close(exec_error[1]);
  int child_errno = 0;
  ssize_t n;
  do {
    n = read(exec_error[0], &child_errno, sizeof(child_errno));
  } while (n < 0 && errno == EINTR);
  close(exec_error[0]);
  if (n > 0) {
    int status;
    waitpid(pid, &status, 0);
    std::string message =
        absl::StrCat("cannot start ", binary, ": ", ErrnoText(child_errno));
    if (child_errno == ENOENT) return absl::NotFoundError(message);
    return absl::FailedPreconditionError(message);
  }
  return pid;
}

}  // namespace internal

absl::StatusOr<std::unique_ptr<ServiceProcess>> ServiceProcess::Start(
    const std::string& binary, const std::vector<std::string>& args,
    absl::Duration ready_timeout) {
  std::string log_template = "/tmp/partnerhub-service-XXXXXX.log";
  int log_fd = mkstemps(log_template.data(), 4);
  if (log_fd < 0) {
    return absl::InternalError(
        absl::StrCat("cannot create a log file: ", ErrnoText(errno)));
  }
  fcntl(log_fd, F_SETFD, FD_CLOEXEC);
  std::unique_ptr<ServiceProcess> process(new ServiceProcess());
  process->log_path_ = log_template;

  internal::SpawnOptions options;
  options.stdout_fd = log_fd;
  options.stderr_fd = log_fd;
  absl::StatusOr<pid_t> pid = internal::Spawn(binary, args, options);
  close(log_fd);
  if (!pid.ok()) return pid.status();
  process->pid_ = *pid;

  const std::string command = DescribeCommand(binary, args);
  const absl::Time deadline = absl::Now() + ready_timeout;
  absl::Duration nap = absl::Milliseconds(2);
  while (true) {
    std::string log = process->LogText();
    if (FindServingAddress(log, &process->address_, &process->port_)) {
      return process;
    }
    if (HasExited(process->pid_)) {
      int code = process->Terminate(absl::ZeroDuration());
      return absl::FailedPreconditionError(
          absl::StrCat(command, " exited with status ", code,
                       " before logging \"serving on HOST:PORT\"; log tail:\n",
                       internal::Tail(process->LogText(), 40)));
    }
    if (absl::Now() >= deadline) {
      process->Kill();
      return absl::DeadlineExceededError(
          absl::StrCat(command, " did not log \"serving on HOST:PORT\" within ",
                       absl::FormatDuration(ready_timeout), "; log tail:\n",
                       internal::Tail(process->LogText(), 40)));
    }
    absl::SleepFor(nap);
    nap = std::min(nap * 2, absl::Milliseconds(50));
  }
}

ServiceProcess::~ServiceProcess() {
  Kill();
  if (!log_path_.empty()) unlink(log_path_.c_str());
}

bool ServiceProcess::WaitExit(absl::Duration timeout) {
  if (exited_) return true;
  if (!PollExit(pid_, timeout)) return false;
  exit_status_ = KillGroupAndReap(pid_);
  exited_ = true;
  return true;
}

int ServiceProcess::Terminate(absl::Duration grace) {
  if (exited_ || pid_ < 0) return exit_status_;
  if (!HasExited(pid_)) kill(pid_, SIGTERM);
  if (!WaitExit(grace)) {
    kill(-pid_, SIGKILL);
    kill(pid_, SIGKILL);
    WaitExit(absl::InfiniteDuration());
  }
  return exit_status_;
}

void ServiceProcess::Kill() {
  if (exited_ || pid_ < 0) return;
  kill(-pid_, SIGKILL);
  kill(pid_, SIGKILL);
  WaitExit(absl::InfiniteDuration());
}

bool ServiceProcess::Running() const {
  return !exited_ && pid_ >= 0 && !HasExited(pid_);
}

std::string ServiceProcess::LogText() const {
  return internal::ReadFileOrEmpty(log_path_);
}

absl::StatusOr<CommandResult> RunCommand(const std::string& binary,
                                         const std::vector<std::string>& args,
                                         absl::Duration timeout) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    return absl::InternalError(absl::StrCat("pipe2: ", ErrnoText(errno)));
  }
  internal::SpawnOptions options;
  options.stdout_fd = out[1];
  options.stderr_fd = out[1];
  absl::StatusOr<pid_t> spawned = internal::Spawn(binary, args, options);
  close(out[1]);
  if (!spawned.ok()) {
    close(out[0]);
    return spawned.status();
  }
  const pid_t pid = *spawned;

  CommandResult result{-1, ""};
  const absl::Time deadline = absl::Now() + timeout;
  bool eof = false;
  bool timed_out = false;
  char buf[8192];
  while (true) {
    // Stop reading at EOF, or once the child exited and the pipe is drained
    // (a grandchild may keep the pipe open).
    const bool exited = HasExited(pid);
    if (eof && exited) break;
    if (absl::Now() >= deadline) {
      timed_out = true;
      break;
    }
    if (eof) {
      absl::SleepFor(absl::Milliseconds(5));
      continue;
    }
    struct pollfd pfd = {out[0], POLLIN, 0};
    int ready = poll(&pfd, 1, exited ? 0 : 50);
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) {
      if (exited) break;  // exited and nothing left to read
      continue;
    }
    ssize_t n = read(out[0], buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      eof = true;
      continue;
    }
    result.output.append(buf, static_cast<size_t>(n));
  }
  close(out[0]);
  result.exit_code = KillGroupAndReap(pid);
  if (timed_out) {
    return absl::DeadlineExceededError(
        absl::StrCat(DescribeCommand(binary, args), " did not finish within ",
                     absl::FormatDuration(timeout), "; output tail:\n",
                     internal::Tail(result.output, 40)));
  }
  return result;
}

std::string BuildPath(absl::string_view relative) {
  const char* dir = std::getenv("PARTNERHUB_BUILD_DIR");
  std::string base = (dir != nullptr && *dir != '\0')
                         ? dir
                         : PARTNERHUB_HARNESS_DEFAULT_BUILD_DIR;
  while (!relative.empty() && relative.front() == '/')
    relative.remove_prefix(1);
  if (!base.empty() && base.back() == '/') base.pop_back();
  return absl::StrCat(base, "/", relative);
}

}  // namespace partnerhub::testing
