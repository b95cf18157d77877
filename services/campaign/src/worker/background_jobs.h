// The service's background thread: runs code issuance jobs (woken when one
// is created, and periodically to resume jobs after a restart) and sweeps
// the campaign lifecycle (start SCHEDULED campaigns whose time has come, end
// those past their end_time).
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_WORKER_BACKGROUND_JOBS_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_WORKER_BACKGROUND_JOBS_H_

#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/campaign/src/domain/campaigns.h"
#include "services/campaign/src/domain/issuing.h"

namespace partnerhub::campaign {

class BackgroundJobs {
 public:
  // Sets itself as `issuing`'s wakeup; starts the thread.
  BackgroundJobs(Issuing& issuing, Campaigns& campaigns,
                 absl::Duration interval);
  // Stops and joins the thread (a chunk in progress finishes first).
  ~BackgroundJobs();
  BackgroundJobs(const BackgroundJobs&) = delete;
  BackgroundJobs& operator=(const BackgroundJobs&) = delete;

  // Runs the jobs now rather than at the next interval.
  void Wake();

 private:
  void Run();
  bool Ready() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return stop_ || woken_;
  }

  Issuing& issuing_;
  Campaigns& campaigns_;
  const absl::Duration interval_;
  absl::Mutex mu_;
  bool woken_ ABSL_GUARDED_BY(mu_) = false;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_WORKER_BACKGROUND_JOBS_H_
