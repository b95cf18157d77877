// Use cases on offers.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_OFFERS_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_OFFERS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/api/list_request.h"
#include "common/api/pagination.h"
#include "common/api/request_key.h"
#include "common/time/clock.h"
#include "services/campaign/src/domain/store.h"
#include "services/campaign/src/domain/types.h"

namespace partnerhub::campaign {

class Offers {
 public:
  Offers(CampaignStore& store, const Clock& clock)
      : store_(store), clock_(clock) {}

  // Adds `draft` to a DRAFT or SCHEDULED campaign.
  absl::StatusOr<Offer> Create(const RequestKey& key, int64_t campaign_id,
                               Offer draft);
  absl::StatusOr<Offer> Get(int64_t campaign_id, int64_t id);
  absl::StatusOr<Page<Offer>> List(int64_t campaign_id,
                                   const ListRequest& request);
  absl::StatusOr<Offer> Update(int64_t campaign_id, int64_t id,
                               const Offer& patch,
                               const std::vector<std::string>& mask,
                               const std::string& etag);

 private:
  CampaignStore& store_;
  const Clock& clock_;
};

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_OFFERS_H_
