// The reference figures of tests/fixture.h: what each read model must show,
// computed in plain C++ from the generated dataset's records
// (fixture_dataset.cc).
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "common/api/holdout.h"
#include "services/reporting/src/domain/rules.h"
#include "services/reporting/tests/fixture.h"

namespace partnerhub::reporting::testing {

LiftData ReferenceLift(const Dataset& d, const std::string& campaign) {
  const CampaignRec* k = nullptr;
  for (const CampaignRec& c : d.campaigns) {
    if (c.name == campaign) k = &c;
  }
  LiftData out;
  out.snapshot = k->snapshot;
  out.holdout_bps = k->holdout_bps;
  out.window = {k->start, k->end};
  std::map<std::string, int> grp;
  for (const std::string& m : d.snapshots.at(k->snapshot)) {
    const bool held = IsHoldout(campaign, m, k->holdout_bps);
    grp[m] = held ? kControl : kTreated;
    (held ? out.holdout_customers : out.treated_customers) += 1;
  }
  out.known_customers = static_cast<int64_t>(d.customers.size());
  std::set<std::tuple<int, int, std::string>> buyers;
  for (const PurchaseRec& p : d.purchases) {
    const LiftPeriodKind period = LiftPeriodOf(out.window, p.time);
    if (period == LiftPeriodKind::kNone) continue;
    int g = grp.contains(p.customer) ? grp[p.customer]
            : k->holdout_bps == 0    ? kControl
                                     : 0;
    if (g == 0) continue;
    const int pi = static_cast<int>(period);
    GroupPeriod& f = out.figures[g - 1][pi - 1];
    f.orders += 1;
    f.sales += p.total - p.refunded;
    if (buyers.emplace(g, pi, p.customer).second) f.buyers += 1;
  }
  return out;
}

PatternTotals ReferencePatterns(const Dataset& d, const Period& period,
                                const PatternFilter& filter) {
  std::map<std::string, const CustomerRec*> customers;
  for (const CustomerRec& c : d.customers) customers[c.name] = &c;
  PatternTotals out;
  for (const PurchaseRec& p : d.purchases) {
    const int32_t day = DayKeyOf(p.time);
    if (day < period.start_key() || day > period.end_key()) continue;
    const CustomerRec& c = *customers[p.customer];
    if (filter.age_band && *filter.age_band != c.age_band) continue;
    if (filter.gender && *filter.gender != c.gender) continue;
    if (filter.region && *filter.region != c.region) continue;
    for (const Item& i : p.items) {
      for (const auto& [map, key] : {std::pair{&out.by_category, &i.category},
                                     std::pair{&out.by_partner, &p.partner}}) {
        auto& v = (*map)[*key];
        v[0] += 1;
        v[1] += i.quantity;
        v[2] += i.amount;
      }
    }
  }
  return out;
}

PartnerFigures ReferencePartner(const Dataset& d, const std::string& partner,
                                const Period& period) {
  PartnerFigures out;
  std::set<std::string> seen;  // customers with an earlier purchase
  std::map<std::string, int> orders;
  for (const PurchaseRec& p : d.purchases) {
    if (p.partner != partner) continue;
    const bool first = seen.insert(p.customer).second;
    const int32_t day = DayKeyOf(p.time);
    if (day < period.start_key() || day > period.end_key()) continue;
    out.orders += 1;
    out.gmv += p.total;
    out.new_customers += first ? 1 : 0;
    orders[p.customer] += 1;
  }
  out.buyers = static_cast<int64_t>(orders.size());
  for (const auto& [c, n] : orders) out.repeat_buyers += n >= 2 ? 1 : 0;
  for (const CampaignRec& k : d.campaigns) {
    if (k.partner != partner) continue;
    // The dataset's codes and redemptions all fall inside the period used.
    auto get = [&](const std::map<std::string, int64_t>& m) {
      auto it = m.find(k.name);
      return it == m.end() ? 0 : it->second;
    };
    out.codes_issued += get(d.codes_issued);
    out.redemptions += get(d.redemptions) - get(d.voids);
  }
  for (const auto& [key, n] : d.funnel) {
    if (std::get<0>(key) == partner) out.funnel[std::get<2>(key) - 1] += n;
  }
  return out;
}

}  // namespace partnerhub::reporting::testing
