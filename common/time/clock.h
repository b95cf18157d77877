// Time as a collaborator, so domain rules can be tested at any instant.
#ifndef PARTNERHUB_COMMON_TIME_CLOCK_H_
#define PARTNERHUB_COMMON_TIME_CLOCK_H_

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace partnerhub {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

// The wall clock.
class SystemClock final : public Clock {
 public:
  absl::Time Now() const override;
};

// A clock that moves only when told; for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(absl::Time now) : now_(now) {}
  absl::Time Now() const override;
  void Set(absl::Time now);
  void Advance(absl::Duration d);

 private:
  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
};

}  // namespace partnerhub

#endif  // PARTNERHUB_COMMON_TIME_CLOCK_H_
