// The CustomerExperience gRPC service: converts requests to domain calls and
// results back, nothing else.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_HANDLER_CUSTOMER_EXPERIENCE_HANDLER_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_HANDLER_CUSTOMER_EXPERIENCE_HANDLER_H_

#include "partnerhub/customer_experience/v1/customer_experience.grpc.pb.h"
#include "services/customer_experience/src/domain/customers.h"
#include "services/customer_experience/src/domain/purchases.h"
#include "services/customer_experience/src/domain/segments.h"
#include "services/customer_experience/src/domain/touchpoints.h"

namespace partnerhub::customer_experience {

namespace v1 = ::partnerhub::customer_experience::v1;

class CustomerExperienceHandler final
    : public v1::CustomerExperienceService::Service {
 public:
  // ErrorInfo.domain of this service's errors.
  static constexpr absl::string_view kErrorDomain =
      "customer-experience.partnerhub";

  // `funnel_max_lag`: see CheckFunnelLag (domain/funnel.h).
  CustomerExperienceHandler(CxStore& store, const Clock& clock,
                            int64_t funnel_max_lag = kDefaultFunnelMaxLag)
      : clock_(clock),
        customers_(store, clock),
        touchpoints_(store, clock, funnel_max_lag),
        purchases_(store, clock),
        segments_(store, clock) {}

  using Ctx = grpc::ServerContext;

  grpc::Status CreateCustomer(Ctx*, const v1::CreateCustomerRequest*,
                              v1::Customer*) override;
  grpc::Status GetCustomer(Ctx*, const v1::GetCustomerRequest*,
                           v1::Customer*) override;
  grpc::Status ListCustomers(Ctx*, const v1::ListCustomersRequest*,
                             v1::ListCustomersResponse*) override;
  grpc::Status UpdateCustomer(Ctx*, const v1::UpdateCustomerRequest*,
                              v1::Customer*) override;
  grpc::Status SetMarketingConsent(Ctx*, const v1::SetMarketingConsentRequest*,
                                   v1::Customer*) override;
  grpc::Status ListConsentChanges(Ctx*, const v1::ListConsentChangesRequest*,
                                  v1::ListConsentChangesResponse*) override;
  grpc::Status ErasePersonalData(Ctx*, const v1::ErasePersonalDataRequest*,
                                 v1::Customer*) override;

  grpc::Status RecordTouchpoint(Ctx*, const v1::RecordTouchpointRequest*,
                                v1::Touchpoint*) override;
  grpc::Status BatchRecordTouchpoints(
      Ctx*, const v1::BatchRecordTouchpointsRequest*,
      v1::BatchRecordTouchpointsResponse*) override;
  grpc::Status RecordTouchpoints(
      Ctx*, grpc::ServerReader<v1::RecordTouchpointsRequest>*,
      v1::RecordTouchpointsResponse*) override;
  grpc::Status GetTouchpoint(Ctx*, const v1::GetTouchpointRequest*,
                             v1::Touchpoint*) override;
  grpc::Status ListCustomerJourney(Ctx*, const v1::ListCustomerJourneyRequest*,
                                   v1::ListCustomerJourneyResponse*) override;

  grpc::Status RecordPurchase(Ctx*, const v1::RecordPurchaseRequest*,
                              v1::Purchase*) override;
  grpc::Status GetPurchase(Ctx*, const v1::GetPurchaseRequest*,
                           v1::Purchase*) override;
  grpc::Status ListPurchases(Ctx*, const v1::ListPurchasesRequest*,
                             v1::ListPurchasesResponse*) override;
  grpc::Status RefundPurchase(Ctx*, const v1::RefundPurchaseRequest*,
                              v1::Purchase*) override;

  grpc::Status GetCustomerFunnel(Ctx*, const v1::GetCustomerFunnelRequest*,
                                 v1::CustomerFunnel*) override;
  grpc::Status GetFunnelCounts(Ctx*, const v1::GetFunnelCountsRequest*,
                               v1::FunnelCounts*) override;

  grpc::Status CreateSegment(Ctx*, const v1::CreateSegmentRequest*,
                             v1::Segment*) override;
  grpc::Status GetSegment(Ctx*, const v1::GetSegmentRequest*,
                          v1::Segment*) override;
  grpc::Status ListSegments(Ctx*, const v1::ListSegmentsRequest*,
                            v1::ListSegmentsResponse*) override;
  grpc::Status UpdateSegment(Ctx*, const v1::UpdateSegmentRequest*,
                             v1::Segment*) override;
  grpc::Status EstimateSegmentSize(Ctx*, const v1::EstimateSegmentSizeRequest*,
                                   v1::EstimateSegmentSizeResponse*) override;
  grpc::Status CheckSegmentMembership(
      Ctx*, const v1::CheckSegmentMembershipRequest*,
      v1::CheckSegmentMembershipResponse*) override;
  grpc::Status ListSegmentMembers(Ctx*, const v1::ListSegmentMembersRequest*,
                                  v1::ListSegmentMembersResponse*) override;
  grpc::Status StreamSegmentMembers(
      Ctx*, const v1::StreamSegmentMembersRequest*,
      grpc::ServerWriter<v1::SegmentMember>*) override;
  grpc::Status CreateSegmentSnapshot(Ctx*,
                                     const v1::CreateSegmentSnapshotRequest*,
                                     v1::SegmentSnapshot*) override;
  grpc::Status GetSegmentSnapshot(Ctx*, const v1::GetSegmentSnapshotRequest*,
                                  v1::SegmentSnapshot*) override;
  grpc::Status ListSegmentSnapshots(Ctx*,
                                    const v1::ListSegmentSnapshotsRequest*,
                                    v1::ListSegmentSnapshotsResponse*) override;
  grpc::Status ListSegmentSnapshotMembers(
      Ctx*, const v1::ListSegmentSnapshotMembersRequest*,
      v1::ListSegmentSnapshotMembersResponse*) override;
  grpc::Status StreamSegmentSnapshotMembers(
      Ctx*, const v1::StreamSegmentSnapshotMembersRequest*,
      grpc::ServerWriter<v1::SegmentSnapshotMember>*) override;

 private:
  const Clock& clock_;
  Customers customers_;
  Touchpoints touchpoints_;
  Purchases purchases_;
  Segments segments_;
};

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_HANDLER_CUSTOMER_EXPERIENCE_HANDLER_H_
