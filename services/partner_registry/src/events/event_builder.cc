#include "services/partner_registry/src/events/event_builder.h"

#include "common/grpc/proto_convert.h"
#include "services/partner_registry/src/domain/rules.h"
#include "services/partner_registry/src/handler/convert.h"

namespace partnerhub::partner_registry {
namespace {

ev::Event At(absl::Time now) {
  ev::Event event;
  *event.mutable_event_time() = ToProtoTime(now);
  return event;
}

}  // namespace

ev::Event PartnerEvent(ev::PartnerChanged::Change change,
                       const Partner& partner, absl::Time now) {
  ev::Event event = At(now);
  ev::PartnerChanged* payload = event.mutable_partner_changed();
  payload->set_change(change);
  *payload->mutable_partner() = ToProto(partner);
  return event;
}

ev::Event AgreementEvent(ev::AgreementChanged::Change change,
                         const Agreement& agreement, absl::Time now) {
  ev::Event event = At(now);
  ev::AgreementChanged* payload = event.mutable_agreement_changed();
  payload->set_change(change);
  *payload->mutable_agreement() =
      ToProto(agreement, InForce(agreement, BusinessDay(now)));
  return event;
}

ev::Event SalesActivityEvent(ev::SalesActivityChanged::Change change,
                             const SalesActivity& activity, absl::Time now) {
  ev::Event event = At(now);
  ev::SalesActivityChanged* payload = event.mutable_sales_activity_changed();
  payload->set_change(change);
  *payload->mutable_sales_activity() = ToProto(activity);
  return event;
}

}  // namespace partnerhub::partner_registry
