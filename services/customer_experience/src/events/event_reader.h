// Reading this service's own feed events back into the domain, for the
// funnel projector (domain/funnel_projector.h).
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_EVENTS_EVENT_READER_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_EVENTS_EVENT_READER_H_

#include <vector>

#include "absl/status/status.h"
#include "partnerhub/events/v1/events.pb.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience {

// Appends the touchpoints of a TouchpointsRecorded event that count toward
// a funnel stage (REFUND counts toward none) to `out`, customer_key not
// set; other events append nothing. An error names what does not convert.
absl::Status AppendFunnelTouchpoints(const events::v1::Event& event,
                                     std::vector<Touchpoint>& out);

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_EVENTS_EVENT_READER_H_
