// MySqlCxTx: touchpoints and the funnel.
#include <cppconn/resultset.h>

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/mysql/batch_sql.h"
#include "common/mysql/guarded.h"
#include "common/mysql/keyset_list.h"
#include "common/mysql/statement.h"
#include "services/customer_experience/src/domain/errors.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/storage/funnel_sql.h"
#include "services/customer_experience/src/storage/mysql_cx_tx.h"
#include "services/customer_experience/src/storage/rows.h"
#include "services/customer_experience/src/storage/sql.h"

namespace partnerhub::customer_experience {

using mysql::ChunkSizes;
using mysql::RepeatRows;
using mysql::RunPlain;
namespace {

using mysql::Execute;
using mysql::Guarded;
using mysql::Param;
using mysql::Params;
using mysql::Query;
namespace q = sql_text;

void AppendTouchpoint(const Touchpoint& t, Params& params) {
  params.emplace_back(t.customer_key);
  params.emplace_back(t.event_id);
  params.emplace_back(int64_t{static_cast<int>(t.type)});
  params.emplace_back(t.occur_time);
  params.emplace_back(int64_t{static_cast<int>(t.channel)});
  params.emplace_back(t.partner_id);
  params.emplace_back(t.campaign_id);
  params.emplace_back(t.purchase_id.empty() ? Param(nullptr)
                                            : Param(t.purchase_id));
  std::string properties = EncodeProperties(t.properties);
  params.emplace_back(properties.empty() ? Param(nullptr)
                                         : Param(std::move(properties)));
  params.emplace_back(t.record_time);
}

Param OptionalTime(const std::optional<absl::Time>& t) {
  return t.has_value() ? Param(*t) : Param(nullptr);
}

}  // namespace

// One multi-row INSERT IGNORE per chunk: its row count says whether every
// row was new (the common case, one round trip). If not, the chunk is
// rolled back to a savepoint and inserted row by row, so that each event's
// fate is known exactly, whatever concurrent batches did.
void MySqlCxTx::InsertTouchpointChunk(const Touchpoint* const* rows, int count,
                                      bool* inserted) {
  Params params;
  params.reserve(count * q::kTouchpointRowParams);
  for (int i = 0; i < count; ++i) AppendTouchpoint(*rows[i], params);
  if (count == 1) {
    inserted[0] =
        Execute(conn_,
                RepeatRows(q::kInsertTouchpointsHead, q::kTouchpointRow, 1),
                params) == 1;
    return;
  }
  RunPlain(conn_, "SAVEPOINT touchpoint_chunk");
  const int64_t affected = Execute(
      conn_, RepeatRows(q::kInsertTouchpointsHead, q::kTouchpointRow, count),
      params);
  if (affected == count) {
    RunPlain(conn_, "RELEASE SAVEPOINT touchpoint_chunk");
    std::fill(inserted, inserted + count, true);
    return;
  }
  RunPlain(conn_, "ROLLBACK TO SAVEPOINT touchpoint_chunk");
  const std::string one =
      RepeatRows(q::kInsertTouchpointsHead, q::kTouchpointRow, 1);
  for (int i = 0; i < count; ++i) {
    Params row(params.begin() + i * q::kTouchpointRowParams,
               params.begin() + (i + 1) * q::kTouchpointRowParams);
    inserted[i] = Execute(conn_, one, row) == 1;
  }
}

absl::StatusOr<std::vector<bool>> MySqlCxTx::InsertTouchpoints(
    const std::vector<const Touchpoint*>& touchpoints) {
  return Guarded(conn_, [&] {
    // In key order, so that concurrent batches lock index entries in the
    // same order (fewer deadlocks).
    const size_t n = touchpoints.size();
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const Touchpoint& x = *touchpoints[a];
      const Touchpoint& y = *touchpoints[b];
      return std::tie(x.customer_key, x.event_id) <
             std::tie(y.customer_key, y.event_id);
    });
    std::vector<const Touchpoint*> sorted(n);
    for (size_t i = 0; i < n; ++i) sorted[i] = touchpoints[order[i]];
    // std::vector<bool> has no data(); collect in a plain array.
    std::unique_ptr<bool[]> inserted(new bool[n]);
    size_t next = 0;
    for (int count : ChunkSizes(static_cast<int>(n))) {
      InsertTouchpointChunk(sorted.data() + next, count, inserted.get() + next);
      next += count;
    }
    std::vector<bool> out(n);
    for (size_t i = 0; i < n; ++i) out[order[i]] = inserted[i];
    return out;
  });
}

absl::StatusOr<Touchpoint> MySqlCxTx::GetTouchpoint(
    const Customer& customer, const std::string& event_id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Touchpoint> {
    auto rs = Query(conn_, q::kSelectTouchpoint, {customer.key, event_id});
    if (!rs->next()) {
      return TouchpointNotFound(customer.customer_id, event_id);
    }
    Touchpoint t = ReadTouchpoint(*rs);
    t.customer_id = customer.customer_id;
    t.customer_key = customer.key;
    return t;
  });
}

absl::StatusOr<Slice<Touchpoint>> MySqlCxTx::ListJourney(
    const Customer& customer, const ListQuery& query) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Slice<Touchpoint>> {
    // Newest first.
    mysql::KeysetList list(q::kListJourneyPrefix);
    list.Where(q::kOfCustomer, {customer.key})
        .OrderBy("occur_time")
        .Tie("id")
        .Descending();
    return mysql::ReadSlice<Touchpoint>(
        conn_, list, query,
        [&](sql::ResultSet& rs) {
          Touchpoint t = ReadTouchpoint(rs);
          t.customer_id = customer.customer_id;
          t.customer_key = customer.key;
          return t;
        },
        [](const Touchpoint& last) {
          return std::vector<std::string>{
              mysql::FormatDatetime(last.occur_time), absl::StrCat(last.id)};
        });
  });
}

absl::Status MySqlCxTx::MergeFunnel(const std::vector<FunnelDelta>& deltas) {
  return Guarded(conn_, [&] {
    size_t next = 0;
    for (int count : ChunkSizes(static_cast<int>(deltas.size()))) {
      Params params;
      params.reserve(count * q::kFunnelRowParams);
      for (int i = 0; i < count; ++i) {
        const FunnelDelta& d = deltas[next + i];
        params.emplace_back(d.customer_key);
        for (const auto& t : d.reached) params.push_back(OptionalTime(t));
      }
      next += count;
      Execute(conn_,
              RepeatRows(q::kMergeFunnelHead, q::kFunnelRow, count,
                         q::kMergeFunnelTail),
              params);
    }
  });
}

namespace {

// Reads the rows of a lock or partner query into `out`: the key's columns,
// then the stage times from `first_stage_column`.
template <typename Key, typename KeyOf>
void ReadFunnelRows(sql::ResultSet& rs, KeyOf key_of, int first_stage_column,
                    absl::flat_hash_map<Key, StageTimes>& out) {
  while (rs.next()) out[key_of(rs)] = ReadStageTimes(rs, first_stage_column);
}

}  // namespace

absl::StatusOr<absl::flat_hash_map<int64_t, StageTimes>> MySqlCxTx::LockFunnel(
    const std::vector<int64_t>& customer_keys) {
  return Guarded(conn_, [&] {
    absl::flat_hash_map<int64_t, StageTimes> out;
    out.reserve(customer_keys.size());
    auto key_of = [](sql::ResultSet& rs) { return rs.getInt64(1); };
    auto lock = [&](const std::vector<int64_t>& keys) {
      size_t next = 0;
      for (int count : ChunkSizes(static_cast<int>(keys.size()))) {
        Params params(keys.begin() + next, keys.begin() + next + count);
        next += count;
        auto rs = Query(
            conn_,
            RepeatRows(q::kLockFunnelHead, "?", count, q::kLockFunnelTail),
            params);
        ReadFunnelRows(*rs, key_of, 2, out);
      }
    };
    lock(customer_keys);
    if (out.size() == customer_keys.size()) return out;
    // New customers: create their rows (waiting for a concurrent creator,
    // if any, to commit), then lock them.
    std::vector<int64_t> missing;
    for (int64_t key : customer_keys) {
      if (!out.contains(key)) missing.push_back(key);
    }
    size_t next = 0;
    for (int count : ChunkSizes(static_cast<int>(missing.size()))) {
      Params params(missing.begin() + next, missing.begin() + next + count);
      next += count;
      Execute(conn_,
              RepeatRows(q::kCreateFunnelRowsHead, q::kCreateFunnelRow, count),
              params);
    }
    lock(missing);
    return out;
  });
}

absl::StatusOr<absl::flat_hash_map<PartnerKey, StageTimes>>
MySqlCxTx::PartnerFunnel(const std::vector<PartnerKey>& pairs) {
  return Guarded(conn_, [&] {
    absl::flat_hash_map<PartnerKey, StageTimes> out;
    auto key_of = [](sql::ResultSet& rs) {
      return PartnerKey{rs.getInt64(1), rs.getInt64(2)};
    };
    size_t next = 0;
    for (int count : ChunkSizes(static_cast<int>(pairs.size()))) {
      Params params;
      params.reserve(2 * count);
      for (int i = 0; i < count; ++i, ++next) {
        params.emplace_back(pairs[next].first);
        params.emplace_back(pairs[next].second);
      }
      auto rs = Query(conn_,
                      RepeatRows(q::kPartnerFunnelHead, q::kPartnerFunnelPair,
                                 count, q::kPartnerFunnelTail),
                      params);
      ReadFunnelRows(*rs, key_of, 3, out);
    }
    return out;
  });
}

absl::Status MySqlCxTx::MergePartnerFunnel(
    const std::vector<PartnerFunnelDelta>& deltas) {
  return Guarded(conn_, [&] {
    size_t next = 0;
    for (int count : ChunkSizes(static_cast<int>(deltas.size()))) {
      Params params;
      params.reserve(count * q::kPartnerFunnelRowParams);
      for (int i = 0; i < count; ++i, ++next) {
        const PartnerFunnelDelta& d = deltas[next];
        params.emplace_back(d.customer_key);
        params.emplace_back(d.partner_id);
        for (const auto& t : d.reached) params.push_back(OptionalTime(t));
      }
      Execute(conn_,
              RepeatRows(q::kMergePartnerFunnelHead, q::kPartnerFunnelRow,
                         count, q::kMergeFunnelTail),
              params);
    }
  });
}

absl::StatusOr<int64_t> MySqlCxTx::PurchaseCampaignAt(int64_t customer_key,
                                                      int64_t partner_id,
                                                      absl::Time occur_time) {
  return Guarded(conn_, [&]() -> int64_t {
    auto rs = Query(conn_, q::kPurchaseCampaignAt,
                    {customer_key, occur_time, partner_id, partner_id});
    return rs->next() ? mysql::GetInt64(*rs, "campaign_id") : 0;
  });
}

absl::StatusOr<std::vector<Touchpoint>> MySqlCxTx::FunnelTouchpoints(
    int64_t customer_key) {
  return Guarded(conn_, [&] {
    auto rs = Query(conn_, q::kFunnelTouchpoints, {customer_key});
    std::vector<Touchpoint> out;
    while (rs->next()) {
      Touchpoint t;
      t.customer_key = customer_key;
      t.type = static_cast<TouchpointType>(rs->getInt("type"));
      t.partner_id = mysql::GetInt64(*rs, "partner_id");
      t.occur_time = mysql::GetTime(*rs, "occur_time");
      out.push_back(std::move(t));
    }
    return out;
  });
}

absl::StatusOr<FunnelCounts> MySqlCxTx::CountFunnel(int64_t partner_id,
                                                    int64_t campaign_id,
                                                    absl::Time start,
                                                    absl::Time end) {
  return Guarded(conn_, [&] {
    std::unique_ptr<sql::ResultSet> rs;
    if (campaign_id != 0) {
      rs = Query(conn_, q::CountFunnelByCampaign(),
                 {campaign_id, start, end, partner_id, partner_id});
    } else {
      rs = Query(conn_, q::CountFunnelByPartner(), {partner_id, start, end});
    }
    FunnelCounts counts{.partner_id = partner_id,
                        .campaign_id = campaign_id,
                        .start_time = start,
                        .end_time = end};
    while (rs->next()) {
      const int stage = rs->getInt("stage");
      if (stage >= 1 && stage <= kStageCount)
        counts.customers[stage - 1] = rs->getInt64("n");
    }
    return counts;
  });
}

}  // namespace partnerhub::customer_experience
