// PartnerRegistryHandler: partners and their state changes.
#include "common/grpc/handler_support.h"
#include "common/grpc/proto_convert.h"
#include "common/status/status_macros.h"
#include "services/partner_registry/src/convert/convert.h"
#include "services/partner_registry/src/domain/resource_names.h"
#include "services/partner_registry/src/handler/partner_registry_handler.h"

namespace partnerhub::partner_registry {

grpc::Status PartnerRegistryHandler::CreatePartner(
    Ctx*, const v1::CreatePartnerRequest* req, v1::Partner* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(Partner draft, FromProto(req->partner(), AllFields));
    PH_ASSIGN_OR_RETURN(Partner created, partners_.Create(MakeRequestKey(*req),
                                                          std::move(draft)));
    *resp = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::GetPartner(
    Ctx*, const v1::GetPartnerRequest* req, v1::Partner* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t id, ParsePartnerName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(Partner partner, partners_.Get(id));
    *resp = ToProto(partner);
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::ListPartners(
    Ctx*, const v1::ListPartnersRequest* req, v1::ListPartnersResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    ListRequest list = ToListRequest(*req, "");
    list.filter = req->filter();
    list.order_by = req->order_by();
    PH_ASSIGN_OR_RETURN(Page<Partner> page, partners_.List(list));
    for (const Partner& p : page.items) *resp->add_partners() = ToProto(p);
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::UpdatePartner(
    Ctx*, const v1::UpdatePartnerRequest* req, v1::Partner* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(
        int64_t id, ParsePartnerName(req->partner().name(), "partner.name"));
    PH_ASSIGN_OR_RETURN(
        Partner patch,
        FromProto(req->partner(), MaskedFields(req->update_mask())));
    PH_ASSIGN_OR_RETURN(
        Partner updated,
        partners_.Update(id, patch, MaskPaths(req->update_mask()),
                         req->partner().etag()));
    *resp = ToProto(updated);
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::DeletePartner(
    Ctx*, const v1::DeletePartnerRequest* req, Empty*) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t id, ParsePartnerName(req->name(), "name"));
    return partners_.Delete(id, req->etag());
  });
}

grpc::Status PartnerRegistryHandler::TransitionPartner(
    Ctx*, const v1::TransitionPartnerRequest* req, v1::Partner* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t id, ParsePartnerName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(PartnerState to, StateFromProto("state", req->state()));
    PH_ASSIGN_OR_RETURN(
        Partner partner,
        partners_.Transition(id, to, req->reason(), req->etag()));
    *resp = ToProto(partner);
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::ListPartnerStateChanges(
    Ctx*, const v1::ListPartnerStateChangesRequest* req,
    v1::ListPartnerStateChangesResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t id, ParsePartnerName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(
        Page<PartnerStateChange> page,
        partners_.ListStateChanges(id, ToListRequest(*req, req->parent())));
    for (const PartnerStateChange& c : page.items) {
      *resp->add_state_changes() = ToProto(c);
    }
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

}  // namespace partnerhub::partner_registry
