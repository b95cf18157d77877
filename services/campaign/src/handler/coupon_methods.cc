// CampaignHandler: validating, redeeming and voiding coupons.
#include "common/grpc/handler_support.h"
#include "common/status/status_macros.h"
#include "services/campaign/src/convert/convert.h"
#include "services/campaign/src/domain/resource_names.h"
#include "services/campaign/src/handler/campaign_handler.h"

namespace partnerhub::campaign {

grpc::Status CampaignHandler::ValidateCoupon(
    Ctx*, const v1::ValidateCouponRequest* req, v1::CouponValidation* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(CouponUse use, FromProto(req->use()));
    PH_ASSIGN_OR_RETURN(CouponValidation validation,
                        coupons_.Validate(std::move(use)));
    *resp = ToProto(validation);
    return absl::OkStatus();
  });
}

grpc::Status CampaignHandler::RedeemCoupon(Ctx*,
                                           const v1::RedeemCouponRequest* req,
                                           v1::Redemption* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(CouponUse use, FromProto(req->use()));
    PH_ASSIGN_OR_RETURN(Redemption redemption,
                        coupons_.Redeem(req->request_id(), std::move(use)));
    *resp = ToProto(redemption);
    return absl::OkStatus();
  });
}

grpc::Status CampaignHandler::VoidRedemption(
    Ctx*, const v1::VoidRedemptionRequest* req, v1::Redemption* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(ChildId id, ParseRedemptionName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(Redemption redemption,
                        coupons_.Void(id.campaign_id, id.id, req->reason()));
    *resp = ToProto(redemption);
    return absl::OkStatus();
  });
}

grpc::Status CampaignHandler::GetRedemption(Ctx*,
                                            const v1::GetRedemptionRequest* req,
                                            v1::Redemption* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(ChildId id, ParseRedemptionName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(Redemption redemption,
                        coupons_.Get(id.campaign_id, id.id));
    *resp = ToProto(redemption);
    return absl::OkStatus();
  });
}

grpc::Status CampaignHandler::ListRedemptions(
    Ctx*, const v1::ListRedemptionsRequest* req,
    v1::ListRedemptionsResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t campaign_id,
                        ParseCampaignName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(
        Page<Redemption> page,
        coupons_.List(campaign_id, ToListRequest(*req, req->parent())));
    for (const Redemption& r : page.items)
      *resp->add_redemptions() = ToProto(r);
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

}  // namespace partnerhub::campaign
