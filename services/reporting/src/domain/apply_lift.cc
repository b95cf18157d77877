// Setting up a campaign's promotion lift once its window and complete
// snapshot are known: the members' groups, then the figures of the
// purchases already stored.
#include <string>
#include <vector>

#include "common/api/holdout.h"
#include "services/reporting/src/domain/apply.h"

namespace partnerhub::reporting {

LiftGroups AssignLiftGroups(const std::string& campaign,
                            const std::vector<std::string>& members,
                            int32_t holdout_bps) {
  LiftGroups out;
  out.members.reserve(members.size());
  for (const std::string& customer : members) {
    const bool held = IsHoldout(campaign, customer, holdout_bps);
    (held ? out.holdout : out.treated) += 1;
    out.members.push_back({campaign, customer, held ? kControl : kTreated});
  }
  return out;
}

void SetUpDueLifts(ApplyTx& tx) {
  for (const DueLiftRow& d : tx.DueLifts()) {
    tx.ClearLift(d.campaign);
    const LiftGroups groups = AssignLiftGroups(
        d.campaign, tx.SnapshotMembers(d.snapshot), d.holdout_bps);
    tx.InsertLiftMembers(groups.members);
    // No holdout: the rest of the known customers is the control group.
    tx.BackfillLift(d.campaign, d.window, /*rest_control=*/d.holdout_bps == 0);
    tx.UpsertLiftState({d.campaign, d.snapshot, d.holdout_bps, d.window,
                        groups.treated, groups.holdout});
  }
}

}  // namespace partnerhub::reporting
