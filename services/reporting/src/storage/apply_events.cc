// Applying a batch of feed events to the read models, set-based: the
// batch's effects are summed in memory per rollup key, then written with a
// few multi-row INSERT ... ON DUPLICATE KEY UPDATE statements. Runs inside
// the apply transaction, after the feed position and apply_lock rows are
// locked, so nothing else changes the read models meanwhile.
#include <cppconn/resultset.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "common/api/holdout.h"
#include "common/mysql/batch_sql.h"
#include "common/mysql/statement.h"
#include "services/reporting/src/domain/rules.h"
#include "services/reporting/src/domain/types.h"
#include "services/reporting/src/storage/mysql_read_model_store.h"
#include "services/reporting/src/storage/sql.h"

namespace partnerhub::reporting {
namespace {

using events::v1::Event;
using mysql::Connection;
using mysql::Param;
using mysql::Params;

absl::Time ToTime(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

Param OptionalTime(bool has, const google::protobuf::Timestamp& ts) {
  if (!has) return nullptr;
  return Param(ToTime(ts));
}

// Calls run(statement, params) for head + `per_row`-parameter rows + tail
// over `params`, in chunks of the sizes ChunkSizes gives (so each
// connection prepares a handful of statements).
void ForEachChunk(
    const char* head, const char* row, const char* tail, size_t per_row,
    const Params& params,
    const std::function<void(const std::string&, const Params&)>& run) {
  const int n = static_cast<int>(params.size() / per_row);
  size_t offset = 0;
  for (int size : mysql::ChunkSizes(n)) {
    const Params chunk(params.begin() + offset,
                       params.begin() + offset + size * per_row);
    offset += size * per_row;
    run(mysql::RepeatRows(head, row, size, tail), chunk);
  }
}

// Executes head + rows + tail over `params` (see ForEachChunk).
void RunRows(Connection& c, const char* head, const char* row, const char* tail,
             size_t per_row, const Params& params) {
  ForEachChunk(head, row, tail, per_row, params,
               [&](const std::string& sql, const Params& chunk) {
                 mysql::Execute(c, sql, chunk);
               });
}

// Queries head + rows + tail over `params` (see ForEachChunk); `f` for each
// result row.
void SelectRows(Connection& c, const char* head, const char* row,
                const char* tail, size_t per_row, const Params& params,
                const std::function<void(sql::ResultSet&)>& f) {
  ForEachChunk(head, row, tail, per_row, params,
               [&](const std::string& sql, const Params& chunk) {
                 std::unique_ptr<sql::ResultSet> rs =
                     mysql::Query(c, sql, chunk);
                 while (rs->next()) f(*rs);
               });
}

// Runs head + "?, ?, ..." + tail over `keys` in chunks; `f` for each row.
void SelectIn(Connection& c, const char* head, const char* tail,
              const std::vector<std::string>& keys,
              const std::function<void(sql::ResultSet&)>& f) {
  SelectRows(c, head, "?", tail, 1, Params(keys.begin(), keys.end()), f);
}

template <typename Set>
std::vector<std::string> Sorted(const Set& set) {
  std::vector<std::string> out(set.begin(), set.end());
  std::sort(out.begin(), out.end());
  return out;
}

struct Dims {
  int age_band = 0;
  int gender = 0;
  std::string region;
};

struct PartnerDay {
  int64_t orders = 0, gmv = 0, refunds = 0, new_customers = 0;
};

struct Sums {
  int64_t lines = 0, quantity = 0, amount = 0;
};
// A pattern rollup row: day, age band, gender, region, category or partner.
using PatternKey = std::tuple<int32_t, int, int, std::string, std::string>;

struct LiftRow {
  int grp = 0;
  int64_t orders = 0, sales = 0;
};

struct LiftAgg {
  int64_t buyers = 0, orders = 0, sales = 0;
};

struct ReadyLift {
  std::string campaign;
  bool rest_control = false;
  LiftWindow window;
  // [window.before_start(), window.after_end()), computed once.
  absl::Time from, to;

  LiftPeriodKind PeriodOf(absl::Time t) const {
    if (t < from || t >= to) return LiftPeriodKind::kNone;
    return LiftPeriodOf(window, t);
  }
};

struct FactRow {
  std::string customer, partner, campaign;
  absl::Time purchase_time;
  int64_t total = 0, refunded = 0;
};

class BatchApplier {
 public:
  BatchApplier(Connection& c, const std::vector<Event>& events,
               const StoreOptions& options)
      : c_(c), events_(events), options_(options) {}

  void Run() {
    Registry();
    Campaigns();
    Customers();
    Snapshots();
    Sales();
    Funnel();
    WriteCampaignDaily();
    if (lift_check_) SetUpLifts();
  }

 private:
  // ---- partner-registry ----
  void Registry() {
    std::map<std::string, Params> partners;
    std::map<std::string, std::optional<Params>> agreements;
    for (const Event& e : events_) {
      if (e.has_partner_changed()) {
        const auto& p = e.partner_changed().partner();
        partners[p.name()] = {p.name(), p.display_name(), int64_t{p.state()},
                              int64_t{e.partner_changed().change() ==
                                      events::v1::PartnerChanged::DELETED}};
      } else if (e.has_agreement_changed()) {
        const auto& a = e.agreement_changed().agreement();
        if (e.agreement_changed().change() ==
            events::v1::AgreementChanged::DELETED) {
          agreements[a.name()] = std::nullopt;
          continue;
        }
        auto day = [](const type::v1::Date& d) -> int64_t {
          return d.year() * 10000 + d.month() * 100 + d.day();
        };
        const auto& k = a.kpi_targets();
        agreements[a.name()] = Params{a.name(),
                                      ParentName(a.name()),
                                      day(a.start_date()),
                                      day(a.end_date()),
                                      int64_t{a.state()},
                                      k.new_customers(),
                                      k.gmv().amount_minor(),
                                      k.orders(),
                                      int64_t{k.repeat_purchase_rate_bps()},
                                      int64_t{k.coupon_redemption_rate_bps()}};
      }
    }
    Params rows;
    for (auto& [name, row] : partners) {
      rows.insert(rows.end(), row.begin(), row.end());
    }
    RunRows(c_, kUpsertPartnersHead, kUpsertPartnersRow, kUpsertPartnersTail, 4,
            rows);
    rows.clear();
    for (auto& [name, row] : agreements) {
      if (!row.has_value()) {
        mysql::Execute(c_, kDeleteAgreement, {name});
        continue;
      }
      rows.insert(rows.end(), row->begin(), row->end());
    }
    RunRows(c_, kUpsertAgreementsHead, kUpsertAgreementsRow,
            kUpsertAgreementsTail, 10, rows);
  }

  // ---- campaign ----
  void Campaigns() {
    std::map<std::string, Params> campaigns;
    for (const Event& e : events_) {
      if (e.has_campaign_changed()) {
        const auto& k = e.campaign_changed().campaign();
        campaigns[k.name()] = {k.name(),
                               k.partner(),
                               k.display_name(),
                               int64_t{k.state()},
                               OptionalTime(k.has_start_time(), k.start_time()),
                               OptionalTime(k.has_end_time(), k.end_time()),
                               k.budget().amount_minor(),
                               k.budget().currency_code(),
                               int64_t{k.partner_discount_share_bps()},
                               k.segment_snapshot(),
                               int64_t{k.holdout_bps()}};
      } else if (e.has_code_issuance_changed()) {
        const auto& ci = e.code_issuance_changed();
        Daily(ParentName(ci.issuance().name()),
              DayKeyOf(ToTime(e.event_time())))
            .codes_issued += ci.issued_in_chunk();
      } else if (e.has_redemption_changed()) {
        const auto& r = e.redemption_changed().redemption();
        const std::string campaign = ParentName(r.name());
        if (e.redemption_changed().change() ==
            events::v1::RedemptionChanged::VOIDED) {
          const absl::Time at = r.has_void_time() ? ToTime(r.void_time())
                                                  : ToTime(e.event_time());
          CampaignFigures& f = Daily(campaign, DayKeyOf(at));
          f.voids += 1;
          f.discount -= r.discount().amount_minor();
          f.partner_cost -= r.partner_cost().amount_minor();
          f.platform_cost -= r.platform_cost().amount_minor();
        } else {
          CampaignFigures& f =
              Daily(campaign, DayKeyOf(ToTime(r.redeem_time())));
          f.redemptions += 1;
          f.discount += r.discount().amount_minor();
          f.partner_cost += r.partner_cost().amount_minor();
          f.platform_cost += r.platform_cost().amount_minor();
        }
      }
    }
    Params rows;
    for (auto& [name, row] : campaigns) {
      rows.insert(rows.end(), row.begin(), row.end());
    }
    RunRows(c_, kUpsertCampaignsHead, kUpsertCampaignsRow, kUpsertCampaignsTail,
            11, rows);
    if (!campaigns.empty()) lift_check_ = true;
  }

  CampaignFigures& Daily(const std::string& campaign, int32_t day) {
    return campaign_daily_[{campaign, day}];
  }

  void WriteCampaignDaily() {
    Params rows;
    for (const auto& [key, f] : campaign_daily_) {
      if (key.first.empty()) continue;
      rows.insert(
          rows.end(),
          {key.first, int64_t{key.second}, f.redemptions, f.voids, f.discount,
           f.partner_cost, f.platform_cost, f.codes_issued, f.orders, f.gmv,
           f.refunds, f.new_customer_orders, f.returning_customer_orders});
    }
    RunRows(c_, kUpsertCampaignDailyHead, kUpsertCampaignDailyRow,
            kUpsertCampaignDailyTail, 13, rows);
  }

  // ---- customer-experience ----
  void Customers() {
    std::map<std::string, Params> customers;
    for (const Event& e : events_) {
      if (!e.has_customer_changed()) continue;
      const auto& k = e.customer_changed().customer();
      customers[k.name()] = {
          k.name(), int64_t{k.age_band()}, int64_t{k.gender()}, k.region(),
          OptionalTime(k.has_sign_up_time(), k.sign_up_time())};
    }
    if (customers.empty()) return;
    std::vector<std::string> names;
    for (const auto& [name, row] : customers) names.push_back(name);
    int64_t existing = 0;
    SelectIn(c_, kSelectCustomersIn, ")", names,
             [&](sql::ResultSet&) { ++existing; });
    Params rows;
    for (auto& [name, row] : customers) {
      rows.insert(rows.end(), row.begin(), row.end());
    }
    RunRows(c_, kUpsertCustomersHead, kUpsertCustomersRow, kUpsertCustomersTail,
            5, rows);
    const int64_t added = static_cast<int64_t>(names.size()) - existing;
    if (added != 0) mysql::Execute(c_, kAddCustomerCount, {added});
  }

  void Snapshots() {
    Params taken, members;
    std::map<std::string, std::pair<int64_t, int64_t>> received;  // n, last
    for (const Event& e : events_) {
      if (e.has_segment_snapshot_taken()) {
        const auto& s = e.segment_snapshot_taken().snapshot();
        taken.insert(taken.end(), {s.name(), s.member_count(),
                                   int64_t{s.member_count() == 0 ? 1 : 0}});
        if (s.member_count() == 0) lift_check_ = true;
      } else if (e.has_segment_snapshot_members()) {
        const auto& m = e.segment_snapshot_members();
        for (const std::string& customer : m.customers()) {
          members.insert(members.end(), {m.snapshot(), customer});
        }
        auto& r = received[m.snapshot()];
        r.first += m.customers_size();
        if (m.last()) {
          r.second = 1;
          lift_check_ = true;
        }
      }
    }
    RunRows(c_, kUpsertSnapshotsHead, kUpsertSnapshotsRow, kUpsertSnapshotsTail,
            3, taken);
    RunRows(c_, kInsertMembersHead, kInsertMembersRow, "", 2, members);
    Params rows;
    for (const auto& [snapshot, r] : received) {
      rows.insert(rows.end(), {snapshot, r.first, r.second});
    }
    RunRows(c_, kAddMembersReceivedHead, kAddMembersReceivedRow,
            kAddMembersReceivedTail, 3, rows);
  }

  void LoadReadyLifts() {
    std::unique_ptr<sql::ResultSet> rs = mysql::Query(c_, kSelectReadyLifts);
    while (rs->next()) {
      ReadyLift l;
      l.campaign = mysql::GetString(*rs, "campaign");
      l.rest_control = mysql::GetInt64(*rs, "holdout_bps") == 0;
      l.window.start = mysql::GetTime(*rs, "start_time");
      l.window.end = mysql::GetTime(*rs, "end_time");
      l.from = l.window.before_start();
      l.to = l.window.after_end();
      ready_lifts_.push_back(std::move(l));
    }
  }

  bool InReporting(const type::v1::Money& m) const {
    return m.currency_code() == options_.currency;
  }

  void Sales() {
    std::vector<const Event*> sales;
    absl::flat_hash_set<std::string> customer_set;
    for (const Event& e : events_) {
      if (e.has_purchase_recorded()) {
        const auto& p = e.purchase_recorded().purchase();
        if (!InReporting(p.total())) continue;
        sales.push_back(&e);
        customer_set.insert(p.customer());
      } else if (e.has_purchase_refunded()) {
        if (!InReporting(e.purchase_refunded().refund().amount())) continue;
        sales.push_back(&e);
        customer_set.insert(e.purchase_refunded().purchase().customer());
      }
    }
    if (sales.empty()) return;
    const std::vector<std::string> customers = Sorted(customer_set);

    absl::flat_hash_map<std::string, Dims> dims;
    SelectIn(c_, kSelectDimsIn, ")", customers, [&](sql::ResultSet& rs) {
      dims[std::string(rs.getString(1))] = {rs.getInt(2), rs.getInt(3),
                                            std::string(rs.getString(4))};
    });
    // The batch's (customer, partner) pairs that have an earlier purchase.
    absl::flat_hash_set<std::pair<std::string, std::string>> known_pairs;
    {
      absl::flat_hash_set<std::pair<std::string, std::string>> pairs;
      for (const Event* e : sales) {
        if (!e->has_purchase_recorded()) continue;
        const auto& p = e->purchase_recorded().purchase();
        pairs.emplace(p.partner(), p.customer());
      }
      std::vector<std::pair<std::string, std::string>> sorted(pairs.begin(),
                                                              pairs.end());
      std::sort(sorted.begin(), sorted.end());
      Params params;
      params.reserve(2 * sorted.size());
      for (auto& [partner, customer] : sorted) {
        params.emplace_back(std::move(partner));
        params.emplace_back(std::move(customer));
      }
      SelectRows(c_, kSelectKnownPairsHead, "(?, ?)", ")", 2, params,
                 [&](sql::ResultSet& rs) {
                   known_pairs.emplace(std::string(rs.getString(1)),
                                       std::string(rs.getString(2)));
                 });
    }

    // Lifts set up before this batch (those set up at its end are
    // backfilled with this batch's purchases included).
    LoadReadyLifts();
    absl::flat_hash_set<std::string> lift_customers;
    for (const Event* e : sales) {
      const auto& p = e->has_purchase_recorded()
                          ? e->purchase_recorded().purchase()
                          : e->purchase_refunded().purchase();
      const absl::Time t = ToTime(p.purchase_time());
      for (const ReadyLift& l : ready_lifts_) {
        if (l.PeriodOf(t) != LiftPeriodKind::kNone) {
          lift_customers.insert(p.customer());
        }
      }
    }
    // campaign → customer → grp, and the (campaign, customer, period) rows
    // that exist.
    absl::flat_hash_map<std::pair<std::string, std::string>, int> member_grp;
    absl::flat_hash_set<std::tuple<std::string, std::string, int>> lift_keys;
    if (!lift_customers.empty()) {
      const std::vector<std::string> v = Sorted(lift_customers);
      SelectIn(c_, kSelectLiftMembersIn, ")", v, [&](sql::ResultSet& rs) {
        member_grp[{std::string(rs.getString(1)),
                    std::string(rs.getString(2))}] = rs.getInt(3);
      });
      SelectIn(c_, kSelectLiftKeysIn, ")", v, [&](sql::ResultSet& rs) {
        lift_keys.emplace(std::string(rs.getString(1)),
                          std::string(rs.getString(2)), rs.getInt(3));
      });
    }

    std::map<std::string, FactRow> facts;  // by purchase
    std::map<std::pair<std::string, int32_t>, PartnerDay> partner_daily;
    absl::flat_hash_map<PatternKey, Sums> by_category, by_partner;
    std::map<std::tuple<std::string, std::string, int>, LiftRow> lift_rows;
    std::map<std::tuple<std::string, int, int>, LiftAgg> lift_aggs;

    // The lift group of `customer` in `lift`; 0 when in neither.
    auto group_of = [&](const ReadyLift& lift, const std::string& customer) {
      auto it = member_grp.find({lift.campaign, customer});
      if (it != member_grp.end()) return it->second;
      return lift.rest_control ? kControl : 0;
    };

    const std::string any_region = kAnyRegion;
    for (const Event* e : sales) {
      if (e->has_purchase_recorded()) {
        const auto& p = e->purchase_recorded().purchase();
        const absl::Time t = ToTime(p.purchase_time());
        const int32_t day = DayKeyOf(t);
        const int64_t total = p.total().amount_minor();
        FactRow& f = facts[p.name()];
        f.customer = p.customer();
        f.partner = p.partner();
        f.campaign = p.campaign();
        f.purchase_time = t;
        f.total = total;

        const std::pair<std::string, std::string> pair{p.customer(),
                                                       p.partner()};
        const bool is_new = known_pairs.insert(pair).second;
        PartnerDay& pd = partner_daily[{p.partner(), day}];
        pd.orders += 1;
        pd.gmv += total;
        pd.new_customers += is_new ? 1 : 0;
        if (!p.campaign().empty()) {
          CampaignFigures& cf = Daily(p.campaign(), day);
          cf.orders += 1;
          cf.gmv += total;
          (is_new ? cf.new_customer_orders : cf.returning_customer_orders) += 1;
        }
        const Dims d =
            dims.contains(p.customer()) ? dims[p.customer()] : Dims{};
        for (const auto& item : p.items()) {
          // Every combination of the attributes and "any" (the cube).
          for (int mask = 0; mask < 8; ++mask) {
            const int age = mask & 1 ? kAnyAttribute : d.age_band;
            const int gender = mask & 2 ? kAnyAttribute : d.gender;
            const std::string& region = mask & 4 ? any_region : d.region;
            Sums& sc = by_category[{day, age, gender, region, item.category()}];
            Sums& sp = by_partner[{day, age, gender, region, p.partner()}];
            for (Sums* s : {&sc, &sp}) {
              s->lines += 1;
              s->quantity += item.quantity();
              s->amount += item.amount().amount_minor();
            }
          }
        }
        for (const ReadyLift& l : ready_lifts_) {
          const LiftPeriodKind period = l.PeriodOf(t);
          if (period == LiftPeriodKind::kNone) continue;
          const int grp = group_of(l, p.customer());
          if (grp == 0) continue;
          const int lp = static_cast<int>(period);
          LiftRow& row = lift_rows[{l.campaign, p.customer(), lp}];
          row.grp = grp;
          row.orders += 1;
          row.sales += total;
          LiftAgg& agg = lift_aggs[{l.campaign, grp, lp}];
          agg.orders += 1;
          agg.sales += total;
          if (lift_keys.emplace(l.campaign, p.customer(), lp).second) {
            agg.buyers += 1;
          }
        }
      } else {
        const auto& p = e->purchase_refunded().purchase();
        const auto& r = e->purchase_refunded().refund();
        const absl::Time t = ToTime(p.purchase_time());
        const int64_t amount = r.amount().amount_minor();
        const int32_t refund_day =
            DayKeyOf(r.has_refund_time() ? ToTime(r.refund_time())
                                         : ToTime(e->event_time()));
        auto [fit, fresh] = facts.try_emplace(p.name());
        FactRow& f = fit->second;
        if (fresh) {  // the purchase is already stored (or was never seen)
          f.customer = p.customer();
          f.partner = p.partner();
          f.campaign = p.campaign();
          f.purchase_time = t;
          f.total = p.total().amount_minor();
        }
        f.refunded += amount;
        partner_daily[{p.partner(), refund_day}].refunds += amount;
        if (!p.campaign().empty())
          Daily(p.campaign(), refund_day).refunds += amount;
        for (const ReadyLift& l : ready_lifts_) {
          const LiftPeriodKind period = l.PeriodOf(t);
          if (period == LiftPeriodKind::kNone) continue;
          const int grp = group_of(l, p.customer());
          const int lp = static_cast<int>(period);
          if (grp == 0 || !lift_keys.contains({l.campaign, p.customer(), lp})) {
            continue;
          }
          LiftRow& row = lift_rows[{l.campaign, p.customer(), lp}];
          row.grp = grp;
          row.sales -= amount;
          lift_aggs[{l.campaign, grp, lp}].sales -= amount;
        }
      }
    }

    Params rows;
    for (const auto& [purchase, f] : facts) {
      rows.insert(rows.end(),
                  {purchase, f.customer, f.partner, f.campaign, f.purchase_time,
                   int64_t{DayKeyOf(f.purchase_time)}, f.total, f.refunded});
    }
    RunRows(c_, kUpsertFactsHead, kUpsertFactsRow, kUpsertFactsTail, 8, rows);
    rows.clear();
    for (const auto& [key, v] : partner_daily) {
      rows.insert(rows.end(), {key.first, int64_t{key.second}, v.orders, v.gmv,
                               v.refunds, v.new_customers});
    }
    RunRows(c_, kUpsertPartnerDailyHead, kUpsertPartnerDailyRow,
            kUpsertPartnerDailyTail, 6, rows);
    for (const auto& [table, head] :
         {std::pair{&by_category, kUpsertPatternCategoryHead},
          std::pair{&by_partner, kUpsertPatternPartnerHead}}) {
      // In key order (the rows' order in the table).
      std::vector<const std::pair<const PatternKey, Sums>*> sorted;
      sorted.reserve(table->size());
      for (const auto& entry : *table) sorted.push_back(&entry);
      std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
        return a->first < b->first;
      });
      rows.clear();
      for (const auto* entry : sorted) {
        const auto& [key, s] = *entry;
        rows.insert(rows.end(),
                    {int64_t{std::get<0>(key)}, int64_t{std::get<1>(key)},
                     int64_t{std::get<2>(key)}, std::get<3>(key),
                     std::get<4>(key), s.lines, s.quantity, s.amount});
      }
      RunRows(c_, head, kUpsertPatternRow, kUpsertPatternTail, 8, rows);
    }
    rows.clear();
    for (const auto& [key, v] : lift_rows) {
      rows.insert(rows.end(), {std::get<0>(key), std::get<1>(key),
                               int64_t{std::get<2>(key)}, int64_t{v.grp},
                               v.orders, v.sales});
    }
    RunRows(c_, kUpsertLiftRowsHead, kUpsertLiftRowsRow, kUpsertLiftRowsTail, 6,
            rows);
    rows.clear();
    for (const auto& [key, v] : lift_aggs) {
      rows.insert(rows.end(),
                  {std::get<0>(key), int64_t{std::get<1>(key)},
                   int64_t{std::get<2>(key)}, v.buyers, v.orders, v.sales});
    }
    RunRows(c_, kUpsertLiftAggsHead, kUpsertLiftAggsRow, kUpsertLiftAggsTail, 6,
            rows);
  }

  void Funnel() {
    std::map<std::tuple<std::string, int32_t, std::string, int>, int64_t>
        counts;
    for (const Event& e : events_) {
      if (!e.has_funnel_stages_reached()) continue;
      for (const auto& f : e.funnel_stages_reached().reaches()) {
        if (f.stage() < 1 || f.stage() > kStages) continue;
        counts[{f.partner(), DayKeyOf(ToTime(f.reach_time())), f.campaign(),
                static_cast<int>(f.stage())}] += 1;
      }
    }
    Params rows;
    for (const auto& [key, n] : counts) {
      rows.insert(rows.end(), {std::get<0>(key), int64_t{std::get<1>(key)},
                               std::get<2>(key), int64_t{std::get<3>(key)}, n});
    }
    RunRows(c_, kUpsertFunnelHead, kUpsertFunnelRow, kUpsertFunnelTail, 5,
            rows);
  }

  // ---- lift set-up ----
  void SetUpLifts() {
    struct Due {
      std::string campaign, snapshot;
      int32_t holdout_bps;
      LiftWindow window;
    };
    std::vector<Due> due;
    {
      std::unique_ptr<sql::ResultSet> rs = mysql::Query(c_, kSelectDueLifts);
      while (rs->next()) {
        due.push_back(
            {mysql::GetString(*rs, "campaign"),
             mysql::GetString(*rs, "segment_snapshot"),
             static_cast<int32_t>(mysql::GetInt64(*rs, "holdout_bps")),
             {mysql::GetTime(*rs, "start_time"),
              mysql::GetTime(*rs, "end_time")}});
      }
    }
    for (const Due& d : due) {
      for (const char* sql :
           {kDeleteLiftMembers, kDeleteLiftRows, kDeleteLiftAggs}) {
        mysql::Execute(c_, sql, {d.campaign});
      }
      std::vector<std::string> members;
      {
        std::unique_ptr<sql::ResultSet> rs =
            mysql::Query(c_, kSelectSnapshotMembers, {d.snapshot});
        while (rs->next()) members.push_back(std::string(rs->getString(1)));
      }
      int64_t treated = 0, holdout = 0;
      Params rows;
      for (const std::string& customer : members) {
        const bool held = IsHoldout(d.campaign, customer, d.holdout_bps);
        (held ? holdout : treated) += 1;
        rows.insert(rows.end(), {d.campaign, customer,
                                 int64_t{held ? kControl : kTreated}});
      }
      RunRows(c_, kInsertLiftMembersHead, kInsertLiftMembersRow, "", 3, rows);
      const absl::Time from = d.window.before_start();
      const absl::Time to = d.window.after_end();
      mysql::Execute(c_, kBackfillMemberRows,
                     {d.window.start, d.window.end, from, to, d.campaign});
      if (d.holdout_bps == 0) {
        mysql::Execute(
            c_, kBackfillRestRows,
            {d.campaign, d.window.start, d.window.end, from, to, d.campaign});
      }
      mysql::Execute(c_, kBackfillLiftAggs, {d.campaign});
      mysql::Execute(
          c_, kUpsertLiftState,
          {d.campaign, d.snapshot, int64_t{d.holdout_bps}, d.window.start,
           d.window.end, from, to, treated, holdout});
    }
  }

  Connection& c_;
  const std::vector<Event>& events_;
  const StoreOptions& options_;
  bool lift_check_ = false;
  std::map<std::pair<std::string, int32_t>, CampaignFigures> campaign_daily_;
  std::vector<ReadyLift> ready_lifts_;
};

}  // namespace

void ApplyEvents(Connection& conn, const std::vector<Event>& events,
                 const StoreOptions& options) {
  BatchApplier(conn, events, options).Run();
}

}  // namespace partnerhub::reporting
