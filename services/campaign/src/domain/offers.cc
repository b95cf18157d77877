#include "services/campaign/src/domain/offers.h"

#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/api/idempotency.h"
#include "common/status/status_macros.h"
#include "services/campaign/src/domain/resource_names.h"
#include "services/campaign/src/domain/rules.h"

namespace partnerhub::campaign {

absl::StatusOr<Offer> Offers::Create(const RequestKey& key, int64_t campaign_id,
                                     Offer draft) {
  PH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  const absl::Time now = clock_.Now();
  draft.id = 0;
  draft.campaign_id = campaign_id;
  draft.redemption_count = 0;
  draft.create_time = draft.update_time = now;
  draft.version = 1;
  Offer created;
  PH_RETURN_IF_ERROR(store_.Transact([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::optional<std::string> prior, Recall(tx, key, now));
    if (prior.has_value()) {
      PH_ASSIGN_OR_RETURN(ChildId id, ParseOfferName(*prior, "request_id"));
      PH_ASSIGN_OR_RETURN(created, tx.GetOffer(id.campaign_id, id.id));
      return absl::OkStatus();
    }
    // The campaign's row lock orders this against its transitions.
    PH_ASSIGN_OR_RETURN(Campaign campaign, tx.LockCampaign(campaign_id));
    PH_RETURN_IF_ERROR(CheckOffersEditable(campaign));
    created = draft;
    // An offer without amounts (a percentage without maximum) names no
    // currency: it is the campaign's.
    if (created.currency_code.empty())
      created.currency_code = campaign.currency_code;
    PH_RETURN_IF_ERROR(ValidateOffer(created, campaign));
    PH_ASSIGN_OR_RETURN(created.id, tx.InsertOffer(created));
    PH_RETURN_IF_ERROR(Remember(tx, key, OfferName(campaign_id, created.id)));
    tx.Publish({now, OfferChanged{OfferChanged::Change::kCreated, created}});
    return absl::OkStatus();
  }));
  return created;
}

absl::StatusOr<Offer> Offers::Get(int64_t campaign_id, int64_t id) {
  Offer offer;
  PH_RETURN_IF_ERROR(store_.Read([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(offer, tx.GetOffer(campaign_id, id));
    return absl::OkStatus();
  }));
  return offer;
}

absl::StatusOr<Page<Offer>> Offers::List(int64_t campaign_id,
                                         const ListRequest& request) {
  PH_ASSIGN_OR_RETURN(ListQuery query, ResolveList(IdListSpec(), request));
  Slice<Offer> slice;
  PH_RETURN_IF_ERROR(store_.Read([&](CampaignTx& tx) -> absl::Status {
    PH_RETURN_IF_ERROR(tx.GetCampaign(campaign_id).status());
    PH_ASSIGN_OR_RETURN(slice, tx.ListOffers(campaign_id, query));
    return absl::OkStatus();
  }));
  return ToPage(std::move(slice), query);
}

absl::StatusOr<Offer> Offers::Update(int64_t campaign_id, int64_t id,
                                     const Offer& patch,
                                     const std::vector<std::string>& mask,
                                     const std::string& etag) {
  Offer updated;
  PH_RETURN_IF_ERROR(store_.Transact([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(Campaign campaign, tx.LockCampaign(campaign_id));
    PH_ASSIGN_OR_RETURN(updated, tx.GetOffer(campaign_id, id));
    PH_RETURN_IF_ERROR(
        CheckEtag(etag, updated.version, OfferName(campaign_id, id)));
    PH_RETURN_IF_ERROR(CheckOffersEditable(campaign));
    PH_RETURN_IF_ERROR(ApplyMask(patch, mask, updated));
    PH_RETURN_IF_ERROR(ValidateOffer(updated, campaign));
    updated.update_time = clock_.Now();
    ++updated.version;
    PH_RETURN_IF_ERROR(tx.UpdateOffer(updated));
    tx.Publish({updated.update_time,
                OfferChanged{OfferChanged::Change::kUpdated, updated}});
    return absl::OkStatus();
  }));
  return updated;
}

}  // namespace partnerhub::campaign
