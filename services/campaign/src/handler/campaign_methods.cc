// CampaignHandler: campaigns, offers and code issuances.
#include "common/grpc/handler_support.h"
#include "common/grpc/proto_convert.h"
#include "common/status/status_macros.h"
#include "services/campaign/src/convert/convert.h"
#include "services/campaign/src/domain/resource_names.h"
#include "services/campaign/src/handler/campaign_handler.h"

namespace partnerhub::campaign {

grpc::Status CampaignHandler::CreateCampaign(
    Ctx*, const v1::CreateCampaignRequest* req, v1::Campaign* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(Campaign draft, FromProto(req->campaign(), AllFields));
    PH_ASSIGN_OR_RETURN(
        Campaign created,
        campaigns_.Create(MakeRequestKey(*req), std::move(draft)));
    *resp = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status CampaignHandler::GetCampaign(Ctx*,
                                          const v1::GetCampaignRequest* req,
                                          v1::Campaign* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t id, ParseCampaignName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(Campaign campaign, campaigns_.Get(id));
    *resp = ToProto(campaign);
    return absl::OkStatus();
  });
}

grpc::Status CampaignHandler::ListCampaigns(Ctx*,
                                            const v1::ListCampaignsRequest* req,
                                            v1::ListCampaignsResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    int64_t partner_id = 0;
    if (!req->partner().empty()) {
      PH_ASSIGN_OR_RETURN(partner_id,
                          ParsePartnerName(req->partner(), "partner"));
    }
    PH_ASSIGN_OR_RETURN(std::optional<CampaignState> state,
                        StateFromProto("state", req->state(), true));
    PH_ASSIGN_OR_RETURN(
        Page<Campaign> page,
        campaigns_.List(partner_id, state, ToListRequest(*req, "")));
    for (const Campaign& c : page.items) *resp->add_campaigns() = ToProto(c);
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status CampaignHandler::UpdateCampaign(
    Ctx*, const v1::UpdateCampaignRequest* req, v1::Campaign* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(
        int64_t id, ParseCampaignName(req->campaign().name(), "campaign.name"));
    PH_ASSIGN_OR_RETURN(
        Campaign patch,
        FromProto(req->campaign(), MaskedFields(req->update_mask())));
    PH_ASSIGN_OR_RETURN(
        Campaign updated,
        campaigns_.Update(id, patch, MaskPaths(req->update_mask()),
                          req->campaign().etag()));
    *resp = ToProto(updated);
    return absl::OkStatus();
  });
}

grpc::Status CampaignHandler::TransitionCampaign(
    Ctx*, const v1::TransitionCampaignRequest* req, v1::Campaign* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t id, ParseCampaignName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(std::optional<CampaignState> to,
                        StateFromProto("state", req->state(), false));
    PH_ASSIGN_OR_RETURN(Campaign campaign,
                        campaigns_.Transition(id, *to, req->etag()));
    *resp = ToProto(campaign);
    return absl::OkStatus();
  });
}

grpc::Status CampaignHandler::CreateOffer(Ctx*,
                                          const v1::CreateOfferRequest* req,
                                          v1::Offer* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t campaign_id,
                        ParseCampaignName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(Offer draft, FromProto(req->offer(), AllFields));
    PH_ASSIGN_OR_RETURN(
        Offer created,
        offers_.Create(MakeRequestKey(*req), campaign_id, std::move(draft)));
    *resp = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status CampaignHandler::GetOffer(Ctx*, const v1::GetOfferRequest* req,
                                       v1::Offer* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(ChildId id, ParseOfferName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(Offer offer, offers_.Get(id.campaign_id, id.id));
    *resp = ToProto(offer);
    return absl::OkStatus();
  });
}

grpc::Status CampaignHandler::ListOffers(Ctx*, const v1::ListOffersRequest* req,
                                         v1::ListOffersResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t campaign_id,
                        ParseCampaignName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(
        Page<Offer> page,
        offers_.List(campaign_id, ToListRequest(*req, req->parent())));
    for (const Offer& o : page.items) *resp->add_offers() = ToProto(o);
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status CampaignHandler::UpdateOffer(Ctx*,
                                          const v1::UpdateOfferRequest* req,
                                          v1::Offer* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(ChildId id,
                        ParseOfferName(req->offer().name(), "offer.name"));
    PH_ASSIGN_OR_RETURN(
        Offer patch, FromProto(req->offer(), MaskedFields(req->update_mask())));
    PH_ASSIGN_OR_RETURN(
        Offer updated,
        offers_.Update(id.campaign_id, id.id, patch,
                       MaskPaths(req->update_mask()), req->offer().etag()));
    *resp = ToProto(updated);
    return absl::OkStatus();
  });
}

grpc::Status CampaignHandler::CreateCodeIssuance(
    Ctx*, const v1::CreateCodeIssuanceRequest* req, v1::CodeIssuance* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(ChildId offer, ParseOfferName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(CodeIssuance draft, FromProto(req->issuance()));
    PH_ASSIGN_OR_RETURN(CodeIssuance created,
                        issuing_.Create(MakeRequestKey(*req), offer.campaign_id,
                                        offer.id, std::move(draft)));
    *resp = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status CampaignHandler::GetCodeIssuance(
    Ctx*, const v1::GetCodeIssuanceRequest* req, v1::CodeIssuance* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(IssuanceId id, ParseIssuanceName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(CodeIssuance issuance,
                        issuing_.Get(id.campaign_id, id.offer_id, id.id));
    *resp = ToProto(issuance);
    return absl::OkStatus();
  });
}

grpc::Status CampaignHandler::ListCouponCodes(
    Ctx*, const v1::ListCouponCodesRequest* req,
    v1::ListCouponCodesResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(IssuanceId id,
                        ParseIssuanceName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(Page<CouponCode> page,
                        issuing_.ListCodes(id.campaign_id, id.offer_id, id.id,
                                           ToListRequest(*req, req->parent())));
    resp->mutable_coupon_codes()->Reserve(static_cast<int>(page.items.size()));
    for (const CouponCode& c : page.items)
      *resp->add_coupon_codes() = ToProto(c);
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

}  // namespace partnerhub::campaign
