// The campaign lifecycle (rules.h).
#include "absl/strings/str_cat.h"
#include "common/status/error_details.h"
#include "services/campaign/src/domain/enum_names.h"
#include "services/campaign/src/domain/errors.h"
#include "services/campaign/src/domain/resource_names.h"
#include "services/campaign/src/domain/rules.h"

namespace partnerhub::campaign {

bool IsAllowedTransition(CampaignState from, CampaignState to) {
  using S = CampaignState;
  switch (from) {
    case S::kDraft:
      return to == S::kScheduled || to == S::kCancelled;
    case S::kScheduled:
      return to == S::kRunning || to == S::kCancelled;
    case S::kRunning:
      return to == S::kPaused || to == S::kEnded || to == S::kCancelled;
    case S::kPaused:
      return to == S::kRunning || to == S::kEnded || to == S::kCancelled;
    case S::kEnded:
    case S::kCancelled:
      return false;
  }
  return false;
}

absl::Status CheckTransition(const Campaign& campaign, CampaignState to,
                             absl::Time now, int64_t offer_count) {
  const std::string name = CampaignName(campaign.id);
  if (!IsAllowedTransition(campaign.state, to)) {
    return FailedPrecondition(
        reason::kTransitionNotAllowed, name,
        absl::StrCat(name, " cannot move from ", NameOf(campaign.state), " to ",
                     NameOf(to)));
  }
  if (to == CampaignState::kScheduled) {
    if (offer_count == 0) {
      return FailedPrecondition(
          reason::kCampaignHasNoOffer, name,
          absl::StrCat(name, " has no offer: add one before scheduling it"));
    }
    if (campaign.end_time <= now) {
      return FailedPrecondition(
          reason::kOutsideCampaignWindow, name,
          absl::StrCat(name, " cannot be scheduled: its end_time ",
                       TimeText(campaign.end_time), " has passed"));
    }
  }
  if (to == CampaignState::kRunning &&
      (now < campaign.start_time || now >= campaign.end_time)) {
    return FailedPrecondition(
        reason::kOutsideCampaignWindow, name,
        absl::StrCat(name, " can run only inside its window [",
                     TimeText(campaign.start_time), ", ",
                     TimeText(campaign.end_time), "); it is ", TimeText(now)));
  }
  return absl::OkStatus();
}

bool PartnerMayRunCampaigns(absl::string_view partner_state) {
  return partner_state == "CONTRACTED" || partner_state == "ACTIVE";
}

}  // namespace partnerhub::campaign
