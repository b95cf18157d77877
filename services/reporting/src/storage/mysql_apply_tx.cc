#include "services/reporting/src/storage/mysql_apply_tx.h"

#include <cppconn/resultset.h>

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/mysql/batch_sql.h"
#include "common/mysql/statement.h"
#include "services/reporting/src/storage/sql.h"

namespace partnerhub::reporting {
namespace {

using mysql::Connection;
using mysql::Param;
using mysql::Params;

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

}  // namespace

void MySqlApplyTx::UpsertPartners(const std::vector<PartnerRow>& rows) {
  Params params;
  for (const PartnerRow& p : rows) {
    params.insert(params.end(), {p.partner, p.display_name, int64_t{p.state},
                                 int64_t{p.deleted}});
  }
  RunRows(c_, kUpsertPartnersHead, kUpsertPartnersRow, kUpsertPartnersTail, 4,
          params);
}

void MySqlApplyTx::UpsertAgreements(const std::vector<AgreementInfo>& rows) {
  Params params;
  for (const AgreementInfo& a : rows) {
    params.insert(
        params.end(),
        {a.agreement, a.partner, int64_t{a.start_day}, int64_t{a.end_day},
         int64_t{a.state}, a.target_new_customers, a.target_gmv,
         a.target_orders, int64_t{a.target_repeat_rate_bps},
         int64_t{a.target_redemption_rate_bps}});
  }
  RunRows(c_, kUpsertAgreementsHead, kUpsertAgreementsRow,
          kUpsertAgreementsTail, 10, params);
}

void MySqlApplyTx::DeleteAgreement(const std::string& agreement) {
  mysql::Execute(c_, kDeleteAgreement, {agreement});
}

void MySqlApplyTx::UpsertCampaigns(const std::vector<CampaignInfo>& rows) {
  Params params;
  for (const CampaignInfo& k : rows) {
    params.insert(params.end(),
                  {k.campaign, k.partner, k.display_name, int64_t{k.state},
                   mysql::Optional(k.start_time), mysql::Optional(k.end_time),
                   k.budget, k.currency, int64_t{k.partner_share_bps},
                   k.segment_snapshot, int64_t{k.holdout_bps}});
  }
  RunRows(c_, kUpsertCampaignsHead, kUpsertCampaignsRow, kUpsertCampaignsTail,
          11, params);
}

void MySqlApplyTx::AddCampaignDays(const std::vector<CampaignDayRow>& rows) {
  Params params;
  for (const CampaignDayRow& r : rows) {
    const CampaignFigures& f = r.figures;
    params.insert(
        params.end(),
        {r.campaign, int64_t{r.day}, f.redemptions, f.voids, f.discount,
         f.partner_cost, f.platform_cost, f.codes_issued, f.orders, f.gmv,
         f.refunds, f.new_customer_orders, f.returning_customer_orders});
  }
  RunRows(c_, kUpsertCampaignDailyHead, kUpsertCampaignDailyRow,
          kUpsertCampaignDailyTail, 13, params);
}

int64_t MySqlApplyTx::CountKnownCustomers(
    const std::vector<std::string>& customers) {
  int64_t existing = 0;
  SelectIn(c_, kSelectCustomersIn, ")", customers,
           [&](sql::ResultSet&) { ++existing; });
  return existing;
}

void MySqlApplyTx::UpsertCustomers(const std::vector<CustomerRow>& rows) {
  Params params;
  for (const CustomerRow& k : rows) {
    params.insert(params.end(),
                  {k.customer, int64_t{k.age_band}, int64_t{k.gender}, k.region,
                   mysql::Optional(k.sign_up_time)});
  }
  RunRows(c_, kUpsertCustomersHead, kUpsertCustomersRow, kUpsertCustomersTail,
          5, params);
}

void MySqlApplyTx::AddCustomerCount(int64_t added) {
  mysql::Execute(c_, kAddCustomerCount, {added});
}

absl::flat_hash_map<std::string, CustomerDims> MySqlApplyTx::DimsOf(
    const std::vector<std::string>& customers) {
  absl::flat_hash_map<std::string, CustomerDims> out;
  SelectIn(c_, kSelectDimsIn, ")", customers, [&](sql::ResultSet& rs) {
    out[std::string(rs.getString(1))] = {rs.getInt(2), rs.getInt(3),
                                         std::string(rs.getString(4))};
  });
  return out;
}

void MySqlApplyTx::UpsertSnapshots(const std::vector<SnapshotRow>& rows) {
  Params params;
  for (const SnapshotRow& s : rows) {
    params.insert(params.end(),
                  {s.snapshot, s.member_count, int64_t{s.complete}});
  }
  RunRows(c_, kUpsertSnapshotsHead, kUpsertSnapshotsRow, kUpsertSnapshotsTail,
          3, params);
}

void MySqlApplyTx::InsertSnapshotMembers(
    const std::vector<SnapshotMemberRow>& rows) {
  Params params;
  params.reserve(2 * rows.size());
  for (const SnapshotMemberRow& m : rows) {
    params.insert(params.end(), {m.snapshot, m.customer});
  }
  RunRows(c_, kInsertMembersHead, kInsertMembersRow, "", 2, params);
}

void MySqlApplyTx::AddMembersReceived(
    const std::vector<MembersReceivedRow>& rows) {
  Params params;
  for (const MembersReceivedRow& r : rows) {
    params.insert(params.end(), {r.snapshot, r.received, int64_t{r.last}});
  }
  RunRows(c_, kAddMembersReceivedHead, kAddMembersReceivedRow,
          kAddMembersReceivedTail, 3, params);
}

std::vector<std::string> MySqlApplyTx::SnapshotMembers(
    const std::string& snapshot) {
  std::vector<std::string> out;
  std::unique_ptr<sql::ResultSet> rs =
      mysql::Query(c_, kSelectSnapshotMembers, {snapshot});
  while (rs->next()) out.push_back(std::string(rs->getString(1)));
  return out;
}

absl::flat_hash_set<std::pair<std::string, std::string>>
MySqlApplyTx::KnownBuyers(
    const std::vector<std::pair<std::string, std::string>>& pairs) {
  Params params;
  params.reserve(2 * pairs.size());
  for (const auto& [customer, partner] : pairs) {
    params.emplace_back(partner);
    params.emplace_back(customer);
  }
  absl::flat_hash_set<std::pair<std::string, std::string>> out;
  SelectRows(c_, kSelectKnownPairsHead, "(?, ?)", ")", 2, params,
             [&](sql::ResultSet& rs) {
               out.emplace(std::string(rs.getString(1)),
                           std::string(rs.getString(2)));
             });
  return out;
}

void MySqlApplyTx::UpsertPurchaseFacts(
    const std::vector<PurchaseFactRow>& rows) {
  Params params;
  for (const PurchaseFactRow& f : rows) {
    params.insert(params.end(),
                  {f.purchase, f.customer, f.partner, f.campaign,
                   f.purchase_time, int64_t{f.day}, f.total, f.refunded});
  }
  RunRows(c_, kUpsertFactsHead, kUpsertFactsRow, kUpsertFactsTail, 8, params);
}

void MySqlApplyTx::AddPartnerDays(const std::vector<PartnerDayRow>& rows) {
  Params params;
  for (const PartnerDayRow& v : rows) {
    params.insert(params.end(), {v.partner, int64_t{v.day}, v.orders, v.gmv,
                                 v.refunds, v.new_customers});
  }
  RunRows(c_, kUpsertPartnerDailyHead, kUpsertPartnerDailyRow,
          kUpsertPartnerDailyTail, 6, params);
}

void MySqlApplyTx::AddPatterns(PatternRollup rollup,
                               const std::vector<PatternRow>& rows) {
  Params params;
  for (const PatternRow& r : rows) {
    params.insert(params.end(),
                  {int64_t{r.day}, int64_t{r.age_band}, int64_t{r.gender},
                   r.region, r.key, r.lines, r.quantity, r.amount});
  }
  RunRows(c_,
          rollup == PatternRollup::kCategory ? kUpsertPatternCategoryHead
                                             : kUpsertPatternPartnerHead,
          kUpsertPatternRow, kUpsertPatternTail, 8, params);
}

void MySqlApplyTx::AddFunnel(const std::vector<FunnelRow>& rows) {
  Params params;
  for (const FunnelRow& r : rows) {
    params.insert(params.end(), {r.partner, int64_t{r.day}, r.campaign,
                                 int64_t{r.stage}, r.reaches});
  }
  RunRows(c_, kUpsertFunnelHead, kUpsertFunnelRow, kUpsertFunnelTail, 5,
          params);
}

std::vector<ReadyLiftRow> MySqlApplyTx::ReadyLifts() {
  std::vector<ReadyLiftRow> out;
  std::unique_ptr<sql::ResultSet> rs = mysql::Query(c_, kSelectReadyLifts);
  while (rs->next()) {
    out.push_back(
        {mysql::GetString(*rs, "campaign"),
         static_cast<int32_t>(mysql::GetInt64(*rs, "holdout_bps")),
         {mysql::GetTime(*rs, "start_time"), mysql::GetTime(*rs, "end_time")}});
  }
  return out;
}

absl::flat_hash_map<std::pair<std::string, std::string>, int>
MySqlApplyTx::LiftGroupsOf(const std::vector<std::string>& customers) {
  absl::flat_hash_map<std::pair<std::string, std::string>, int> out;
  SelectIn(c_, kSelectLiftMembersIn, ")", customers, [&](sql::ResultSet& rs) {
    out[{std::string(rs.getString(1)), std::string(rs.getString(2))}] =
        rs.getInt(3);
  });
  return out;
}

absl::flat_hash_set<std::tuple<std::string, std::string, int>>
MySqlApplyTx::LiftRowsOf(const std::vector<std::string>& customers) {
  absl::flat_hash_set<std::tuple<std::string, std::string, int>> out;
  SelectIn(c_, kSelectLiftKeysIn, ")", customers, [&](sql::ResultSet& rs) {
    out.emplace(std::string(rs.getString(1)), std::string(rs.getString(2)),
                rs.getInt(3));
  });
  return out;
}

void MySqlApplyTx::AddLiftCustomerRows(
    const std::vector<LiftCustomerRow>& rows) {
  Params params;
  for (const LiftCustomerRow& r : rows) {
    params.insert(params.end(),
                  {r.campaign, r.customer, int64_t{static_cast<int>(r.period)},
                   int64_t{r.grp}, r.orders, r.sales});
  }
  RunRows(c_, kUpsertLiftRowsHead, kUpsertLiftRowsRow, kUpsertLiftRowsTail, 6,
          params);
}

void MySqlApplyTx::AddLiftAggs(const std::vector<LiftAggRow>& rows) {
  Params params;
  for (const LiftAggRow& r : rows) {
    params.insert(params.end(), {r.campaign, int64_t{r.grp},
                                 int64_t{static_cast<int>(r.period)}, r.buyers,
                                 r.orders, r.sales});
  }
  RunRows(c_, kUpsertLiftAggsHead, kUpsertLiftAggsRow, kUpsertLiftAggsTail, 6,
          params);
}

std::vector<DueLiftRow> MySqlApplyTx::DueLifts() {
  std::vector<DueLiftRow> out;
  std::unique_ptr<sql::ResultSet> rs = mysql::Query(c_, kSelectDueLifts);
  while (rs->next()) {
    out.push_back(
        {mysql::GetString(*rs, "campaign"),
         mysql::GetString(*rs, "segment_snapshot"),
         static_cast<int32_t>(mysql::GetInt64(*rs, "holdout_bps")),
         {mysql::GetTime(*rs, "start_time"), mysql::GetTime(*rs, "end_time")}});
  }
  return out;
}

void MySqlApplyTx::ClearLift(const std::string& campaign) {
  for (const char* sql :
       {kDeleteLiftMembers, kDeleteLiftRows, kDeleteLiftAggs}) {
    mysql::Execute(c_, sql, {campaign});
  }
}

void MySqlApplyTx::InsertLiftMembers(const std::vector<LiftMemberRow>& rows) {
  Params params;
  params.reserve(3 * rows.size());
  for (const LiftMemberRow& m : rows) {
    params.insert(params.end(), {m.campaign, m.customer, int64_t{m.grp}});
  }
  RunRows(c_, kInsertLiftMembersHead, kInsertLiftMembersRow, "", 3, params);
}

void MySqlApplyTx::BackfillLift(const std::string& campaign,
                                const LiftWindow& window, bool rest_control) {
  const absl::Time from = window.before_start();
  const absl::Time to = window.after_end();
  mysql::Execute(c_, kBackfillMemberRows,
                 {window.start, window.end, from, to, campaign});
  if (rest_control) {
    mysql::Execute(c_, kBackfillRestRows,
                   {campaign, window.start, window.end, from, to, campaign});
  }
  mysql::Execute(c_, kBackfillLiftAggs, {campaign});
}

void MySqlApplyTx::UpsertLiftState(const LiftStateRow& row) {
  mysql::Execute(c_, kUpsertLiftState,
                 {row.campaign, row.snapshot, int64_t{row.holdout_bps},
                  row.window.start, row.window.end, row.window.before_start(),
                  row.window.after_end(), row.treated, row.holdout});
}

}  // namespace partnerhub::reporting
