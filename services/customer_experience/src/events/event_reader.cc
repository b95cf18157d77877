#include "services/customer_experience/src/events/event_reader.h"

#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/handler/convert.h"

namespace partnerhub::customer_experience {

absl::Status AppendFunnelTouchpoints(const events::v1::Event& event,
                                     std::vector<Touchpoint>& out) {
  if (!event.has_touchpoints_recorded()) return absl::OkStatus();
  const auto& touchpoints = event.touchpoints_recorded().touchpoints();
  for (int i = 0; i < touchpoints.size(); ++i) {
    if (touchpoints[i].type() ==
        partnerhub::customer_experience::v1::Touchpoint::REFUND) {
      continue;
    }
    PH_ASSIGN_OR_RETURN(
        Touchpoint t,
        FromProto(touchpoints[i],
                  absl::StrCat("touchpoints_recorded.touchpoints[", i, "]")));
    out.push_back(std::move(t));
  }
  return absl::OkStatus();
}

}  // namespace partnerhub::customer_experience
