#include "services/customer_experience/src/domain/funnel_projector.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/domain/funnel.h"

namespace partnerhub::customer_experience {

absl::StatusOr<int64_t> FunnelProjector::Step(int max_events) {
  int64_t passed = 0;
  PH_RETURN_IF_ERROR(store_.Transact([&](CxTx& tx) -> absl::Status {
    passed = 0;
    const absl::Time now = clock_.Now();
    PH_ASSIGN_OR_RETURN(const int64_t position, tx.LockFunnelPosition());
    PH_ASSIGN_OR_RETURN(FeedTouchpoints read,
                        tx.TouchpointsAfter(position, max_events));
    if (read.last_position == position) return absl::OkStatus();
    if (!read.touchpoints.empty()) {
      std::vector<std::string> ids;
      ids.reserve(read.touchpoints.size());
      for (const Touchpoint& t : read.touchpoints) ids.push_back(t.customer_id);
      PH_ASSIGN_OR_RETURN(auto keys, tx.CustomerKeys(ids));
      std::vector<const Touchpoint*> touchpoints;
      touchpoints.reserve(read.touchpoints.size());
      for (Touchpoint& t : read.touchpoints) {
        auto key = keys.find(t.customer_id);
        if (key == keys.end()) {
          // Customers are never deleted; a recorded touchpoint's exists.
          return absl::DataLossError(
              absl::StrCat("the feed has a touchpoint of customers/",
                           t.customer_id, ", which does not exist"));
        }
        t.customer_key = key->second;
        touchpoints.push_back(&t);
      }
      PH_RETURN_IF_ERROR(MoveFunnel(tx, touchpoints, now));
    }
    PH_RETURN_IF_ERROR(tx.SetFunnelPosition(read.last_position, now));
    passed = read.last_position - position;
    return absl::OkStatus();
  }));
  return passed;
}

absl::StatusOr<int64_t> FunnelProjector::CatchUp(int max_events) {
  int64_t total = 0;
  while (true) {
    PH_ASSIGN_OR_RETURN(const int64_t passed, Step(max_events));
    if (passed == 0) return total;
    total += passed;
  }
}

FunnelProjectorLoop::FunnelProjectorLoop(FunnelProjector& projector,
                                         absl::Duration poll_interval,
                                         int max_events)
    : projector_(projector),
      poll_interval_(poll_interval),
      max_events_(max_events),
      thread_([this] { Run(); }) {}

FunnelProjectorLoop::~FunnelProjectorLoop() { Stop(); }

void FunnelProjectorLoop::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void FunnelProjectorLoop::Run() {
  while (true) {
    absl::Duration wait = absl::ZeroDuration();
    absl::StatusOr<int64_t> passed = projector_.Step(max_events_);
    if (!passed.ok()) {
      LogError("funnel projector: ", passed.status().ToString());
      wait = std::max(poll_interval_, absl::Seconds(1));
    } else if (*passed == 0) {
      wait = poll_interval_;
    }
    absl::MutexLock lock(&mu_);
    auto stopping = [this]()
                        ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stopping_; };
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping), wait)) return;
  }
}

}  // namespace partnerhub::customer_experience
