#include "services/reporting/src/domain/apply_sales.h"

#include <algorithm>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace partnerhub::reporting {
namespace {

template <typename Set>
std::vector<std::string> Sorted(const Set& set) {
  std::vector<std::string> out(set.begin(), set.end());
  std::sort(out.begin(), out.end());
  return out;
}

// A batch's purchases and refunds in `currency`, in feed order, and their
// customers.
struct BatchSales {
  std::vector<const Fact*> sales;
  absl::flat_hash_set<std::string> customers;
};

BatchSales SalesOf(const std::vector<Fact>& facts,
                   const std::string& currency) {
  BatchSales out;
  for (const Fact& fact : facts) {
    if (const auto* r = std::get_if<PurchaseRecordedFact>(&fact)) {
      if (r->purchase.currency != currency) continue;
      out.sales.push_back(&fact);
      out.customers.insert(r->purchase.customer);
    } else if (const auto* f = std::get_if<PurchaseRefundedFact>(&fact)) {
      if (f->currency != currency) continue;
      out.sales.push_back(&fact);
      out.customers.insert(f->purchase.customer);
    }
  }
  return out;
}

const PurchaseInfo& PurchaseOf(const Fact& fact) {
  if (const auto* r = std::get_if<PurchaseRecordedFact>(&fact)) {
    return r->purchase;
  }
  return std::get<PurchaseRefundedFact>(fact).purchase;
}

// The (customer, partner) pairs of the batch's purchases that bought
// before it.
absl::flat_hash_set<std::pair<std::string, std::string>> KnownBuyersOf(
    ApplyTx& tx, const BatchSales& batch) {
  absl::flat_hash_set<std::pair<std::string, std::string>> pairs;
  for (const Fact* fact : batch.sales) {
    const auto* r = std::get_if<PurchaseRecordedFact>(fact);
    if (r != nullptr) pairs.emplace(r->purchase.customer, r->purchase.partner);
  }
  // By partner, then customer (the read's order).
  std::vector<std::pair<std::string, std::string>> sorted(pairs.begin(),
                                                          pairs.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second, a.first) < std::tie(b.second, b.first);
  });
  return tx.KnownBuyers(sorted);
}

// What the read models hold for the batch's customers.
SalesContext ReadContext(ApplyTx& tx, const BatchSales& batch) {
  SalesContext context;
  const std::vector<std::string> customers = Sorted(batch.customers);
  context.dims = tx.DimsOf(customers);
  context.known_buyers = KnownBuyersOf(tx, batch);
  // Lifts set up before this batch (those set up at its end are
  // backfilled with this batch's purchases included).
  for (const ReadyLiftRow& row : tx.ReadyLifts()) {
    context.lifts.push_back(MakeReadyLift(row));
  }
  absl::flat_hash_set<std::string> lift_customers;
  for (const Fact* fact : batch.sales) {
    const PurchaseInfo& p = PurchaseOf(*fact);
    for (const ReadyLift& l : context.lifts) {
      if (l.PeriodOf(p.purchase_time) != LiftPeriodKind::kNone) {
        lift_customers.insert(p.customer);
      }
    }
  }
  if (!lift_customers.empty()) {
    const std::vector<std::string> v = Sorted(lift_customers);
    context.lift_groups = tx.LiftGroupsOf(v);
    context.lift_rows = tx.LiftRowsOf(v);
  }
  return context;
}

}  // namespace

ReadyLift MakeReadyLift(const ReadyLiftRow& row) {
  ReadyLift l;
  l.campaign = row.campaign;
  l.rest_control = row.holdout_bps == 0;
  l.window = row.window;
  l.from = l.window.before_start();
  l.to = l.window.after_end();
  return l;
}

std::array<CustomerDims, 8> CubeCells(const CustomerDims& dims) {
  std::array<CustomerDims, 8> out;
  for (int mask = 0; mask < 8; ++mask) {
    out[mask].age_band = mask & 1 ? kAnyAttribute : dims.age_band;
    out[mask].gender = mask & 2 ? kAnyAttribute : dims.gender;
    out[mask].region = mask & 4 ? std::string(kAnyRegion) : dims.region;
  }
  return out;
}

int32_t RefundDay(const PurchaseRefundedFact& fact) {
  return DayKeyOf(fact.refund_time.value_or(fact.event_time));
}

int SalesRollup::GroupOf(const ReadyLift& lift,
                         const std::string& customer) const {
  auto it = context_.lift_groups.find({lift.campaign, customer});
  if (it != context_.lift_groups.end()) return it->second;
  return lift.rest_control ? kControl : 0;
}

PurchaseFactRow& SalesRollup::FactOf(const PurchaseInfo& p, bool* fresh) {
  auto [it, inserted] = facts_.try_emplace(p.purchase);
  if (fresh != nullptr) *fresh = inserted;
  return it->second;
}

void SalesRollup::Add(const PurchaseRecordedFact& fact) {
  const PurchaseInfo& p = fact.purchase;
  const int32_t day = DayKeyOf(p.purchase_time);
  PurchaseFactRow& f = FactOf(p, nullptr);
  f.purchase = p.purchase;
  f.customer = p.customer;
  f.partner = p.partner;
  f.campaign = p.campaign;
  f.purchase_time = p.purchase_time;
  f.day = day;
  f.total = p.total;

  const bool is_new =
      context_.known_buyers.emplace(p.customer, p.partner).second;
  PartnerDayRow& pd = partner_days_[{p.partner, day}];
  pd.orders += 1;
  pd.gmv += p.total;
  pd.new_customers += is_new ? 1 : 0;
  if (!p.campaign.empty()) {
    CampaignFigures& cf = daily_[{p.campaign, day}];
    cf.orders += 1;
    cf.gmv += p.total;
    (is_new ? cf.new_customer_orders : cf.returning_customer_orders) += 1;
  }
  AddLines(p, day);
  AddToLifts(p);
}

void SalesRollup::AddLines(const PurchaseInfo& p, int32_t day) {
  auto it = context_.dims.find(p.customer);
  const std::array<CustomerDims, 8> cells =
      CubeCells(it != context_.dims.end() ? it->second : CustomerDims{});
  for (const PurchaseLine& line : p.lines) {
    for (const CustomerDims& cell : cells) {
      Sums& sc = by_category_[{day, cell.age_band, cell.gender, cell.region,
                               line.category}];
      Sums& sp = by_partner_[{day, cell.age_band, cell.gender, cell.region,
                              p.partner}];
      for (Sums* s : {&sc, &sp}) {
        s->lines += 1;
        s->quantity += line.quantity;
        s->amount += line.amount;
      }
    }
  }
}

void SalesRollup::AddToLifts(const PurchaseInfo& p) {
  for (const ReadyLift& l : context_.lifts) {
    const LiftPeriodKind period = l.PeriodOf(p.purchase_time);
    if (period == LiftPeriodKind::kNone) continue;
    const int grp = GroupOf(l, p.customer);
    if (grp == 0) continue;
    const int lp = static_cast<int>(period);
    LiftCustomerRow& row = lift_rows_[{l.campaign, p.customer, lp}];
    row.grp = grp;
    row.orders += 1;
    row.sales += p.total;
    LiftAggRow& agg = lift_aggs_[{l.campaign, grp, lp}];
    agg.orders += 1;
    agg.sales += p.total;
    if (context_.lift_rows.emplace(l.campaign, p.customer, lp).second) {
      agg.buyers += 1;
    }
  }
}

void SalesRollup::Add(const PurchaseRefundedFact& fact) {
  const PurchaseInfo& p = fact.purchase;
  const int32_t refund_day = RefundDay(fact);
  bool fresh = false;
  PurchaseFactRow& f = FactOf(p, &fresh);
  if (fresh) {  // the purchase is already stored (or was never seen)
    f.purchase = p.purchase;
    f.customer = p.customer;
    f.partner = p.partner;
    f.campaign = p.campaign;
    f.purchase_time = p.purchase_time;
    f.day = DayKeyOf(p.purchase_time);
    f.total = p.total;
  }
  f.refunded += fact.amount;
  partner_days_[{p.partner, refund_day}].refunds += fact.amount;
  if (!p.campaign.empty())
    daily_[{p.campaign, refund_day}].refunds += fact.amount;
  RefundFromLifts(p, fact.amount);
}

void SalesRollup::RefundFromLifts(const PurchaseInfo& p, int64_t amount) {
  for (const ReadyLift& l : context_.lifts) {
    const LiftPeriodKind period = l.PeriodOf(p.purchase_time);
    if (period == LiftPeriodKind::kNone) continue;
    const int grp = GroupOf(l, p.customer);
    const int lp = static_cast<int>(period);
    if (grp == 0 ||
        !context_.lift_rows.contains({l.campaign, p.customer, lp})) {
      continue;
    }
    LiftCustomerRow& row = lift_rows_[{l.campaign, p.customer, lp}];
    row.grp = grp;
    row.sales -= amount;
    lift_aggs_[{l.campaign, grp, lp}].sales -= amount;
  }
}

std::vector<PurchaseFactRow> SalesRollup::FactRows() const {
  std::vector<PurchaseFactRow> out;
  out.reserve(facts_.size());
  for (const auto& [purchase, f] : facts_) out.push_back(f);
  return out;
}

std::vector<PartnerDayRow> SalesRollup::PartnerDayRows() const {
  std::vector<PartnerDayRow> out;
  out.reserve(partner_days_.size());
  for (const auto& [key, v] : partner_days_) {
    PartnerDayRow row = v;
    row.partner = key.first;
    row.day = key.second;
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<PatternRow> SalesRollup::PatternRows(PatternRollup rollup) const {
  const auto& table =
      rollup == PatternRollup::kCategory ? by_category_ : by_partner_;
  // In key order (the rows' order in the table).
  std::vector<const std::pair<const PatternKey, Sums>*> sorted;
  sorted.reserve(table.size());
  for (const auto& entry : table) sorted.push_back(&entry);
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  std::vector<PatternRow> out;
  out.reserve(sorted.size());
  for (const auto* entry : sorted) {
    const auto& [key, s] = *entry;
    out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key),
                   std::get<3>(key), std::get<4>(key), s.lines, s.quantity,
                   s.amount});
  }
  return out;
}

std::vector<LiftCustomerRow> SalesRollup::LiftCustomerRows() const {
  std::vector<LiftCustomerRow> out;
  out.reserve(lift_rows_.size());
  for (const auto& [key, v] : lift_rows_) {
    LiftCustomerRow row = v;
    row.campaign = std::get<0>(key);
    row.customer = std::get<1>(key);
    row.period = static_cast<LiftPeriodKind>(std::get<2>(key));
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<LiftAggRow> SalesRollup::LiftAggRows() const {
  std::vector<LiftAggRow> out;
  out.reserve(lift_aggs_.size());
  for (const auto& [key, v] : lift_aggs_) {
    LiftAggRow row = v;
    row.campaign = std::get<0>(key);
    row.grp = std::get<1>(key);
    row.period = static_cast<LiftPeriodKind>(std::get<2>(key));
    out.push_back(std::move(row));
  }
  return out;
}

void ApplySales(ApplyTx& tx, const std::vector<Fact>& facts,
                const std::string& currency, ApplyState& state) {
  const BatchSales batch = SalesOf(facts, currency);
  if (batch.sales.empty()) return;
  SalesRollup rollup(ReadContext(tx, batch), state.campaign_daily);
  for (const Fact* fact : batch.sales) {
    if (const auto* r = std::get_if<PurchaseRecordedFact>(fact)) {
      rollup.Add(*r);
    } else {
      rollup.Add(std::get<PurchaseRefundedFact>(*fact));
    }
  }
  tx.UpsertPurchaseFacts(rollup.FactRows());
  tx.AddPartnerDays(rollup.PartnerDayRows());
  tx.AddPatterns(PatternRollup::kCategory,
                 rollup.PatternRows(PatternRollup::kCategory));
  tx.AddPatterns(PatternRollup::kPartner,
                 rollup.PatternRows(PatternRollup::kPartner));
  tx.AddLiftCustomerRows(rollup.LiftCustomerRows());
  tx.AddLiftAggs(rollup.LiftAggRows());
}

}  // namespace partnerhub::reporting
