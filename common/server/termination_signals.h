// Graceful stop on SIGTERM (Kubernetes, systemd) and SIGINT (Ctrl-C).
// Signals are taken synchronously with sigwait by one thread, instead of by
// a handler that may run on any thread and may call almost nothing.
#ifndef PARTNERHUB_COMMON_SERVER_TERMINATION_SIGNALS_H_
#define PARTNERHUB_COMMON_SERVER_TERMINATION_SIGNALS_H_

#include <functional>

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

// Waits for SIGTERM or SIGINT, then calls `on_signal` (if any) and shuts
// `server` down gracefully (see Server::Shutdown). Logs the signal and
// "<name> drained".
absl::Status RunUntilTerminated(Server& server,
                                const std::function<void()>& on_signal = {});

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_SERVER_TERMINATION_SIGNALS_H_
