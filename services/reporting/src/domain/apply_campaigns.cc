// Applying campaign's facts: campaign descriptions, codes issued and
// redemptions, and the batch's campaign days.
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "services/reporting/src/domain/apply.h"
#include "services/reporting/src/domain/rules.h"

namespace partnerhub::reporting {

void AddCodesIssued(const CodesIssuedFact& fact, CampaignDaily& daily) {
  daily[{ParentName(fact.issuance), DayKeyOf(fact.event_time)}].codes_issued +=
      fact.issued;
}

void AddRedemption(const RedemptionFact& fact, CampaignDaily& daily) {
  const std::string campaign = ParentName(fact.redemption);
  if (fact.voided) {
    const absl::Time at = fact.void_time.value_or(fact.event_time);
    CampaignFigures& f = daily[{campaign, DayKeyOf(at)}];
    f.voids += 1;
    f.discount -= fact.discount;
    f.partner_cost -= fact.partner_cost;
    f.platform_cost -= fact.platform_cost;
    return;
  }
  CampaignFigures& f = daily[{campaign, DayKeyOf(fact.redeem_time)}];
  f.redemptions += 1;
  f.discount += fact.discount;
  f.partner_cost += fact.partner_cost;
  f.platform_cost += fact.platform_cost;
}

void ApplyCampaigns(ApplyTx& tx, const std::vector<Fact>& facts,
                    ApplyState& state) {
  std::map<std::string, CampaignInfo> campaigns;  // the latest of each
  for (const Fact& fact : facts) {
    if (const auto* c = std::get_if<CampaignChangedFact>(&fact)) {
      campaigns[c->campaign.campaign] = c->campaign;
    } else if (const auto* i = std::get_if<CodesIssuedFact>(&fact)) {
      AddCodesIssued(*i, state.campaign_daily);
    } else if (const auto* r = std::get_if<RedemptionFact>(&fact)) {
      AddRedemption(*r, state.campaign_daily);
    }
  }
  std::vector<CampaignInfo> rows;
  for (auto& [name, row] : campaigns) rows.push_back(std::move(row));
  tx.UpsertCampaigns(rows);
  if (!campaigns.empty()) state.lift_check = true;
}

void WriteCampaignDays(ApplyTx& tx, const CampaignDaily& daily) {
  std::vector<CampaignDayRow> rows;
  for (const auto& [key, figures] : daily) {
    if (key.first.empty()) continue;
    rows.push_back({key.first, key.second, figures});
  }
  tx.AddCampaignDays(rows);
}

}  // namespace partnerhub::reporting
