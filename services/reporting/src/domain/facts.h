// What reporting learns from the producers' feeds, in plain C++: one
// struct per kind of feed event the read models use (convert/ makes them
// from partnerhub.events.v1.Event), and a batch of them as one feed
// delivered it.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_FACTS_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_FACTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/time/time.h"
#include "services/reporting/src/domain/types.h"

namespace partnerhub::reporting {

// ---- partner-registry ----

// A partner created, updated or deleted.
struct PartnerChangedFact {
  std::string partner;
  std::string display_name;
  int state = 0;  // partnerhub.partner_registry.v1.Partner.State
  bool deleted = false;
};

// An agreement created, changed or deleted. `agreement.partner` is left
// empty: the domain derives it from the agreement's name.
struct AgreementChangedFact {
  AgreementInfo agreement;
  bool deleted = false;
};

// ---- campaign ----

// A campaign as its latest change describes it.
struct CampaignChangedFact {
  CampaignInfo campaign;
};

// A chunk of codes issued: `issuance` is
// "campaigns/{c}/offers/{o}/issuances/{i}".
struct CodesIssuedFact {
  std::string issuance;
  int64_t issued = 0;
  absl::Time event_time;
};

// A redemption made or voided: `redemption` is
// "campaigns/{c}/redemptions/{r}". Amounts in minor units.
struct RedemptionFact {
  std::string redemption;
  bool voided = false;
  absl::Time redeem_time;
  std::optional<absl::Time> void_time;
  absl::Time event_time;
  int64_t discount = 0;
  int64_t partner_cost = 0;
  int64_t platform_cost = 0;
};

// ---- customer-experience ----

// A customer's reporting attributes, as its latest change gives them.
struct CustomerChangedFact {
  std::string customer;
  int age_band = 0;  // Customer.AgeBand number
  int gender = 0;    // Customer.Gender number
  std::string region;
  std::optional<absl::Time> sign_up_time;
};

// A segment snapshot taken, with its member count (the members follow).
struct SnapshotTakenFact {
  std::string snapshot;
  int64_t member_count = 0;
};

// A chunk of a snapshot's members; `last` on the final chunk.
struct SnapshotMembersFact {
  std::string snapshot;
  std::vector<std::string> customers;
  bool last = false;
};

// One line of a purchase.
struct PurchaseLine {
  std::string category;
  int64_t quantity = 0;
  int64_t amount = 0;  // minor units
};

// A purchase as the feed describes it.
struct PurchaseInfo {
  std::string purchase;
  std::string customer;
  std::string partner;
  std::string campaign;  // empty when none
  absl::Time purchase_time;
  int64_t total = 0;  // minor units of `currency`
  std::string currency;
  std::vector<PurchaseLine> lines;
};

// A purchase recorded.
struct PurchaseRecordedFact {
  PurchaseInfo purchase;
};

// A refund of (part of) a purchase.
struct PurchaseRefundedFact {
  PurchaseInfo purchase;
  int64_t amount = 0;  // minor units of `currency`
  std::string currency;
  std::optional<absl::Time> refund_time;
  absl::Time event_time;
};

// One customer reaching one funnel stage.
struct FunnelReach {
  std::string partner;
  std::string campaign;
  int stage = 0;  // FunnelProgress.Stage number
  absl::Time reach_time;
};

// Funnel stages reached, as one event carries them.
struct FunnelReachedFact {
  std::vector<FunnelReach> reaches;
};

// Any of the facts above.
using Fact =
    std::variant<PartnerChangedFact, AgreementChangedFact, CampaignChangedFact,
                 CodesIssuedFact, RedemptionFact, CustomerChangedFact,
                 SnapshotTakenFact, SnapshotMembersFact, PurchaseRecordedFact,
                 PurchaseRefundedFact, FunnelReachedFact>;

// Consecutive events of one feed, [first_position, last_position], as
// facts in feed order (events reporting does not use give none).
struct FactBatch {
  // How many events the batch spans; 0: nothing to apply.
  int64_t event_count = 0;
  int64_t first_position = 0;
  int64_t last_position = 0;
  std::vector<Fact> facts;
};

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_FACTS_H_
