// PartnerRegistryHandler: contacts, agreements and sales activities.
#include "common/grpc/handler_support.h"
#include "common/grpc/proto_convert.h"
#include "common/status/status_macros.h"
#include "services/partner_registry/src/convert/convert.h"
#include "services/partner_registry/src/domain/resource_names.h"
#include "services/partner_registry/src/handler/partner_registry_handler.h"

namespace partnerhub::partner_registry {

// Contacts.

grpc::Status PartnerRegistryHandler::CreateContact(
    Ctx*, const v1::CreateContactRequest* req, v1::Contact* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t partner_id,
                        ParsePartnerName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(Contact draft, FromProto(req->contact(), AllFields));
    PH_ASSIGN_OR_RETURN(
        Contact created,
        contacts_.Create(MakeRequestKey(*req), partner_id, std::move(draft)));
    *resp = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::GetContact(
    Ctx*, const v1::GetContactRequest* req, v1::Contact* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(ChildId id, ParseContactName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(Contact contact, contacts_.Get(id.partner_id, id.id));
    *resp = ToProto(contact);
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::ListContacts(
    Ctx*, const v1::ListContactsRequest* req, v1::ListContactsResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t partner_id,
                        ParsePartnerName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(
        Page<Contact> page,
        contacts_.List(partner_id, ToListRequest(*req, req->parent())));
    for (const Contact& c : page.items) *resp->add_contacts() = ToProto(c);
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::UpdateContact(
    Ctx*, const v1::UpdateContactRequest* req, v1::Contact* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(
        ChildId id, ParseContactName(req->contact().name(), "contact.name"));
    PH_ASSIGN_OR_RETURN(
        Contact patch,
        FromProto(req->contact(), MaskedFields(req->update_mask())));
    PH_ASSIGN_OR_RETURN(
        Contact updated,
        contacts_.Update(id.partner_id, id.id, patch,
                         MaskPaths(req->update_mask()), req->contact().etag()));
    *resp = ToProto(updated);
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::DeleteContact(
    Ctx*, const v1::DeleteContactRequest* req, Empty*) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(ChildId id, ParseContactName(req->name(), "name"));
    return contacts_.Delete(id.partner_id, id.id, req->etag());
  });
}

// Agreements.

grpc::Status PartnerRegistryHandler::CreateAgreement(
    Ctx*, const v1::CreateAgreementRequest* req, v1::Agreement* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t partner_id,
                        ParsePartnerName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(Agreement draft,
                        FromProto(req->agreement(), AllFields));
    PH_ASSIGN_OR_RETURN(
        Agreement created,
        agreements_.Create(MakeRequestKey(*req), partner_id, std::move(draft)));
    *resp = ToProto(created, agreements_.InForceNow(created));
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::GetAgreement(
    Ctx*, const v1::GetAgreementRequest* req, v1::Agreement* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(ChildId id, ParseAgreementName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(Agreement agreement,
                        agreements_.Get(id.partner_id, id.id));
    *resp = ToProto(agreement, agreements_.InForceNow(agreement));
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::ListAgreements(
    Ctx*, const v1::ListAgreementsRequest* req,
    v1::ListAgreementsResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t partner_id,
                        ParsePartnerName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(
        Page<Agreement> page,
        agreements_.List(partner_id, ToListRequest(*req, req->parent())));
    for (const Agreement& a : page.items) {
      *resp->add_agreements() = ToProto(a, agreements_.InForceNow(a));
    }
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::UpdateAgreement(
    Ctx*, const v1::UpdateAgreementRequest* req, v1::Agreement* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(ChildId id, ParseAgreementName(req->agreement().name(),
                                                       "agreement.name"));
    PH_ASSIGN_OR_RETURN(
        Agreement patch,
        FromProto(req->agreement(), MaskedFields(req->update_mask())));
    PH_ASSIGN_OR_RETURN(Agreement updated,
                        agreements_.Update(id.partner_id, id.id, patch,
                                           MaskPaths(req->update_mask()),
                                           req->agreement().etag()));
    *resp = ToProto(updated, agreements_.InForceNow(updated));
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::DeleteAgreement(
    Ctx*, const v1::DeleteAgreementRequest* req, Empty*) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(ChildId id, ParseAgreementName(req->name(), "name"));
    return agreements_.Delete(id.partner_id, id.id, req->etag());
  });
}

grpc::Status PartnerRegistryHandler::SignAgreement(
    Ctx*, const v1::SignAgreementRequest* req, v1::Agreement* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(ChildId id, ParseAgreementName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(Agreement signed_agreement,
                        agreements_.Sign(id.partner_id, id.id, req->etag()));
    *resp = ToProto(signed_agreement, agreements_.InForceNow(signed_agreement));
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::TerminateAgreement(
    Ctx*, const v1::TerminateAgreementRequest* req, v1::Agreement* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(ChildId id, ParseAgreementName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(Agreement terminated,
                        agreements_.Terminate(id.partner_id, id.id,
                                              req->reason(), req->etag()));
    *resp = ToProto(terminated, false);
    return absl::OkStatus();
  });
}

// Sales activities.

grpc::Status PartnerRegistryHandler::CreateSalesActivity(
    Ctx*, const v1::CreateSalesActivityRequest* req, v1::SalesActivity* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t partner_id,
                        ParsePartnerName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(SalesActivity draft, FromProto(req->sales_activity(),
                                                       partner_id, AllFields));
    PH_ASSIGN_OR_RETURN(SalesActivity created,
                        sales_activities_.Create(MakeRequestKey(*req),
                                                 partner_id, std::move(draft)));
    *resp = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::GetSalesActivity(
    Ctx*, const v1::GetSalesActivityRequest* req, v1::SalesActivity* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(ChildId id,
                        ParseSalesActivityName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(SalesActivity activity,
                        sales_activities_.Get(id.partner_id, id.id));
    *resp = ToProto(activity);
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::ListSalesActivities(
    Ctx*, const v1::ListSalesActivitiesRequest* req,
    v1::ListSalesActivitiesResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t partner_id,
                        ParsePartnerName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(
        Page<SalesActivity> page,
        sales_activities_.List(partner_id, ToListRequest(*req, req->parent())));
    for (const SalesActivity& s : page.items) {
      *resp->add_sales_activities() = ToProto(s);
    }
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::UpdateSalesActivity(
    Ctx*, const v1::UpdateSalesActivityRequest* req, v1::SalesActivity* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(ChildId id,
                        ParseSalesActivityName(req->sales_activity().name(),
                                               "sales_activity.name"));
    PH_ASSIGN_OR_RETURN(SalesActivity patch,
                        FromProto(req->sales_activity(), id.partner_id,
                                  MaskedFields(req->update_mask())));
    PH_ASSIGN_OR_RETURN(SalesActivity updated,
                        sales_activities_.Update(id.partner_id, id.id, patch,
                                                 MaskPaths(req->update_mask()),
                                                 req->sales_activity().etag()));
    *resp = ToProto(updated);
    return absl::OkStatus();
  });
}

grpc::Status PartnerRegistryHandler::DeleteSalesActivity(
    Ctx*, const v1::DeleteSalesActivityRequest* req, Empty*) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(ChildId id,
                        ParseSalesActivityName(req->name(), "name"));
    return sales_activities_.Delete(id.partner_id, id.id, req->etag());
  });
}

}  // namespace partnerhub::partner_registry
