// CustomerExperienceHandler: customers, consent and personal data.
#include "common/grpc/handler_support.h"
#include "common/grpc/proto_convert.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/convert/convert.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/handler/customer_experience_handler.h"

namespace partnerhub::customer_experience {

grpc::Status CustomerExperienceHandler::CreateCustomer(
    Ctx*, const v1::CreateCustomerRequest* req, v1::Customer* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(Customer draft, FromProto(req->customer()));
    draft.customer_id = req->customer_id();
    PH_ASSIGN_OR_RETURN(
        Customer created,
        customers_.Create(MakeRequestKey(*req), std::move(draft),
                          req->consent_source()));
    *resp = ToProto(created, /*full=*/true, clock_.Now());
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::GetCustomer(
    Ctx*, const v1::GetCustomerRequest* req, v1::Customer* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::string id, ParseCustomerName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(Customer customer, customers_.Get(id));
    *resp = ToProto(customer, req->view() == v1::FULL, clock_.Now());
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::ListCustomers(
    Ctx*, const v1::ListCustomersRequest* req,
    v1::ListCustomersResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    ListRequest list = ToListRequest(*req, "");
    list.filter = req->filter();
    list.order_by = req->order_by();
    PH_ASSIGN_OR_RETURN(Page<Customer> page, customers_.List(list));
    const absl::Time now = clock_.Now();
    for (const Customer& c : page.items) {
      *resp->add_customers() = ToProto(c, req->view() == v1::FULL, now);
    }
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::UpdateCustomer(
    Ctx*, const v1::UpdateCustomerRequest* req, v1::Customer* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(
        std::string id,
        ParseCustomerName(req->customer().name(), "customer.name"));
    PH_ASSIGN_OR_RETURN(Customer patch, FromProto(req->customer()));
    PH_ASSIGN_OR_RETURN(
        Customer updated,
        customers_.Update(id, patch, MaskPaths(req->update_mask()),
                          req->customer().etag()));
    *resp = ToProto(updated, /*full=*/true, clock_.Now());
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::SetMarketingConsent(
    Ctx*, const v1::SetMarketingConsentRequest* req, v1::Customer* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::string id, ParseCustomerName(req->name(), "name"));
    if (req->state() == v1::MarketingConsent::STATE_UNSPECIFIED ||
        !v1::MarketingConsent::State_IsValid(req->state())) {
      return InvalidField("state", "is required (GRANTED or REVOKED)");
    }
    std::optional<absl::Time> when;
    if (req->has_change_time()) {
      PH_ASSIGN_OR_RETURN(when,
                          FromProtoTime("change_time", req->change_time()));
    }
    PH_ASSIGN_OR_RETURN(
        Customer customer,
        customers_.SetConsent(id, static_cast<ConsentState>(req->state()),
                              req->source(), when, req->etag()));
    *resp = ToProto(customer, /*full=*/false, clock_.Now());
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::ListConsentChanges(
    Ctx*, const v1::ListConsentChangesRequest* req,
    v1::ListConsentChangesResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::string id,
                        ParseCustomerName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(
        Page<ConsentChange> page,
        customers_.ListConsentChanges(id, ToListRequest(*req, req->parent())));
    for (const ConsentChange& c : page.items)
      *resp->add_consent_changes() = ToProto(c);
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::ErasePersonalData(
    Ctx*, const v1::ErasePersonalDataRequest* req, v1::Customer* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::string id, ParseCustomerName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(Customer customer,
                        customers_.ErasePersonalData(id, req->etag()));
    *resp = ToProto(customer, /*full=*/true, clock_.Now());
    return absl::OkStatus();
  });
}

}  // namespace partnerhub::customer_experience
