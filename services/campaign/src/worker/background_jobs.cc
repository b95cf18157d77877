#include "services/campaign/src/worker/background_jobs.h"

#include "absl/time/clock.h"

namespace partnerhub::campaign {

BackgroundJobs::BackgroundJobs(Issuing& issuing, Campaigns& campaigns,
                               absl::Duration interval)
    : issuing_(issuing), campaigns_(campaigns), interval_(interval) {
  issuing_.SetWakeup([this] { Wake(); });
  thread_ = std::thread([this] { Run(); });
}

BackgroundJobs::~BackgroundJobs() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  thread_.join();
  issuing_.SetWakeup(nullptr);
}

void BackgroundJobs::Wake() {
  absl::MutexLock lock(&mu_);
  woken_ = true;
}

void BackgroundJobs::Run() {
  absl::Time next_sweep = absl::InfinitePast();
  bool more = true;  // resume jobs left RUNNING by a previous process
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (!more) {
        mu_.AwaitWithTimeout(absl::Condition(this, &BackgroundJobs::Ready),
                             interval_);
      }
      if (stop_) return;
      woken_ = false;
    }
    more = issuing_.RunPending(absl::Seconds(1));
    if (absl::Now() >= next_sweep) {
      campaigns_.Sweep();
      next_sweep = absl::Now() + interval_;
    }
  }
}

}  // namespace partnerhub::campaign
