// MySqlCxTx: segments, their evaluation, and snapshots.
#include <cppconn/resultset.h>

#include "absl/strings/str_cat.h"
#include "common/mysql/batch_sql.h"
#include "common/mysql/guarded.h"
#include "common/mysql/keyset_list.h"
#include "common/mysql/statement.h"
#include "services/customer_experience/src/domain/condition_codec.h"
#include "services/customer_experience/src/domain/errors.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/storage/list_sql.h"
#include "services/customer_experience/src/storage/mysql_cx_tx.h"
#include "services/customer_experience/src/storage/rows.h"
#include "services/customer_experience/src/storage/segment_sql.h"
#include "services/customer_experience/src/storage/sql.h"

namespace partnerhub::customer_experience {

using mysql::ChunkSizes;
using mysql::QueryOnce;
using mysql::RepeatRows;
namespace {

using mysql::Execute;
using mysql::Guarded;
using mysql::Query;
namespace q = sql_text;

}  // namespace

absl::StatusOr<int64_t> MySqlCxTx::InsertSegment(const Segment& s) {
  return Guarded(conn_, [&] {
    Execute(conn_, q::kInsertSegment,
            {s.display_name, s.description, EncodeCondition(s.condition),
             s.create_time, s.update_time, s.version});
    return mysql::LastInsertId(conn_);
  });
}

absl::StatusOr<Segment> MySqlCxTx::GetSegment(int64_t id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Segment> {
    auto rs = Query(conn_, q::kSelectSegment, {id});
    if (!rs->next()) return SegmentNotFound(id);
    return ReadSegment(*rs);
  });
}

absl::StatusOr<Segment> MySqlCxTx::LockSegment(int64_t id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Segment> {
    auto rs = Query(conn_, q::kLockSegment, {id});
    if (!rs->next()) return SegmentNotFound(id);
    return ReadSegment(*rs);
  });
}

absl::Status MySqlCxTx::UpdateSegment(const Segment& s) {
  return Guarded(conn_, [&]() -> absl::Status {
    const int64_t rows =
        Execute(conn_, q::kUpdateSegment,
                {s.display_name, s.description, EncodeCondition(s.condition),
                 s.update_time, s.version, s.id, s.version - 1});
    if (rows != 1) {
      return ChangedConcurrently(SegmentName(s.id));
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<Slice<Segment>> MySqlCxTx::ListSegments(const ListQuery& query) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Slice<Segment>> {
    absl::StatusOr<mysql::KeysetList> list = SegmentList(query);
    if (!list.ok()) return list.status();
    return mysql::ReadSlice<Segment>(
        conn_, *list, query, ReadSegment,
        [&](const Segment& last) { return SegmentListKey(query, last); });
  });
}

absl::StatusOr<SegmentSize> MySqlCxTx::CountSegment(const Condition& condition,
                                                    absl::Time now) {
  return Guarded(conn_, [&] {
    SqlFragment count = CountSegmentSql(condition, now);
    auto rs = QueryOnce(conn_, count.sql, count.params);
    SegmentSize size;
    if (rs->next()) {
      size.matching_count = rs->getInt64("matching");
      size.member_count = rs->getInt64("members");
    }
    return size;
  });
}

absl::StatusOr<Membership> MySqlCxTx::CheckMembership(
    const Condition& condition, int64_t customer_key, absl::Time now) {
  return Guarded(conn_, [&] {
    SqlFragment check = MembershipSql(condition, now, customer_key);
    auto rs = QueryOnce(conn_, check.sql, check.params);
    Membership m;
    if (rs->next()) {
      m.consent = static_cast<ConsentState>(rs->getInt("consent"));
      m.matches = rs->getInt("matches") != 0;
    }
    return m;
  });
}

absl::StatusOr<std::vector<std::string>> MySqlCxTx::SegmentMembers(
    const Condition& condition, absl::Time now, const std::string& after,
    int limit) {
  return Guarded(conn_, [&] {
    SqlFragment members = MembersSql(condition, now, after, limit);
    auto rs = QueryOnce(conn_, members.sql, members.params);
    std::vector<std::string> ids;
    while (rs->next()) ids.push_back(mysql::GetString(*rs, "customer_id"));
    return ids;
  });
}

// Members are read with a plain (consistent, non-locking) SELECT and written
// in multi-row chunks, rather than INSERT ... SELECT, which would take
// shared locks on every touchpoint and customer row it reads and stall
// ingestion for the length of the snapshot.
absl::StatusOr<SegmentSnapshot> MySqlCxTx::InsertSnapshot(
    SegmentSnapshot s, std::vector<std::string>* members) {
  return Guarded(conn_, [&] {
    const Segment& seg = s.segment;
    Execute(conn_, q::kInsertSnapshot,
            {seg.id, seg.display_name, seg.description,
             EncodeCondition(seg.condition), seg.create_time, seg.update_time,
             seg.version, s.snapshot_time});
    s.id = mysql::LastInsertId(conn_);
    SqlFragment members_sql = MembersSql(seg.condition, s.snapshot_time, "", 0);
    std::vector<std::string> ids;
    {
      auto rs = QueryOnce(conn_, members_sql.sql, members_sql.params);
      ids.reserve(rs->rowsCount());
      while (rs->next()) ids.push_back(mysql::GetString(*rs, "customer_id"));
    }
    size_t next = 0;
    for (int count : ChunkSizes(static_cast<int>(ids.size()))) {
      mysql::Params params;
      params.reserve(2 * count);
      for (int i = 0; i < count; ++i) {
        params.emplace_back(s.id);
        params.emplace_back(ids[next + i]);
      }
      next += count;
      Execute(conn_,
              RepeatRows(q::kInsertSnapshotMembersHead, q::kSnapshotMemberRow,
                         count),
              params);
    }
    s.member_count = static_cast<int64_t>(ids.size());
    Execute(conn_, q::kSetSnapshotCount, {s.member_count, s.id});
    if (members != nullptr) *members = std::move(ids);
    return s;
  });
}

absl::StatusOr<SegmentSnapshot> MySqlCxTx::GetSnapshot(int64_t segment_id,
                                                       int64_t id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<SegmentSnapshot> {
    auto rs = Query(conn_, q::kSelectSnapshot, {segment_id, id});
    if (!rs->next()) {
      return SegmentSnapshotNotFound(segment_id, id);
    }
    return ReadSnapshot(*rs);
  });
}

absl::StatusOr<Slice<SegmentSnapshot>> MySqlCxTx::ListSnapshots(
    int64_t segment_id, const ListQuery& query) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Slice<SegmentSnapshot>> {
    // Newest first.
    mysql::KeysetList list(q::kListSnapshotsPrefix);
    list.Where(q::kSnapshotsOfSegment, {segment_id}).Tie("id").Descending();
    return mysql::ReadSlice<SegmentSnapshot>(conn_, list, query, ReadSnapshot,
                                             mysql::IdKey<SegmentSnapshot>);
  });
}

absl::StatusOr<std::vector<std::string>> MySqlCxTx::SnapshotMembers(
    int64_t snapshot_id, const std::string& after, int limit) {
  return Guarded(conn_, [&] {
    auto rs =
        Query(conn_, q::kSnapshotMembers, {snapshot_id, after, int64_t{limit}});
    std::vector<std::string> ids;
    while (rs->next()) ids.push_back(mysql::GetString(*rs, "customer_id"));
    return ids;
  });
}

}  // namespace partnerhub::customer_experience
