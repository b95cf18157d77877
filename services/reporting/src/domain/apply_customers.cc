// Applying customer-experience's facts other than sales: customers,
// segment snapshots and funnel reaches.
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "services/reporting/src/domain/apply.h"
#include "services/reporting/src/domain/rules.h"

namespace partnerhub::reporting {

void ApplyCustomers(ApplyTx& tx, const std::vector<Fact>& facts) {
  std::map<std::string, CustomerRow> customers;  // the latest of each
  for (const Fact& fact : facts) {
    const auto* c = std::get_if<CustomerChangedFact>(&fact);
    if (c == nullptr) continue;
    customers[c->customer] = {c->customer, c->age_band, c->gender, c->region,
                              c->sign_up_time};
  }
  if (customers.empty()) return;
  std::vector<std::string> names;
  std::vector<CustomerRow> rows;
  for (auto& [name, row] : customers) {
    names.push_back(name);
    rows.push_back(std::move(row));
  }
  const int64_t existing = tx.CountKnownCustomers(names);
  tx.UpsertCustomers(rows);
  const int64_t added = static_cast<int64_t>(names.size()) - existing;
  if (added != 0) tx.AddCustomerCount(added);
}

void ApplySnapshots(ApplyTx& tx, const std::vector<Fact>& facts,
                    ApplyState& state) {
  std::vector<SnapshotRow> taken;
  std::vector<SnapshotMemberRow> members;
  std::map<std::string, MembersReceivedRow> received;
  for (const Fact& fact : facts) {
    if (const auto* t = std::get_if<SnapshotTakenFact>(&fact)) {
      // An empty snapshot is complete at once.
      const bool empty = t->member_count == 0;
      taken.push_back({t->snapshot, t->member_count, empty});
      if (empty) state.lift_check = true;
    } else if (const auto* m = std::get_if<SnapshotMembersFact>(&fact)) {
      for (const std::string& customer : m->customers) {
        members.push_back({m->snapshot, customer});
      }
      MembersReceivedRow& r = received[m->snapshot];
      r.snapshot = m->snapshot;
      r.received += static_cast<int64_t>(m->customers.size());
      if (m->last) {
        r.last = true;
        state.lift_check = true;
      }
    }
  }
  tx.UpsertSnapshots(taken);
  tx.InsertSnapshotMembers(members);
  std::vector<MembersReceivedRow> rows;
  for (auto& [snapshot, r] : received) rows.push_back(std::move(r));
  tx.AddMembersReceived(rows);
}

void ApplyFunnel(ApplyTx& tx, const std::vector<Fact>& facts) {
  // (partner, day, campaign, stage) -> reaches.
  std::map<std::tuple<std::string, int32_t, std::string, int>, int64_t> counts;
  for (const Fact& fact : facts) {
    const auto* f = std::get_if<FunnelReachedFact>(&fact);
    if (f == nullptr) continue;
    for (const FunnelReach& r : f->reaches) {
      if (r.stage < 1 || r.stage > kStages) continue;
      counts[{r.partner, DayKeyOf(r.reach_time), r.campaign, r.stage}] += 1;
    }
  }
  std::vector<FunnelRow> rows;
  for (const auto& [key, n] : counts) {
    rows.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key),
                    std::get<3>(key), n});
  }
  tx.AddFunnel(rows);
}

}  // namespace partnerhub::reporting
