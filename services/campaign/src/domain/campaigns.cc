#include "services/campaign/src/domain/campaigns.h"

#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/api/idempotency.h"
#include "common/log/log.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/campaign/src/domain/enum_names.h"
#include "services/campaign/src/domain/errors.h"
#include "services/campaign/src/domain/resource_names.h"
#include "services/campaign/src/domain/rules.h"

namespace partnerhub::campaign {

absl::Status Campaigns::CheckPartner(int64_t partner_id,
                                     absl::string_view field) {
  const std::string name = PartnerName(partner_id);
  absl::StatusOr<PartnerInfo> partner =
      partner_directory_.GetPartner(partner_id);
  // Campaign's own reasons for what it decides on partner-registry's answer;
  // any other error (UNAVAILABLE, ...) as the client made it.
  if (absl::IsNotFound(partner.status())) {
    return NotFound(
        reason::kPartnerNotFound, "partnerhub.partner_registry.v1.Partner",
        name,
        absl::StrCat(field, ": ", name, " does not exist in partner-registry"));
  }
  PH_RETURN_IF_ERROR(partner.status());
  if (!PartnerMayRunCampaigns(partner->state)) {
    return FailedPrecondition(
        reason::kPartnerNotEligible, name,
        absl::StrCat(name, " is ", partner->state,
                     " in partner-registry; campaigns need a CONTRACTED or "
                     "ACTIVE partner"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Campaign> Campaigns::Create(const RequestKey& key,
                                           Campaign draft) {
  FieldErrors errors;
  errors.Add(ValidateRequestId(key.request_id));
  errors.Add(ValidateCampaign(draft));
  PH_RETURN_IF_ERROR(errors.Result());
  PH_RETURN_IF_ERROR(CheckPartner(draft.partner_id, "campaign.partner"));
  const absl::Time now = clock_.Now();
  draft.id = 0;
  draft.state = CampaignState::kDraft;
  draft.spent_minor = draft.redemption_count = 0;
  draft.segment_snapshot.clear();
  draft.partner_discount_share_bps = 0;
  draft.state_change_time = draft.create_time = draft.update_time = now;
  draft.version = 1;

  Campaign created;
  PH_RETURN_IF_ERROR(store_.Transact([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::optional<std::string> prior, Recall(tx, key, now));
    if (prior.has_value()) {
      PH_ASSIGN_OR_RETURN(int64_t id, ParseCampaignName(*prior, "request_id"));
      PH_ASSIGN_OR_RETURN(created, tx.GetCampaign(id));
      return absl::OkStatus();
    }
    created = draft;
    PH_ASSIGN_OR_RETURN(created.id, tx.InsertCampaign(created));
    PH_RETURN_IF_ERROR(Remember(tx, key, CampaignName(created.id)));
    tx.Publish(
        {now, CampaignChanged{CampaignChanged::Change::kCreated, created}});
    return absl::OkStatus();
  }));
  return created;
}

absl::StatusOr<Campaign> Campaigns::Get(int64_t id) {
  Campaign campaign;
  PH_RETURN_IF_ERROR(store_.Read([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(campaign, tx.GetCampaign(id));
    return absl::OkStatus();
  }));
  return campaign;
}

absl::StatusOr<Page<Campaign>> Campaigns::List(
    int64_t partner_id, std::optional<CampaignState> state,
    const ListRequest& request) {
  // The list has no parent; its filters take the parent's place in what a
  // page token is bound to.
  ListRequest bound = request;
  bound.parent =
      absl::StrCat("campaigns?partner=", partner_id,
                   "&state=", state.has_value() ? NameOf(*state) : "");
  PH_ASSIGN_OR_RETURN(ListQuery query, ResolveList(IdListSpec(), bound));
  Slice<Campaign> slice;
  PH_RETURN_IF_ERROR(store_.Read([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(slice, tx.ListCampaigns(partner_id, state, query));
    return absl::OkStatus();
  }));
  return ToPage(std::move(slice), query);
}

absl::StatusOr<Campaign> Campaigns::Update(int64_t id, const Campaign& patch,
                                           const std::vector<std::string>& mask,
                                           const std::string& etag) {
  Campaign updated;
  PH_RETURN_IF_ERROR(store_.Transact([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(updated, tx.LockCampaign(id));
    PH_RETURN_IF_ERROR(CheckEtag(etag, updated.version, CampaignName(id)));
    PH_RETURN_IF_ERROR(ApplyMask(patch, mask, updated));
    PH_RETURN_IF_ERROR(ValidateCampaign(updated));
    const absl::Time now = clock_.Now();
    PH_RETURN_IF_ERROR(CheckLiveUpdate(updated, now));
    updated.update_time = now;
    ++updated.version;
    PH_RETURN_IF_ERROR(tx.UpdateCampaign(updated));
    tx.Publish(
        {now, CampaignChanged{CampaignChanged::Change::kUpdated, updated}});
    return absl::OkStatus();
  }));
  return updated;
}

absl::StatusOr<Campaign> Campaigns::Transition(int64_t id, CampaignState to,
                                               const std::string& etag) {
  // Partner-registry is asked before the transaction, so no row stays
  // locked during a call to another service; the transaction then checks
  // that the campaign is still in the state the answer was sought for.
  PH_ASSIGN_OR_RETURN(Campaign before, Get(id));
  PH_RETURN_IF_ERROR(CheckEtag(etag, before.version, CampaignName(id)));
  PH_RETURN_IF_ERROR(
      CheckTransition(before, to, clock_.Now(), /*offer_count=*/1));
  const bool starting = before.state == CampaignState::kScheduled &&
                        to == CampaignState::kRunning;
  int32_t share_bps = before.partner_discount_share_bps;
  if (starting) {
    PH_RETURN_IF_ERROR(CheckPartner(before.partner_id, "campaign.partner"));
    absl::StatusOr<int32_t> share =
        partner_directory_.DiscountShareInForce(before.partner_id);
    if (absl::IsFailedPrecondition(share.status()) ||
        absl::IsNotFound(share.status())) {
      // The subject is what lacks the agreement: the partner.
      return FailedPrecondition(
          reason::kNoAgreementInForce, PartnerName(before.partner_id),
          absl::StrCat(CampaignName(id),
                       " cannot start: ", PartnerName(before.partner_id),
                       " has no agreement in force (", share.status().message(),
                       ")"));
    }
    PH_RETURN_IF_ERROR(share.status());
    share_bps = *share;
  }
  Campaign campaign;
  PH_RETURN_IF_ERROR(store_.Transact([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(campaign, tx.LockCampaign(id));
    if (campaign.version != before.version) {
      return ConcurrentUpdate(absl::StrCat(
          CampaignName(id), " was changed concurrently; read it and retry"));
    }
    PH_ASSIGN_OR_RETURN(int64_t offers, tx.CountOffers(id));
    const absl::Time now = clock_.Now();
    PH_RETURN_IF_ERROR(CheckTransition(campaign, to, now, offers));
    campaign.state = to;
    campaign.partner_discount_share_bps = share_bps;
    campaign.state_change_time = campaign.update_time = now;
    ++campaign.version;
    PH_RETURN_IF_ERROR(tx.UpdateCampaign(campaign));
    tx.Publish({now, CampaignChanged{CampaignChanged::Change::kStateChanged,
                                     campaign}});
    return absl::OkStatus();
  }));
  return campaign;
}

int Campaigns::Sweep() {
  std::vector<int64_t> due;
  absl::Status read = store_.Read([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(due, tx.DueCampaigns(clock_.Now(), 100));
    return absl::OkStatus();
  });
  if (!read.ok()) {
    LogWarning("campaign sweep: ", read.message());
    return 0;
  }
  int moved = 0;
  for (int64_t id : due) {
    absl::StatusOr<Campaign> campaign = Get(id);
    if (!campaign.ok()) continue;
    const bool over = clock_.Now() >= campaign->end_time;
    CampaignState to = CampaignState::kRunning;
    if (campaign->state != CampaignState::kScheduled) {
      to = CampaignState::kEnded;
    } else if (over) {
      continue;  // never started; left for a person to cancel
    }
    absl::StatusOr<Campaign> moved_campaign = Transition(id, to, "");
    if (moved_campaign.ok()) {
      ++moved;
      LogInfo("campaign sweep: ", CampaignName(id), " is now ", NameOf(to));
    } else {
      LogWarning("campaign sweep: ", CampaignName(id), " to ", NameOf(to), ": ",
                 moved_campaign.status().message());
    }
  }
  return moved;
}

}  // namespace partnerhub::campaign
