// Waiting in tests for a condition, never for a fixed time.
#ifndef PARTNERHUB_TESTS_HARNESS_WAIT_H_
#define PARTNERHUB_TESTS_HARNESS_WAIT_H_

#include <functional>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace partnerhub::testing {

// Polls `condition` every `poll` until it holds (true) or `timeout` passes
// (false, after one last look).
inline bool WaitUntil(const std::function<bool()>& condition,
                      absl::Duration timeout = absl::Seconds(10),
                      absl::Duration poll = absl::Milliseconds(10)) {
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (condition()) return true;
    absl::SleepFor(poll);
  }
  return condition();
}

}  // namespace partnerhub::testing

#endif  // PARTNERHUB_TESTS_HARNESS_WAIT_H_
