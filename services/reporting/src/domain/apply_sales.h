// The rules of a batch's purchases and refunds, in memory: given what the
// read models already hold for the batch's customers (SalesContext),
// SalesRollup sums what each purchase and refund adds to the purchase
// facts, partner days, campaign days, the pattern cube and the lift rows.
// ApplySales (domain/apply.h) reads the context and writes the rows.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_APPLY_SALES_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_APPLY_SALES_H_

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/time/time.h"
#include "services/reporting/src/domain/apply.h"
#include "services/reporting/src/domain/facts.h"
#include "services/reporting/src/domain/read_model_rows.h"

namespace partnerhub::reporting {

// A lift set up before the batch, with its range computed once.
struct ReadyLift {
  std::string campaign;
  // No holdout: every known customer outside the snapshot is the control.
  bool rest_control = false;
  LiftWindow window;
  // [window.before_start(), window.after_end()).
  absl::Time from, to;

  // The lift period `t` falls in; kNone outside the range.
  LiftPeriodKind PeriodOf(absl::Time t) const {
    if (t < from || t >= to) return LiftPeriodKind::kNone;
    return LiftPeriodOf(window, t);
  }
};
ReadyLift MakeReadyLift(const ReadyLiftRow& row);

// What the read models hold, before the batch, for its customers.
struct SalesContext {
  absl::flat_hash_map<std::string, CustomerDims> dims;
  // (customer, partner) pairs with an earlier purchase.
  absl::flat_hash_set<std::pair<std::string, std::string>> known_buyers;
  std::vector<ReadyLift> lifts;
  // (campaign, customer) -> group, of the lifts' members.
  absl::flat_hash_map<std::pair<std::string, std::string>, int> lift_groups;
  // The (campaign, customer, period) lift rows that exist.
  absl::flat_hash_set<std::tuple<std::string, std::string, int>> lift_rows;
};

// The sums of a batch's purchases and refunds, in feed order.
class SalesRollup {
 public:
  // Campaign figures go into `daily`.
  SalesRollup(SalesContext context, CampaignDaily& daily)
      : context_(std::move(context)), daily_(daily) {}

  // A purchase: a new buyer of its partner unless the pair bought before
  // (in the read models or earlier in the batch); counted in the cube per
  // line, and in each lift whose range holds it when the customer is in
  // one of its groups.
  void Add(const PurchaseRecordedFact& fact);
  // A refund: on the refund's day for partner and campaign; taken off the
  // lift row of the purchase's period when there is one.
  void Add(const PurchaseRefundedFact& fact);

  // The rows to write, in key order.
  std::vector<PurchaseFactRow> FactRows() const;
  std::vector<PartnerDayRow> PartnerDayRows() const;
  std::vector<PatternRow> PatternRows(PatternRollup rollup) const;
  std::vector<LiftCustomerRow> LiftCustomerRows() const;
  std::vector<LiftAggRow> LiftAggRows() const;

  // The lift group of `customer` in `lift`; 0 when in neither.
  int GroupOf(const ReadyLift& lift, const std::string& customer) const;

 private:
  struct Sums {
    int64_t lines = 0, quantity = 0, amount = 0;
  };
  // Day, age band, gender, region, category or partner.
  using PatternKey = std::tuple<int32_t, int, int, std::string, std::string>;
  using LiftKey = std::tuple<std::string, std::string, int>;
  using LiftAggKey = std::tuple<std::string, int, int>;

  PurchaseFactRow& FactOf(const PurchaseInfo& p, bool* fresh);
  void AddLines(const PurchaseInfo& p, int32_t day);
  void AddToLifts(const PurchaseInfo& p);
  void RefundFromLifts(const PurchaseInfo& p, int64_t amount);

  SalesContext context_;
  CampaignDaily& daily_;
  std::map<std::string, PurchaseFactRow> facts_;  // by purchase
  std::map<std::pair<std::string, int32_t>, PartnerDayRow> partner_days_;
  absl::flat_hash_map<PatternKey, Sums> by_category_, by_partner_;
  std::map<LiftKey, LiftCustomerRow> lift_rows_;
  std::map<LiftAggKey, LiftAggRow> lift_aggs_;
};

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_APPLY_SALES_H_
