// Use cases on campaigns: create, read, list, update, and moves along the
// lifecycle (by request, and by the clock: Sweep).
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_CAMPAIGNS_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_CAMPAIGNS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/api/list_request.h"
#include "common/api/pagination.h"
#include "common/api/request_key.h"
#include "common/time/clock.h"
#include "services/campaign/src/domain/directories.h"
#include "services/campaign/src/domain/store.h"
#include "services/campaign/src/domain/types.h"

namespace partnerhub::campaign {

class Campaigns {
 public:
  Campaigns(CampaignStore& store, const Clock& clock,
            PartnerDirectory& partner_directory)
      : store_(store), clock_(clock), partner_directory_(partner_directory) {}

  // Validates `draft`, checks its partner with partner-registry, stores it
  // as a DRAFT.
  absl::StatusOr<Campaign> Create(const RequestKey& key, Campaign draft);
  absl::StatusOr<Campaign> Get(int64_t id);
  // partner_id 0 and state nullopt: all. Page tokens are bound to
  // partner_id and state too.
  absl::StatusOr<Page<Campaign>> List(int64_t partner_id,
                                      std::optional<CampaignState> state,
                                      const ListRequest& request);
  // Applies the masked fields of `patch` if `etag` is current.
  absl::StatusOr<Campaign> Update(int64_t id, const Campaign& patch,
                                  const std::vector<std::string>& mask,
                                  const std::string& etag);
  // Moves the campaign to `to` (see the proto). Starting it from SCHEDULED
  // asks partner-registry for the partner's state and the discount share
  // of its agreement in force, before the transaction.
  absl::StatusOr<Campaign> Transition(int64_t id, CampaignState to,
                                      const std::string& etag);
  // Moves what the clock has made due: SCHEDULED campaigns whose start_time
  // has come start (if their partner allows), RUNNING and PAUSED ones past
  // end_time end. Returns how many moved; failures are logged and retried
  // at the next sweep.
  int Sweep();

 private:
  // Checks with partner-registry that the partner may run campaigns.
  absl::Status CheckPartner(int64_t partner_id, absl::string_view field);

  CampaignStore& store_;
  const Clock& clock_;
  PartnerDirectory& partner_directory_;
};

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_CAMPAIGNS_H_
