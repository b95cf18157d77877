// The funnel projector: moves the stored funnel (overall and per partner)
// with the touchpoints this service has recorded, off the recording path.
// It follows the service's own feed from its place (a feed_consumers row,
// so pruning never passes it): each step reads the next TouchpointsRecorded
// events, merges their touchpoints into the funnel, publishes the first
// reaches (FunnelStagesReached) and moves its place, in one transaction, so
// every touchpoint moves the funnel exactly once. Steps of replicas
// serialize on the place's row lock. What reads the stored funnel
// (a customer's funnel_stage, segments on stage) trails recording by the
// projector's lag; GetFunnel derives from the touchpoints and does not.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_FUNNEL_PROJECTOR_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_FUNNEL_PROJECTOR_H_

#include <cstdint>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/time/clock.h"
#include "services/customer_experience/src/domain/store.h"

namespace partnerhub::customer_experience {

class FunnelProjector {
 public:
  FunnelProjector(CxStore& store, const Clock& clock)
      : store_(store), clock_(clock) {}

  // One step over at most `max_events` feed events (each TouchpointsRecorded
  // holds up to 1,000 touchpoints). Returns how many events it passed; 0
  // when it is at the head.
  absl::StatusOr<int64_t> Step(int max_events);

  // Steps until the head; returns the events passed. For tests and tools.
  absl::StatusOr<int64_t> CatchUp(int max_events = 20);

 private:
  CxStore& store_;
  const Clock& clock_;
};

// Runs a projector's steps on a thread of its own: steps while there is
// work, waits `poll_interval` at the head, and `poll_interval` (at least a
// second) after a failed step, which it logs.
class FunnelProjectorLoop {
 public:
  FunnelProjectorLoop(FunnelProjector& projector, absl::Duration poll_interval,
                      int max_events);
  // Stops after the step under way, if any.
  ~FunnelProjectorLoop();
  void Stop();

 private:
  void Run();

  FunnelProjector& projector_;
  const absl::Duration poll_interval_;
  const int max_events_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_FUNNEL_PROJECTOR_H_
