#include "common/server/termination_signals.h"

#include <pthread.h>
#include <signal.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/log/log.h"

namespace partnerhub {
namespace {

sigset_t TerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

void BlockTerminationSignals() {
  const sigset_t set = TerminationSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForTerminationSignal() {
  const sigset_t set = TerminationSignals();
  int signal = 0;
  const int error = sigwait(&set, &signal);
  return error == 0 ? signal : -1;
}

TerminationWatcher::TerminationWatcher(std::string name)
    : name_(std::move(name)), thread_([this] { Watch(); }) {}

TerminationWatcher::~TerminationWatcher() {
  done_ = true;
  thread_.join();
}

void TerminationWatcher::Watch() {
  const sigset_t set = TerminationSignals();
  // A short timeout, so that the destructor is not kept waiting.
  const timespec timeout = {0, 100 * 1000 * 1000};
  while (!done_.load()) {
    const int signal = sigtimedwait(&set, nullptr, &timeout);
    if (signal == SIGTERM || signal == SIGINT) {
      LogInfo(name_, " received ", signal == SIGTERM ? "SIGTERM" : "SIGINT",
              ", stopping");
      requested_ = true;
      return;
    }
  }
}

absl::Status RunUntilTerminated(Server& server,
                                const std::function<void()>& on_signal) {
  const int signal = WaitForTerminationSignal();
  if (signal < 0) {
    server.Shutdown();
    return absl::InternalError("sigwait failed");
  }
  LogInfo(server.name(), " received ", signal == SIGTERM ? "SIGTERM" : "SIGINT",
          ", shutting down");
  const absl::Time start = absl::Now();
  if (on_signal) on_signal();
  server.Shutdown();
  LogInfo(server.name(), " drained in ",
          absl::FormatDuration(absl::Now() - start));
  return absl::OkStatus();
}

}  // namespace partnerhub
