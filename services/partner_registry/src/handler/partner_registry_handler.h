// The PartnerRegistry gRPC service: converts requests to domain calls and
// results back, nothing else.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_HANDLER_PARTNER_REGISTRY_HANDLER_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_HANDLER_PARTNER_REGISTRY_HANDLER_H_

#include "partnerhub/partner_registry/v1/partner_registry.grpc.pb.h"
#include "services/partner_registry/src/domain/agreements.h"
#include "services/partner_registry/src/domain/contacts.h"
#include "services/partner_registry/src/domain/partners.h"
#include "services/partner_registry/src/domain/sales_activities.h"

namespace partnerhub::partner_registry {

namespace v1 = ::partnerhub::partner_registry::v1;

class PartnerRegistryHandler final
    : public v1::PartnerRegistryService::Service {
 public:
  // ErrorInfo.domain of this service's errors.
  static constexpr absl::string_view kErrorDomain =
      "partner-registry.partnerhub";

  PartnerRegistryHandler(PartnerStore& store, const Clock& clock)
      : partners_(store, clock),
        contacts_(store, clock),
        agreements_(store, clock),
        sales_activities_(store, clock) {}

  using Ctx = grpc::ServerContext;
  using Empty = google::protobuf::Empty;

  grpc::Status CreatePartner(Ctx*, const v1::CreatePartnerRequest*,
                             v1::Partner*) override;
  grpc::Status GetPartner(Ctx*, const v1::GetPartnerRequest*,
                          v1::Partner*) override;
  grpc::Status ListPartners(Ctx*, const v1::ListPartnersRequest*,
                            v1::ListPartnersResponse*) override;
  grpc::Status UpdatePartner(Ctx*, const v1::UpdatePartnerRequest*,
                             v1::Partner*) override;
  grpc::Status DeletePartner(Ctx*, const v1::DeletePartnerRequest*,
                             Empty*) override;
  grpc::Status TransitionPartner(Ctx*, const v1::TransitionPartnerRequest*,
                                 v1::Partner*) override;
  grpc::Status ListPartnerStateChanges(
      Ctx*, const v1::ListPartnerStateChangesRequest*,
      v1::ListPartnerStateChangesResponse*) override;

  grpc::Status CreateContact(Ctx*, const v1::CreateContactRequest*,
                             v1::Contact*) override;
  grpc::Status GetContact(Ctx*, const v1::GetContactRequest*,
                          v1::Contact*) override;
  grpc::Status ListContacts(Ctx*, const v1::ListContactsRequest*,
                            v1::ListContactsResponse*) override;
  grpc::Status UpdateContact(Ctx*, const v1::UpdateContactRequest*,
                             v1::Contact*) override;
  grpc::Status DeleteContact(Ctx*, const v1::DeleteContactRequest*,
                             Empty*) override;

  grpc::Status CreateAgreement(Ctx*, const v1::CreateAgreementRequest*,
                               v1::Agreement*) override;
  grpc::Status GetAgreement(Ctx*, const v1::GetAgreementRequest*,
                            v1::Agreement*) override;
  grpc::Status ListAgreements(Ctx*, const v1::ListAgreementsRequest*,
                              v1::ListAgreementsResponse*) override;
  grpc::Status UpdateAgreement(Ctx*, const v1::UpdateAgreementRequest*,
                               v1::Agreement*) override;
  grpc::Status DeleteAgreement(Ctx*, const v1::DeleteAgreementRequest*,
                               Empty*) override;
  grpc::Status SignAgreement(Ctx*, const v1::SignAgreementRequest*,
                             v1::Agreement*) override;
  grpc::Status TerminateAgreement(Ctx*, const v1::TerminateAgreementRequest*,
                                  v1::Agreement*) override;

  grpc::Status CreateSalesActivity(Ctx*, const v1::CreateSalesActivityRequest*,
                                   v1::SalesActivity*) override;
  grpc::Status GetSalesActivity(Ctx*, const v1::GetSalesActivityRequest*,
                                v1::SalesActivity*) override;
  grpc::Status ListSalesActivities(Ctx*, const v1::ListSalesActivitiesRequest*,
                                   v1::ListSalesActivitiesResponse*) override;
  grpc::Status UpdateSalesActivity(Ctx*, const v1::UpdateSalesActivityRequest*,
                                   v1::SalesActivity*) override;
  grpc::Status DeleteSalesActivity(Ctx*, const v1::DeleteSalesActivityRequest*,
                                   Empty*) override;

 private:
  Partners partners_;
  Contacts contacts_;
  Agreements agreements_;
  SalesActivities sales_activities_;
};

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_HANDLER_PARTNER_REGISTRY_HANDLER_H_
