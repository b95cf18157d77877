// The domain events campaign publishes on its feed, as plain values. A use
// case publishes them into its transaction (CampaignTx::Publish); storage
// appends them to the outbox in the same transaction, converted to
// partnerhub.events.v1.Event by convert/feed_events.h.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_EVENTS_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_EVENTS_H_

#include <cstdint>
#include <variant>

#include "absl/time/time.h"
#include "services/campaign/src/domain/types.h"

namespace partnerhub::campaign {

// A campaign was created or changed: the campaign after the change.
struct CampaignChanged {
  // The numbers of the feed's CampaignChanged.Change.
  enum class Change {
    kCreated = 1,
    kUpdated = 2,
    // Moved along the lifecycle (TransitionCampaign, the sweep).
    kStateChanged = 3,
  };
  Change change = Change::kUpdated;
  Campaign campaign;
};

// An offer was created or changed: the offer after the change.
struct OfferChanged {
  // The numbers of the feed's OfferChanged.Change.
  enum class Change {
    kCreated = 1,
    kUpdated = 2,
  };
  Change change = Change::kUpdated;
  Offer offer;
};

// A committed chunk of an issuance: the issuance after it, and how many
// codes the chunk issued.
struct CodeIssuanceChanged {
  CodeIssuance issuance;
  int64_t issued_in_chunk = 0;
};

// A redemption was made or voided: the redemption after the change.
struct RedemptionChanged {
  // The numbers of the feed's RedemptionChanged.Change.
  enum class Change {
    kRedeemed = 1,
    kVoided = 2,
  };
  Change change = Change::kRedeemed;
  Redemption redemption;
};

// One event of a transaction.
struct DomainEvent {
  // When the change was made (the use case's `now`).
  absl::Time time;
  std::variant<CampaignChanged, OfferChanged, CodeIssuanceChanged,
               RedemptionChanged>
      payload;
};

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_EVENTS_H_
