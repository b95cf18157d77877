#include "services/reporting/src/domain/feed_applier.h"

#include "services/reporting/src/domain/apply.h"

namespace partnerhub::reporting {

void ApplyFacts(ApplyTx& tx, const std::vector<Fact>& facts,
                const std::string& currency) {
  ApplyState state;
  ApplyRegistry(tx, facts);
  ApplyCampaigns(tx, facts, state);
  ApplyCustomers(tx, facts);
  ApplySnapshots(tx, facts, state);
  ApplySales(tx, facts, currency, state);
  ApplyFunnel(tx, facts);
  WriteCampaignDays(tx, state.campaign_daily);
  if (state.lift_check) SetUpDueLifts(tx);
}

absl::StatusOr<int64_t> FeedApplier::LoadPosition(const std::string& feed) {
  return store_.LoadPosition(feed);
}

absl::Status FeedApplier::Apply(const std::string& feed, const FactBatch& batch,
                                int64_t head_position) {
  if (batch.event_count == 0) return absl::OkStatus();
  return store_.Apply(
      feed, batch.first_position, batch.last_position, head_position,
      [&](ApplyTx& tx) { ApplyFacts(tx, batch.facts, currency_); });
}

}  // namespace partnerhub::reporting
