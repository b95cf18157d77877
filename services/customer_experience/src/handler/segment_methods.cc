// CustomerExperienceHandler: segments, their evaluation and snapshots.
#include "common/grpc/handler_support.h"
#include "common/grpc/proto_convert.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/convert/convert.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/handler/customer_experience_handler.h"

namespace partnerhub::customer_experience {
namespace {

template <typename Member>
MemberSink WriteTo(grpc::ServerContext* ctx,
                   grpc::ServerWriter<Member>* writer) {
  return [ctx, writer](const std::vector<std::string>& ids) {
    Member m;
    for (const std::string& id : ids) {
      if (ctx->IsCancelled()) return false;
      m.set_customer(CustomerName(id));
      if (!writer->Write(m)) return false;
    }
    return true;
  };
}

template <typename Response>
void FillMembers(const Page<std::string>& page, Response* resp) {
  resp->mutable_customers()->Reserve(static_cast<int>(page.items.size()));
  for (const std::string& id : page.items)
    resp->add_customers(CustomerName(id));
  resp->set_next_page_token(page.next_page_token);
}

}  // namespace

grpc::Status CustomerExperienceHandler::CreateSegment(
    Ctx*, const v1::CreateSegmentRequest* req, v1::Segment* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(Segment draft, FromProto(req->segment()));
    PH_ASSIGN_OR_RETURN(Segment created, segments_.Create(MakeRequestKey(*req),
                                                          std::move(draft)));
    *resp = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::GetSegment(
    Ctx*, const v1::GetSegmentRequest* req, v1::Segment* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t id, ParseSegmentName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(Segment s, segments_.Get(id));
    *resp = ToProto(s);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::ListSegments(
    Ctx*, const v1::ListSegmentsRequest* req, v1::ListSegmentsResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    ListRequest list = ToListRequest(*req, "");
    list.filter = req->filter();
    list.order_by = req->order_by();
    PH_ASSIGN_OR_RETURN(Page<Segment> page, segments_.List(list));
    for (const Segment& s : page.items) *resp->add_segments() = ToProto(s);
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::UpdateSegment(
    Ctx*, const v1::UpdateSegmentRequest* req, v1::Segment* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(
        int64_t id, ParseSegmentName(req->segment().name(), "segment.name"));
    std::vector<std::string> mask = MaskPaths(req->update_mask());
    Segment patch;
    patch.display_name = req->segment().display_name();
    patch.description = req->segment().description();
    if (std::find(mask.begin(), mask.end(), "condition") != mask.end()) {
      PH_ASSIGN_OR_RETURN(patch, FromProto(req->segment()));
    }
    PH_ASSIGN_OR_RETURN(
        Segment updated,
        segments_.Update(id, patch, mask, req->segment().etag()));
    *resp = ToProto(updated);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::EstimateSegmentSize(
    Ctx*, const v1::EstimateSegmentSizeRequest* req,
    v1::EstimateSegmentSizeResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    SegmentSize size;
    switch (req->target_case()) {
      case v1::EstimateSegmentSizeRequest::kSegment: {
        PH_ASSIGN_OR_RETURN(int64_t id,
                            ParseSegmentName(req->segment(), "segment"));
        PH_ASSIGN_OR_RETURN(size, segments_.Estimate(id));
        break;
      }
      case v1::EstimateSegmentSizeRequest::kCondition: {
        PH_ASSIGN_OR_RETURN(Condition c,
                            FromProto(req->condition(), "condition"));
        PH_ASSIGN_OR_RETURN(size, segments_.Estimate(c, "condition"));
        break;
      }
      default:
        return InvalidField("segment", "or condition is required");
    }
    resp->set_member_count(size.member_count);
    resp->set_matching_count(size.matching_count);
    *resp->mutable_evaluate_time() = ToProtoTime(size.evaluate_time);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::CheckSegmentMembership(
    Ctx*, const v1::CheckSegmentMembershipRequest* req,
    v1::CheckSegmentMembershipResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t id,
                        ParseSegmentName(req->segment(), "segment"));
    PH_ASSIGN_OR_RETURN(std::string customer,
                        ParseCustomerName(req->customer(), "customer"));
    PH_ASSIGN_OR_RETURN(Membership m, segments_.CheckMembership(id, customer));
    resp->set_member(m.member);
    resp->set_matches_condition(m.matches);
    resp->set_consent_state(
        static_cast<v1::MarketingConsent::State>(m.consent));
    *resp->mutable_evaluate_time() = ToProtoTime(m.evaluate_time);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::ListSegmentMembers(
    Ctx*, const v1::ListSegmentMembersRequest* req,
    v1::ListSegmentMembersResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t id, ParseSegmentName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(
        Page<std::string> page,
        segments_.ListMembers(id, ToListRequest(*req, req->parent())));
    FillMembers(page, resp);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::StreamSegmentMembers(
    Ctx* ctx, const v1::StreamSegmentMembersRequest* req,
    grpc::ServerWriter<v1::SegmentMember>* writer) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t id, ParseSegmentName(req->parent(), "parent"));
    return segments_.StreamMembers(id, WriteTo(ctx, writer));
  });
}

grpc::Status CustomerExperienceHandler::CreateSegmentSnapshot(
    Ctx*, const v1::CreateSegmentSnapshotRequest* req,
    v1::SegmentSnapshot* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t id, ParseSegmentName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(SegmentSnapshot s,
                        segments_.CreateSnapshot(MakeRequestKey(*req), id));
    *resp = ToProto(s);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::GetSegmentSnapshot(
    Ctx*, const v1::GetSegmentSnapshotRequest* req, v1::SegmentSnapshot* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(SnapshotId id, ParseSnapshotName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(SegmentSnapshot s,
                        segments_.GetSnapshot(id.segment_id, id.id));
    *resp = ToProto(s);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::ListSegmentSnapshots(
    Ctx*, const v1::ListSegmentSnapshotsRequest* req,
    v1::ListSegmentSnapshotsResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t id, ParseSegmentName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(
        Page<SegmentSnapshot> page,
        segments_.ListSnapshots(id, ToListRequest(*req, req->parent())));
    for (const SegmentSnapshot& s : page.items)
      *resp->add_snapshots() = ToProto(s);
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::ListSegmentSnapshotMembers(
    Ctx*, const v1::ListSegmentSnapshotMembersRequest* req,
    v1::ListSegmentSnapshotMembersResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(SnapshotId id,
                        ParseSnapshotName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(
        Page<std::string> page,
        segments_.ListSnapshotMembers(id.segment_id, id.id,
                                      ToListRequest(*req, req->parent())));
    FillMembers(page, resp);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::StreamSegmentSnapshotMembers(
    Ctx* ctx, const v1::StreamSegmentSnapshotMembersRequest* req,
    grpc::ServerWriter<v1::SegmentSnapshotMember>* writer) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(SnapshotId id,
                        ParseSnapshotName(req->parent(), "parent"));
    return segments_.StreamSnapshotMembers(id.segment_id, id.id,
                                           WriteTo(ctx, writer));
  });
}

}  // namespace partnerhub::customer_experience
