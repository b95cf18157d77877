// The CampaignService gRPC service: converts requests to domain calls and
// results back, nothing else.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_HANDLER_CAMPAIGN_HANDLER_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_HANDLER_CAMPAIGN_HANDLER_H_

#include "partnerhub/campaign/v1/campaign.grpc.pb.h"
#include "services/campaign/src/domain/campaigns.h"
#include "services/campaign/src/domain/coupons.h"
#include "services/campaign/src/domain/issuing.h"
#include "services/campaign/src/domain/offers.h"

namespace partnerhub::campaign {

class CampaignHandler final : public v1::CampaignService::Service {
 public:
  // ErrorInfo.domain of this service's errors.
  static constexpr absl::string_view kErrorDomain = "campaign.partnerhub";

  CampaignHandler(Campaigns& campaigns, Offers& offers, Issuing& issuing,
                  Coupons& coupons)
      : campaigns_(campaigns),
        offers_(offers),
        issuing_(issuing),
        coupons_(coupons) {}

  using Ctx = grpc::ServerContext;

  grpc::Status CreateCampaign(Ctx*, const v1::CreateCampaignRequest*,
                              v1::Campaign*) override;
  grpc::Status GetCampaign(Ctx*, const v1::GetCampaignRequest*,
                           v1::Campaign*) override;
  grpc::Status ListCampaigns(Ctx*, const v1::ListCampaignsRequest*,
                             v1::ListCampaignsResponse*) override;
  grpc::Status UpdateCampaign(Ctx*, const v1::UpdateCampaignRequest*,
                              v1::Campaign*) override;
  grpc::Status TransitionCampaign(Ctx*, const v1::TransitionCampaignRequest*,
                                  v1::Campaign*) override;

  grpc::Status CreateOffer(Ctx*, const v1::CreateOfferRequest*,
                           v1::Offer*) override;
  grpc::Status GetOffer(Ctx*, const v1::GetOfferRequest*, v1::Offer*) override;
  grpc::Status ListOffers(Ctx*, const v1::ListOffersRequest*,
                          v1::ListOffersResponse*) override;
  grpc::Status UpdateOffer(Ctx*, const v1::UpdateOfferRequest*,
                           v1::Offer*) override;

  grpc::Status CreateCodeIssuance(Ctx*, const v1::CreateCodeIssuanceRequest*,
                                  v1::CodeIssuance*) override;
  grpc::Status GetCodeIssuance(Ctx*, const v1::GetCodeIssuanceRequest*,
                               v1::CodeIssuance*) override;
  grpc::Status ListCouponCodes(Ctx*, const v1::ListCouponCodesRequest*,
                               v1::ListCouponCodesResponse*) override;

  grpc::Status ValidateCoupon(Ctx*, const v1::ValidateCouponRequest*,
                              v1::CouponValidation*) override;
  grpc::Status RedeemCoupon(Ctx*, const v1::RedeemCouponRequest*,
                            v1::Redemption*) override;
  grpc::Status VoidRedemption(Ctx*, const v1::VoidRedemptionRequest*,
                              v1::Redemption*) override;
  grpc::Status GetRedemption(Ctx*, const v1::GetRedemptionRequest*,
                             v1::Redemption*) override;
  grpc::Status ListRedemptions(Ctx*, const v1::ListRedemptionsRequest*,
                               v1::ListRedemptionsResponse*) override;

 private:
  Campaigns& campaigns_;
  Offers& offers_;
  Issuing& issuing_;
  Coupons& coupons_;
};

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_HANDLER_CAMPAIGN_HANDLER_H_
