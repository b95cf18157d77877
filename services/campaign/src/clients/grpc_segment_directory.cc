#include "services/campaign/src/clients/grpc_segment_directory.h"

#include "common/grpc/downstream.h"

namespace partnerhub::campaign {
namespace {

namespace cxv1 = ::partnerhub::customer_experience::v1;
constexpr absl::string_view kService = "customer-experience";

}  // namespace

GrpcSegmentDirectory::GrpcSegmentDirectory(
    std::shared_ptr<grpc::Channel> channel, absl::Duration timeout)
    : stub_(cxv1::CustomerExperienceService::NewStub(std::move(channel))),
      timeout_(timeout) {}

absl::StatusOr<SegmentSnapshot> GrpcSegmentDirectory::CreateSnapshot(
    const std::string& segment, const std::string& request_id) {
  cxv1::CreateSegmentSnapshotRequest req;
  req.set_parent(segment);
  req.set_request_id(request_id);
  cxv1::SegmentSnapshot resp;
  auto ctx = DeadlineContext(timeout_);
  const grpc::Status s = stub_->CreateSegmentSnapshot(ctx.get(), req, &resp);
  if (!s.ok()) return FromDownstream(kService, s);
  return SegmentSnapshot{.name = resp.name(),
                         .member_count = resp.member_count()};
}

absl::StatusOr<MemberPage> GrpcSegmentDirectory::ListMembers(
    const std::string& snapshot, int page_size, const std::string& page_token) {
  cxv1::ListSegmentSnapshotMembersRequest req;
  req.set_parent(snapshot);
  req.set_page_size(page_size);
  req.set_page_token(page_token);
  cxv1::ListSegmentSnapshotMembersResponse resp;
  auto ctx = DeadlineContext(timeout_);
  const grpc::Status s =
      stub_->ListSegmentSnapshotMembers(ctx.get(), req, &resp);
  if (!s.ok()) return FromDownstream(kService, s);
  MemberPage page;
  page.customers.assign(resp.customers().begin(), resp.customers().end());
  page.next_page_token = resp.next_page_token();
  return page;
}

}  // namespace partnerhub::campaign
