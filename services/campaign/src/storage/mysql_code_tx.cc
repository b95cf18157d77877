// MySqlCampaignTx: code issuances and coupon codes.
#include <cppconn/resultset.h>

#include "absl/strings/str_cat.h"
#include "common/mysql/guarded.h"
#include "common/mysql/keyset_list.h"
#include "common/mysql/statement.h"
#include "services/campaign/src/domain/enum_names.h"
#include "services/campaign/src/domain/resource_names.h"
#include "services/campaign/src/storage/mysql_campaign_tx.h"
#include "services/campaign/src/storage/rows.h"
#include "services/campaign/src/storage/sql.h"
#include "services/campaign/src/storage/tx_util.h"

namespace partnerhub::campaign {
namespace {

using mysql::Execute;
using mysql::Guarded;
using mysql::Params;
using mysql::Query;
namespace q = sql_text;

// "<prefix>(row), (row), ..." with `n` rows of placeholders. Only
// placeholders are built into the text; the values are bound.
std::string RepeatRows(absl::string_view prefix, absl::string_view row, int n) {
  std::string sql(prefix);
  for (int i = 0; i < n; ++i) absl::StrAppend(&sql, i == 0 ? "" : ", ", row);
  return sql;
}

// Largest power of two <= n (n >= 1). Multi-row statements come in these
// sizes only, so each connection prepares a handful of them, not one per
// batch size.
int PowerOfTwoAtMost(int n) {
  int p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

}  // namespace

absl::StatusOr<int64_t> MySqlCampaignTx::InsertIssuance(const CodeIssuance& i) {
  return Guarded(conn_, [&] {
    Execute(conn_, q::kInsertIssuance,
            {i.campaign_id, i.offer_id, Str(NameOf(i.kind)), i.format.prefix,
             int64_t{i.format.length}, i.requested_count, Str(NameOf(i.state)),
             i.create_time, i.update_time});
    return mysql::LastInsertId(conn_);
  });
}

absl::StatusOr<CodeIssuance> MySqlCampaignTx::GetIssuance(int64_t campaign_id,
                                                          int64_t offer_id,
                                                          int64_t id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<CodeIssuance> {
    auto rs = Query(conn_, q::kSelectIssuance, {campaign_id, offer_id, id});
    if (!rs->next()) return IssuanceNotFound(campaign_id, offer_id, id);
    return ReadIssuance(*rs);
  });
}

absl::StatusOr<CodeIssuance> MySqlCampaignTx::LockIssuance(int64_t id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<CodeIssuance> {
    auto rs = Query(conn_, q::kLockIssuance, {id});
    if (!rs->next()) {
      // Only the background jobs lock issuances, by the ids they read.
      return absl::InternalError(
          absl::StrCat("issuance ", id, " vanished while running"));
    }
    return ReadIssuance(*rs);
  });
}

absl::StatusOr<std::vector<int64_t>> MySqlCampaignTx::RunningIssuances(
    int limit) {
  return Guarded(conn_, [&] {
    auto rs = Query(conn_, q::kRunningIssuances, {int64_t{limit}});
    std::vector<int64_t> ids;
    while (rs->next()) ids.push_back(rs->getInt64("id"));
    return ids;
  });
}

absl::Status MySqlCampaignTx::UpdateIssuance(const CodeIssuance& i) {
  return Guarded(conn_, [&] {
    Execute(conn_, q::kUpdateIssuance,
            {i.requested_count, i.issued_count, i.segment_snapshot,
             i.member_count, i.holdout_count, i.page_token,
             Str(NameOf(i.state)), i.error, i.update_time, i.id});
  });
}

absl::StatusOr<int64_t> MySqlCampaignTx::InsertCodes(
    const CodeIssuance& issuance, const std::vector<NewCode>& codes,
    absl::Time now) {
  return Guarded(conn_, [&] {
    int64_t inserted = 0;
    size_t next = 0;
    while (next < codes.size()) {
      const int n = PowerOfTwoAtMost(
          static_cast<int>(std::min<size_t>(codes.size() - next, 1024)));
      Params params;
      params.reserve(5 * n);
      for (int i = 0; i < n; ++i) {
        const NewCode& c = codes[next + i];
        params.insert(params.end(), {c.code, issuance.offer_id, issuance.id,
                                     c.customer, now});
      }
      inserted += Execute(
          conn_, RepeatRows(q::kInsertCodesPrefix, q::kInsertCodesRow, n),
          params);
      next += n;
    }
    return inserted;
  });
}

absl::StatusOr<std::vector<std::string>> MySqlCampaignTx::CustomersWithCodes(
    int64_t issuance_id, const std::vector<std::string>& customers) {
  return Guarded(conn_, [&] {
    std::vector<std::string> found;
    size_t next = 0;
    while (next < customers.size()) {
      const int n = PowerOfTwoAtMost(
          static_cast<int>(std::min<size_t>(customers.size() - next, 1024)));
      const std::string sql = absl::StrCat(q::kCustomersWithCodesPrefix, "(",
                                           RepeatRows("", "?", n), ")");
      Params params = {issuance_id};
      for (int i = 0; i < n; ++i) params.push_back(customers[next + i]);
      auto rs = Query(conn_, sql, params);
      while (rs->next()) found.push_back(mysql::GetString(*rs, "customer"));
      next += n;
    }
    return found;
  });
}

absl::StatusOr<Slice<CouponCode>> MySqlCampaignTx::ListCodes(
    int64_t issuance_id, const ListQuery& query) {
  mysql::KeysetList list(q::kListCodesPrefix);
  list.Where(q::kCodesOfIssuance, {issuance_id}).Tie("k.id");
  return Guarded(conn_, [&] {
    return mysql::ReadSlice<CouponCode>(
        conn_, list, query, [](sql::ResultSet& r) { return ReadCode(r); },
        mysql::IdKey<CouponCode>);
  });
}

absl::StatusOr<std::string> MySqlCampaignTx::SetCampaignSnapshot(
    int64_t campaign_id, const std::string& snapshot) {
  return Guarded(conn_, [&]() -> absl::StatusOr<std::string> {
    Execute(conn_, q::kSetCampaignSnapshot, {snapshot, campaign_id});
    auto rs = Query(conn_, q::kSelectCampaignSnapshot, {campaign_id});
    if (!rs->next()) return CampaignNotFound(campaign_id);
    return mysql::GetString(*rs, "segment_snapshot");
  });
}

}  // namespace partnerhub::campaign
