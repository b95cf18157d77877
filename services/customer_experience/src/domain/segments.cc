#include "services/customer_experience/src/domain/segments.h"

#include <algorithm>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/api/field_checks.h"
#include "common/api/idempotency.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {
namespace {

// Rows fetched per round trip when streaming members.
constexpr int kStreamChunk = 20000;

// The segment's fields, and `request_id` when given: every violation at
// once.
absl::Status ValidateSegment(const Segment& s,
                             const std::string* request_id = nullptr) {
  FieldErrors errors;
  if (request_id != nullptr) errors.Add(ValidateRequestId(*request_id));
  errors.Add(CheckText("segment.display_name", s.display_name, 1, 200));
  errors.Add(CheckText("segment.description", s.description, 0, 2000));
  errors.Add(ValidateCondition("segment.condition", s.condition));
  return errors.Result();
}

absl::Status ApplyMask(const Segment& patch,
                       const std::vector<std::string>& paths, Segment& target) {
  if (paths.empty()) return InvalidField("update_mask", "is required");
  FieldErrors errors;  // every path that cannot be updated
  for (size_t i = 0; i < paths.size(); ++i) {
    const std::string& path = paths[i];
    if (path == "display_name") {
      target.display_name = patch.display_name;
    } else if (path == "description") {
      target.description = patch.description;
    } else if (path == "condition") {
      target.condition = patch.condition;
    } else {
      errors.Add(absl::StrCat("update_mask.paths[", i, "]"),
                 absl::StrCat("'", path,
                              "' cannot be updated; one of display_name, "
                              "description, condition"));
    }
  }
  return errors.Result();
}

ListSpec MemberSpec() {
  return {.order_fields = {"name"}, .limits = Segments::kMemberPages};
}

// Pages of customer ids → Page with a token to continue after the last.
Page<std::string> MemberPage(std::vector<std::string> ids,
                             const ListQuery& query) {
  Slice<std::string> slice;
  if (static_cast<int>(ids.size()) > query.limit) {
    ids.resize(query.limit);
    slice.continue_after = {ids.back()};
  }
  slice.items = std::move(ids);
  return ToPage(std::move(slice), query);
}

}  // namespace

absl::StatusOr<Segment> Segments::Create(const RequestKey& key, Segment draft) {
  PH_RETURN_IF_ERROR(ValidateSegment(draft, &key.request_id));
  const absl::Time now = clock_.Now();
  draft.create_time = draft.update_time = now;
  draft.version = 1;
  Segment created;
  PH_RETURN_IF_ERROR(store_.Transact([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::optional<std::string> prior, Recall(tx, key, now));
    if (prior.has_value()) {
      PH_ASSIGN_OR_RETURN(int64_t id, ParseSegmentName(*prior, "request_id"));
      PH_ASSIGN_OR_RETURN(created, tx.GetSegment(id));
      return absl::OkStatus();
    }
    created = draft;
    PH_ASSIGN_OR_RETURN(created.id, tx.InsertSegment(created));
    return Remember(tx, key, SegmentName(created.id));
  }));
  return created;
}

absl::StatusOr<Segment> Segments::Get(int64_t id) {
  Segment s;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(s, tx.GetSegment(id));
    return absl::OkStatus();
  }));
  return s;
}

absl::StatusOr<Page<Segment>> Segments::List(const ListRequest& request) {
  static const ListSpec* spec = new ListSpec{
      .filter_fields = {{"display_name", {}, /*prefix=*/true}},
      .order_fields = {"create_time", "update_time", "display_name"},
      .default_descending = true};
  PH_ASSIGN_OR_RETURN(ListQuery query, ResolveList(*spec, request));
  Slice<Segment> slice;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(slice, tx.ListSegments(query));
    return absl::OkStatus();
  }));
  return ToPage(std::move(slice), query);
}

absl::StatusOr<Segment> Segments::Update(int64_t id, const Segment& patch,
                                         const std::vector<std::string>& mask,
                                         const std::string& etag) {
  Segment probe;
  PH_RETURN_IF_ERROR(ApplyMask(patch, mask, probe));
  Segment updated;
  PH_RETURN_IF_ERROR(store_.Transact([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(updated, tx.LockSegment(id));
    PH_RETURN_IF_ERROR(CheckEtag(etag, updated.version, SegmentName(id)));
    PH_RETURN_IF_ERROR(ApplyMask(patch, mask, updated));
    PH_RETURN_IF_ERROR(ValidateSegment(updated));
    updated.update_time = clock_.Now();
    ++updated.version;
    return tx.UpdateSegment(updated);
  }));
  return updated;
}

absl::StatusOr<SegmentSize> Segments::Estimate(int64_t segment_id) {
  const absl::Time now = clock_.Now();
  SegmentSize size;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(Segment s, tx.GetSegment(segment_id));
    PH_ASSIGN_OR_RETURN(size, tx.CountSegment(s.condition, now));
    return absl::OkStatus();
  }));
  size.evaluate_time = now;
  return size;
}

absl::StatusOr<SegmentSize> Segments::Estimate(const Condition& condition,
                                               const std::string& field) {
  PH_RETURN_IF_ERROR(ValidateCondition(field, condition));
  const absl::Time now = clock_.Now();
  SegmentSize size;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(size, tx.CountSegment(condition, now));
    return absl::OkStatus();
  }));
  size.evaluate_time = now;
  return size;
}

absl::StatusOr<Membership> Segments::CheckMembership(
    int64_t segment_id, const std::string& customer_id) {
  const absl::Time now = clock_.Now();
  Membership m;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(Segment s, tx.GetSegment(segment_id));
    PH_ASSIGN_OR_RETURN(Customer c, tx.GetCustomer(customer_id));
    PH_ASSIGN_OR_RETURN(m, tx.CheckMembership(s.condition, c.key, now));
    return absl::OkStatus();
  }));
  m.member = m.matches && m.consent == ConsentState::kGranted;
  m.evaluate_time = now;
  return m;
}

absl::StatusOr<Page<std::string>> Segments::ListMembers(
    int64_t segment_id, const ListRequest& request) {
  PH_ASSIGN_OR_RETURN(ListQuery query, ResolveList(MemberSpec(), request));
  const std::string after = query.after.empty() ? "" : query.after[0];
  const absl::Time now = clock_.Now();
  std::vector<std::string> ids;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(Segment s, tx.GetSegment(segment_id));
    PH_ASSIGN_OR_RETURN(
        ids, tx.SegmentMembers(s.condition, now, after, query.limit + 1));
    return absl::OkStatus();
  }));
  return MemberPage(std::move(ids), query);
}

absl::Status Segments::StreamMembers(int64_t segment_id,
                                     const MemberSink& sink) {
  // One evaluation time for the whole stream, so relative windows agree.
  const absl::Time now = clock_.Now();
  PH_ASSIGN_OR_RETURN(Segment s, Get(segment_id));
  std::string after;
  while (true) {
    std::vector<std::string> ids;
    PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
      PH_ASSIGN_OR_RETURN(
          ids, tx.SegmentMembers(s.condition, now, after, kStreamChunk));
      return absl::OkStatus();
    }));
    if (ids.empty()) return absl::OkStatus();
    if (!sink(ids)) return absl::CancelledError("the client stopped reading");
    if (static_cast<int>(ids.size()) < kStreamChunk) return absl::OkStatus();
    after = ids.back();
  }
}

absl::StatusOr<SegmentSnapshot> Segments::CreateSnapshot(const RequestKey& key,
                                                         int64_t segment_id) {
  PH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  const absl::Time now = clock_.Now();
  SegmentSnapshot snapshot;
  PH_RETURN_IF_ERROR(store_.Transact([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::optional<std::string> prior, Recall(tx, key, now));
    if (prior.has_value()) {
      PH_ASSIGN_OR_RETURN(SnapshotId id,
                          ParseSnapshotName(*prior, "request_id"));
      PH_ASSIGN_OR_RETURN(snapshot, tx.GetSnapshot(id.segment_id, id.id));
      return absl::OkStatus();
    }
    SegmentSnapshot draft;
    PH_ASSIGN_OR_RETURN(draft.segment, tx.GetSegment(segment_id));
    draft.snapshot_time = now;
    std::vector<std::string> members;
    PH_ASSIGN_OR_RETURN(snapshot,
                        tx.InsertSnapshot(std::move(draft), &members));
    PH_RETURN_IF_ERROR(
        Remember(tx, key, SnapshotName(segment_id, snapshot.id)));
    // The snapshot, then its members in chunks (one, empty, for none).
    tx.Publish({now, SegmentSnapshotTaken{snapshot}});
    size_t next = 0;
    do {
      const size_t end =
          std::min(members.size(), next + kSnapshotMembersPerEvent);
      SegmentSnapshotMembers chunk{.segment_id = segment_id,
                                   .snapshot_id = snapshot.id,
                                   .last = end == members.size()};
      chunk.customer_ids.assign(std::make_move_iterator(members.begin() + next),
                                std::make_move_iterator(members.begin() + end));
      tx.Publish({now, std::move(chunk)});
      next = end;
    } while (next < members.size());
    return absl::OkStatus();
  }));
  return snapshot;
}

absl::StatusOr<SegmentSnapshot> Segments::GetSnapshot(int64_t segment_id,
                                                      int64_t id) {
  SegmentSnapshot snapshot;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(snapshot, tx.GetSnapshot(segment_id, id));
    return absl::OkStatus();
  }));
  return snapshot;
}

absl::StatusOr<Page<SegmentSnapshot>> Segments::ListSnapshots(
    int64_t segment_id, const ListRequest& request) {
  static const ListSpec kSpec = {.order_fields = {"snapshot_time"},
                                 .default_descending = true};
  PH_ASSIGN_OR_RETURN(ListQuery query, ResolveList(kSpec, request));
  Slice<SegmentSnapshot> slice;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_RETURN_IF_ERROR(tx.GetSegment(segment_id).status());
    PH_ASSIGN_OR_RETURN(slice, tx.ListSnapshots(segment_id, query));
    return absl::OkStatus();
  }));
  return ToPage(std::move(slice), query);
}

absl::StatusOr<Page<std::string>> Segments::ListSnapshotMembers(
    int64_t segment_id, int64_t id, const ListRequest& request) {
  PH_ASSIGN_OR_RETURN(ListQuery query, ResolveList(MemberSpec(), request));
  const std::string after = query.after.empty() ? "" : query.after[0];
  std::vector<std::string> ids;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_RETURN_IF_ERROR(tx.GetSnapshot(segment_id, id).status());
    PH_ASSIGN_OR_RETURN(ids, tx.SnapshotMembers(id, after, query.limit + 1));
    return absl::OkStatus();
  }));
  return MemberPage(std::move(ids), query);
}

absl::Status Segments::StreamSnapshotMembers(int64_t segment_id, int64_t id,
                                             const MemberSink& sink) {
  PH_RETURN_IF_ERROR(GetSnapshot(segment_id, id).status());
  std::string after;
  while (true) {
    std::vector<std::string> ids;
    PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
      PH_ASSIGN_OR_RETURN(ids, tx.SnapshotMembers(id, after, kStreamChunk));
      return absl::OkStatus();
    }));
    if (ids.empty()) return absl::OkStatus();
    if (!sink(ids)) return absl::CancelledError("the client stopped reading");
    if (static_cast<int>(ids.size()) < kStreamChunk) return absl::OkStatus();
    after = ids.back();
  }
}

}  // namespace partnerhub::customer_experience
