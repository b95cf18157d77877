// Applying a batch of facts to the read models: the rules of what each
// fact changes, by topic (apply_registry.cc, apply_campaigns.cc,
// apply_customers.cc, apply_sales.cc, apply_lift.cc; ApplyFacts in
// feed_applier.cc). A batch's effects are summed in memory per row key and
// written through ApplyTx in a few multi-row writes per topic, so that a
// batch costs a handful of statements however many events it holds.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_APPLY_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_APPLY_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "services/reporting/src/domain/facts.h"
#include "services/reporting/src/domain/read_model_rows.h"
#include "services/reporting/src/domain/store.h"

namespace partnerhub::reporting {

// A batch's campaign figures per (campaign, day), written once at its end.
using CampaignDaily =
    std::map<std::pair<std::string, int32_t>, CampaignFigures>;

// What the topics of one batch share.
struct ApplyState {
  CampaignDaily campaign_daily;
  // Whether a lift may have become due (a campaign changed, or a snapshot
  // completed).
  bool lift_check = false;
};

// Applies `facts` (one feed's batch, in feed order) on `tx`. Purchases and
// refunds in another currency than `currency` are left out.
void ApplyFacts(ApplyTx& tx, const std::vector<Fact>& facts,
                const std::string& currency);

// ---- The topics, in the order ApplyFacts runs them ----

// Partners and agreements: the latest description of each wins.
void ApplyRegistry(ApplyTx& tx, const std::vector<Fact>& facts);
// Campaign descriptions, codes issued and redemptions (into `state`).
void ApplyCampaigns(ApplyTx& tx, const std::vector<Fact>& facts,
                    ApplyState& state);
// Customers' attributes, and the count of known customers.
void ApplyCustomers(ApplyTx& tx, const std::vector<Fact>& facts);
// Snapshots and their members.
void ApplySnapshots(ApplyTx& tx, const std::vector<Fact>& facts,
                    ApplyState& state);
// Purchases and refunds: facts, partner days, the pattern cube, lift rows
// (campaign days into `state`).
void ApplySales(ApplyTx& tx, const std::vector<Fact>& facts,
                const std::string& currency, ApplyState& state);
// Funnel reaches per partner, day, campaign and stage.
void ApplyFunnel(ApplyTx& tx, const std::vector<Fact>& facts);
// Writes the batch's campaign days (those of a named campaign).
void WriteCampaignDays(ApplyTx& tx, const CampaignDaily& daily);
// Sets up every lift that is due: groups its snapshot's members and fills
// its figures from the purchases already stored.
void SetUpDueLifts(ApplyTx& tx);

// ---- Rules of the topics (pure) ----

// Adds a chunk of issued codes to its campaign's day.
void AddCodesIssued(const CodesIssuedFact& fact, CampaignDaily& daily);
// Adds a redemption on its redeem day, or takes a voided one back on its
// void day (the event's time when the void time is not given).
void AddRedemption(const RedemptionFact& fact, CampaignDaily& daily);

// The pattern cube's cells a customer's purchase lines count in: every
// combination of the customer's age band, gender and region with "any"
// (kAnyAttribute, kAnyRegion), the customer's own first.
std::array<CustomerDims, 8> CubeCells(const CustomerDims& dims);

// The day a refund counts on: its refund time's, else its event's.
int32_t RefundDay(const PurchaseRefundedFact& fact);

// A snapshot's members put in their lift groups (holdout by
// common/api/holdout.h's IsHoldout), and the groups' sizes.
struct LiftGroups {
  std::vector<LiftMemberRow> members;
  int64_t treated = 0;
  int64_t holdout = 0;
};
LiftGroups AssignLiftGroups(const std::string& campaign,
                            const std::vector<std::string>& members,
                            int32_t holdout_bps);

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_APPLY_H_
