// Funnel rules: the stage each touchpoint type counts toward, how new
// touchpoints advance the stored progress (and which stages they reach
// for the first time), and the progress a list of touchpoints gives.
#include <algorithm>
#include <map>
#include <optional>

#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {
namespace {

std::optional<absl::Time> Earliest(std::optional<absl::Time> a,
                                   std::optional<absl::Time> b) {
  if (!a.has_value()) return b;
  if (!b.has_value()) return a;
  return std::min(*a, *b);
}

constexpr int Slot(FunnelStage s) { return static_cast<int>(s) - 1; }

}  // namespace

FunnelStage StageOf(TouchpointType type) {
  switch (type) {
    case TouchpointType::kAdImpression:
      return FunnelStage::kAware;
    case TouchpointType::kPageView:
    case TouchpointType::kSearch:
      return FunnelStage::kInterested;
    case TouchpointType::kAddToCart:
    case TouchpointType::kCouponReceived:
      return FunnelStage::kConsidering;
    case TouchpointType::kPurchase:
      return FunnelStage::kPurchased;
    case TouchpointType::kRepeatPurchase:
      return FunnelStage::kRepeat;
    case TouchpointType::kReview:
    case TouchpointType::kReferral:
      return FunnelStage::kAdvocate;
    default:
      return FunnelStage::kNone;
  }
}

FunnelStage FurthestStage(const StageTimes& reached) {
  for (int i = kStageCount - 1; i >= 0; --i) {
    if (reached[i].has_value()) return static_cast<FunnelStage>(i + 1);
  }
  return FunnelStage::kNone;
}

std::vector<FunnelDelta> FunnelDeltas(
    const std::vector<const Touchpoint*>& recorded) {
  // Per customer: earliest time per stage, plus the two earliest
  // purchases so that a second purchase in the batch counts as a repeat.
  struct Acc {
    StageTimes reached;
    std::vector<absl::Time> purchases;
  };
  std::map<int64_t, Acc> acc;
  auto add = [&](int64_t customer, const Touchpoint& t) {
    const FunnelStage stage = StageOf(t.type);
    if (stage == FunnelStage::kNone) return;
    Acc& a = acc[customer];
    if (stage == FunnelStage::kPurchased) {
      a.purchases.push_back(t.occur_time);
      return;
    }
    auto& slot = a.reached[Slot(stage)];
    slot = Earliest(slot, t.occur_time);
  };
  for (const Touchpoint* t : recorded) add(t->customer_key, *t);
  std::vector<FunnelDelta> out;
  out.reserve(acc.size());
  for (auto& [key, a] : acc) {
    std::sort(a.purchases.begin(), a.purchases.end());
    if (!a.purchases.empty())
      a.reached[Slot(FunnelStage::kPurchased)] = a.purchases[0];
    if (a.purchases.size() > 1) {
      auto& repeat = a.reached[Slot(FunnelStage::kRepeat)];
      repeat = Earliest(repeat, a.purchases[1]);
    }
    out.push_back({key, a.reached});
  }
  return out;
}

void MergeFunnel(StageTimes& row, const StageTimes& delta) {
  const int p = Slot(FunnelStage::kPurchased);
  const int r = Slot(FunnelStage::kRepeat);
  // A purchase on each side: the later of the two first purchases is a
  // second purchase. (Computed before the purchase time is merged.)
  std::optional<absl::Time> second;
  if (row[p].has_value() && delta[p].has_value())
    second = std::max(*row[p], *delta[p]);
  row[r] = Earliest(Earliest(row[r], delta[r]), second);
  for (int i = 0; i < kStageCount; ++i) {
    if (i != r) row[i] = Earliest(row[i], delta[i]);
  }
}

namespace {

// The delta one scope's (a customer's, or a customer's with one partner)
// new touchpoints give, as FunnelDeltas computes it.
StageTimes ScopeDelta(const std::vector<const Touchpoint*>& ts) {
  StageTimes reached;
  std::vector<absl::Time> purchases;
  for (const Touchpoint* t : ts) {
    const FunnelStage stage = StageOf(t->type);
    if (stage == FunnelStage::kPurchased) {
      purchases.push_back(t->occur_time);
    } else if (stage != FunnelStage::kNone) {
      reached[Slot(stage)] = Earliest(reached[Slot(stage)], t->occur_time);
    }
  }
  std::sort(purchases.begin(), purchases.end());
  if (!purchases.empty()) reached[Slot(FunnelStage::kPurchased)] = purchases[0];
  if (purchases.size() > 1) {
    auto& repeat = reached[Slot(FunnelStage::kRepeat)];
    repeat = Earliest(repeat, purchases[1]);
  }
  return reached;
}

// The first reaches of one scope; see AdvanceFunnel.
void ScopeReaches(int64_t customer_key, int64_t partner_id,
                  const StageTimes& stored, const StageTimes& merged,
                  const std::vector<const Touchpoint*>& ts,
                  std::vector<StageReach>& out) {
  for (int i = 0; i < kStageCount; ++i) {
    if (stored[i].has_value() || !merged[i].has_value()) continue;
    const FunnelStage stage = static_cast<FunnelStage>(i + 1);
    const absl::Time when = *merged[i];
    StageReach reach{.customer_key = customer_key,
                     .customer_id = ts.front()->customer_id,
                     .partner_id = partner_id,
                     .stage = stage,
                     .reach_time = when};
    const Touchpoint* at = nullptr;
    for (const Touchpoint* t : ts) {
      if (StageOf(t->type) == stage && t->occur_time == when) {
        at = t;
        break;
      }
    }
    if (at == nullptr && stage == FunnelStage::kRepeat) {
      // The second purchase: of the stored first purchase (nullptr) and the
      // new ones, in time order; at equal times the stored one first, so
      // that a new purchase is the second.
      std::vector<std::pair<absl::Time, const Touchpoint*>> purchases;
      if (const auto& p = stored[Slot(FunnelStage::kPurchased)]; p.has_value())
        purchases.emplace_back(*p, nullptr);
      for (const Touchpoint* t : ts) {
        if (t->type == TouchpointType::kPurchase)
          purchases.emplace_back(t->occur_time, t);
      }
      std::stable_sort(purchases.begin(), purchases.end(),
                       [](const auto& a, const auto& b) {
                         if (a.first != b.first) return a.first < b.first;
                         return a.second == nullptr && b.second != nullptr;
                       });
      if (purchases.size() > 1 && purchases[1].first == when) {
        at = purchases[1].second;
        reach.at_stored_purchase = at == nullptr;
      }
    }
    if (at != nullptr) reach.campaign_id = at->campaign_id;
    out.push_back(std::move(reach));
  }
}

}  // namespace

std::vector<int64_t> FunnelCustomers(
    const std::vector<const Touchpoint*>& recorded) {
  std::vector<int64_t> out;
  for (const Touchpoint* t : recorded) {
    if (StageOf(t->type) != FunnelStage::kNone) out.push_back(t->customer_key);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<PartnerKey> FunnelPartners(
    const std::vector<const Touchpoint*>& recorded) {
  std::vector<PartnerKey> out;
  for (const Touchpoint* t : recorded) {
    if (t->partner_id != 0 && StageOf(t->type) != FunnelStage::kNone)
      out.emplace_back(t->customer_key, t->partner_id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

FunnelAdvance AdvanceFunnel(
    const std::vector<const Touchpoint*>& recorded,
    const absl::flat_hash_map<int64_t, StageTimes>& stored_overall,
    const absl::flat_hash_map<PartnerKey, StageTimes>& stored_partners) {
  // Each scope's touchpoints, in the batch's order; ordered scopes.
  std::map<PartnerKey, std::vector<const Touchpoint*>> scopes;
  for (const Touchpoint* t : recorded) {
    if (StageOf(t->type) == FunnelStage::kNone) continue;
    scopes[{t->customer_key, 0}].push_back(t);
    if (t->partner_id != 0)
      scopes[{t->customer_key, t->partner_id}].push_back(t);
  }
  static const StageTimes kNothing{};
  FunnelAdvance out;
  for (const auto& [scope, ts] : scopes) {
    const auto [customer_key, partner_id] = scope;
    const StageTimes delta = ScopeDelta(ts);
    const StageTimes* stored = &kNothing;
    if (partner_id == 0) {
      if (auto it = stored_overall.find(customer_key);
          it != stored_overall.end())
        stored = &it->second;
    } else if (auto it = stored_partners.find(scope);
               it != stored_partners.end()) {
      stored = &it->second;
    }
    StageTimes merged = *stored;
    MergeFunnel(merged, delta);
    // Rows the batch does not change are not written.
    if (merged != *stored) {
      if (partner_id == 0) {
        out.overall.push_back({customer_key, delta});
      } else {
        out.partners.push_back({customer_key, partner_id, delta});
      }
    }
    ScopeReaches(customer_key, partner_id, *stored, merged, ts, out.reaches);
  }
  return out;
}

StageTimes ProgressOf(const std::vector<Touchpoint>& touchpoints) {
  StageTimes out;
  std::vector<absl::Time> purchases;
  for (const Touchpoint& t : touchpoints) {
    const FunnelStage stage = StageOf(t.type);
    if (stage == FunnelStage::kNone) continue;
    if (stage == FunnelStage::kPurchased) purchases.push_back(t.occur_time);
    out[Slot(stage)] = Earliest(out[Slot(stage)], t.occur_time);
  }
  std::sort(purchases.begin(), purchases.end());
  if (purchases.size() > 1) {
    out[Slot(FunnelStage::kRepeat)] =
        Earliest(out[Slot(FunnelStage::kRepeat)], purchases[1]);
  }
  return out;
}

std::vector<FunnelProgress> PartnerProgress(
    const std::vector<Touchpoint>& touchpoints) {
  std::map<int64_t, std::vector<Touchpoint>> by_partner;
  for (const Touchpoint& t : touchpoints) {
    if (t.partner_id != 0 && StageOf(t.type) != FunnelStage::kNone) {
      by_partner[t.partner_id].push_back(t);
    }
  }
  std::vector<FunnelProgress> out;
  for (const auto& [partner, events] : by_partner) {
    out.push_back({partner, ProgressOf(events)});
  }
  return out;
}

std::vector<TouchpointType> TypesAtOrAfter(FunnelStage stage) {
  std::vector<TouchpointType> out;
  for (int t = 1; t <= kMaxTouchpointType; ++t) {
    const auto type = static_cast<TouchpointType>(t);
    if (StageOf(type) != FunnelStage::kNone && StageOf(type) >= stage)
      out.push_back(type);
  }
  return out;
}

}  // namespace partnerhub::customer_experience
