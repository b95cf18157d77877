// Use cases on touchpoints and the funnel: recording one, a batch or a
// stream of events; the journey; funnel progress and counts.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_TOUCHPOINTS_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_TOUCHPOINTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/api/list_request.h"
#include "common/time/clock.h"
#include "services/customer_experience/src/domain/funnel.h"
#include "services/customer_experience/src/domain/store.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience {

class Touchpoints {
 public:
  // `funnel_max_lag`: see CheckFunnelLag (funnel.h).
  Touchpoints(CxStore& store, const Clock& clock,
              int64_t funnel_max_lag = kDefaultFunnelMaxLag)
      : store_(store), clock_(clock), funnel_max_lag_(funnel_max_lag) {}

  // Records one event; a duplicate returns the touchpoint stored first.
  // Record and RecordBatch refuse to record anything (RESOURCE_EXHAUSTED)
  // while the funnel projector is funnel_max_lag events behind.
  absl::StatusOr<Touchpoint> Record(Touchpoint touchpoint);

  // Records a batch in one transaction. events[i] is the event, or why the
  // handler could not read it; `field` names the list in errors
  // ("touchpoints"), `first_index` is the index of events[0] there. Returns
  // one outcome per event. Fails as a whole, recording nothing, only when
  // storage fails or the funnel projector is too far behind.
  absl::StatusOr<std::vector<TouchpointOutcome>> RecordBatch(
      std::vector<absl::StatusOr<Touchpoint>> events, const std::string& field,
      int64_t first_index);

  absl::StatusOr<Touchpoint> Get(const std::string& customer_id,
                                 const std::string& event_id);
  absl::StatusOr<Page<Touchpoint>> ListJourney(const std::string& customer_id,
                                               const ListRequest& request);

  absl::StatusOr<CustomerFunnel> GetFunnel(const std::string& customer_id);
  absl::StatusOr<FunnelCounts> CountFunnel(int64_t partner_id,
                                           int64_t campaign_id,
                                           absl::Time start, absl::Time end);

 private:
  CxStore& store_;
  const Clock& clock_;
  const int64_t funnel_max_lag_;
};

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_DOMAIN_TOUCHPOINTS_H_
