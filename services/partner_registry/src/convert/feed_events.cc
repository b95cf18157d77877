#include "services/partner_registry/src/convert/feed_events.h"

#include <variant>

#include "common/grpc/proto_convert.h"
#include "services/partner_registry/src/convert/convert.h"

namespace partnerhub::partner_registry {
namespace {

namespace ev = ::partnerhub::events::v1;

// Each kind of change as the feed's enum value (the same numbers).
ev::PartnerChanged::Change ChangeToProto(PartnerChanged::Change change) {
  switch (change) {
    case PartnerChanged::Change::kCreated:
      return ev::PartnerChanged::CREATED;
    case PartnerChanged::Change::kUpdated:
      return ev::PartnerChanged::UPDATED;
    case PartnerChanged::Change::kStateChanged:
      return ev::PartnerChanged::STATE_CHANGED;
    case PartnerChanged::Change::kDeleted:
      return ev::PartnerChanged::DELETED;
  }
  return ev::PartnerChanged::CHANGE_UNSPECIFIED;
}

ev::AgreementChanged::Change ChangeToProto(AgreementChanged::Change change) {
  switch (change) {
    case AgreementChanged::Change::kCreated:
      return ev::AgreementChanged::CREATED;
    case AgreementChanged::Change::kUpdated:
      return ev::AgreementChanged::UPDATED;
    case AgreementChanged::Change::kSigned:
      return ev::AgreementChanged::SIGNED;
    case AgreementChanged::Change::kTerminated:
      return ev::AgreementChanged::TERMINATED;
    case AgreementChanged::Change::kDeleted:
      return ev::AgreementChanged::DELETED;
  }
  return ev::AgreementChanged::CHANGE_UNSPECIFIED;
}

ev::SalesActivityChanged::Change ChangeToProto(
    SalesActivityChanged::Change change) {
  switch (change) {
    case SalesActivityChanged::Change::kCreated:
      return ev::SalesActivityChanged::CREATED;
    case SalesActivityChanged::Change::kUpdated:
      return ev::SalesActivityChanged::UPDATED;
    case SalesActivityChanged::Change::kDeleted:
      return ev::SalesActivityChanged::DELETED;
  }
  return ev::SalesActivityChanged::CHANGE_UNSPECIFIED;
}

// Sets the payload of `out` from each kind of domain event.
struct PayloadSetter {
  ev::Event& out;

  void operator()(const PartnerChanged& e) const {
    ev::PartnerChanged* payload = out.mutable_partner_changed();
    payload->set_change(ChangeToProto(e.change));
    *payload->mutable_partner() = ToProto(e.partner);
  }
  void operator()(const AgreementChanged& e) const {
    ev::AgreementChanged* payload = out.mutable_agreement_changed();
    payload->set_change(ChangeToProto(e.change));
    *payload->mutable_agreement() = ToProto(e.agreement, e.in_force);
  }
  void operator()(const SalesActivityChanged& e) const {
    ev::SalesActivityChanged* payload = out.mutable_sales_activity_changed();
    payload->set_change(ChangeToProto(e.change));
    *payload->mutable_sales_activity() = ToProto(e.sales_activity);
  }
};

ev::Event ToFeedEvent(const DomainEvent& event) {
  ev::Event out;
  *out.mutable_event_time() = ToProtoTime(event.time);
  std::visit(PayloadSetter{out}, event.payload);
  return out;
}

}  // namespace

void AppendFeedEvents(const DomainEvent& event, std::vector<ev::Event>& out) {
  out.push_back(ToFeedEvent(event));
}

}  // namespace partnerhub::partner_registry
