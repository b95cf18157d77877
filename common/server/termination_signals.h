// Graceful stop on SIGTERM (Kubernetes, systemd) and SIGINT (Ctrl-C).
// Signals are taken synchronously with sigwait by one thread, instead of by
// a handler that may run on any thread and may call almost nothing.
#ifndef PARTNERHUB_COMMON_SERVER_TERMINATION_SIGNALS_H_
#define PARTNERHUB_COMMON_SERVER_TERMINATION_SIGNALS_H_

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "common/server/server.h"

namespace partnerhub {

// Blocks SIGTERM and SIGINT in the calling thread. Call it first in main(),
// before any thread starts, so every thread inherits the mask and the
// signals wait for WaitForTerminationSignal().
void BlockTerminationSignals();

// Waits until SIGTERM or SIGINT arrives; returns the signal number, or -1
// if sigwait fails.
int WaitForTerminationSignal();

// For work that runs to an end of its own but should stop early on SIGTERM
// or SIGINT (e.g. `migrate`): while it exists, a thread of its own takes
// those signals (blocked by BlockTerminationSignals) and remembers that one
// came. The work asks requested() at points where it can stop cleanly.
class TerminationWatcher {
 public:
  // `name` for the log line ("<name> received SIGTERM, stopping").
  explicit TerminationWatcher(std::string name);
  TerminationWatcher(const TerminationWatcher&) = delete;
  TerminationWatcher& operator=(const TerminationWatcher&) = delete;
  // Stops watching (within 100 ms); a later signal stays pending.
  ~TerminationWatcher();

  // Whether SIGTERM or SIGINT arrived. Thread-safe.
  bool requested() const { return requested_.load(); }

 private:
  void Watch();

  const std::string name_;
  std::atomic<bool> requested_{false};
  std::atomic<bool> done_{false};
  std::thread thread_;
};

// Waits for SIGTERM or SIGINT, then calls `on_signal` (if any) and shuts
// `server` down gracefully (see Server::Shutdown). Logs the signal and
// "<name> drained".
absl::Status RunUntilTerminated(Server& server,
                                const std::function<void()>& on_signal = {});

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_SERVER_TERMINATION_SIGNALS_H_
