// The CustomerExperience service through gRPC, in-process, over a real
// MariaDB schema: segments, their snapshots and consent.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/grpc/proto_convert.h"
#include "services/customer_experience/tests/fixture.h"

namespace partnerhub::customer_experience {
namespace {

using v1::Touchpoint;

v1::SegmentCondition TwentiesWhoViewed(int partner) {
  v1::SegmentCondition c;
  auto* all = c.mutable_all_of();
  all->add_conditions()->mutable_age_band()->add_age_bands(
      v1::Customer::TWENTIES);
  auto* tp = all->add_conditions()->mutable_touchpoint();
  tp->set_type(Touchpoint::PAGE_VIEW);
  tp->set_partner(absl::StrCat("partners/", partner));
  tp->mutable_window()->set_last_days(30);
  return c;
}

TEST_F(CxTest, SegmentsSnapshotsAndConsent) {
  // m1, m2, m4: twenties who viewed partner 3; m3 is too old; m4 revokes
  // consent; m5 never consented.
  CreateCustomer("m1", 2000);
  CreateCustomer("m2", 1999);
  CreateCustomer("m3", 1980);
  CreateCustomer("m4", 2001);
  CreateCustomer("m5", 2001, v1::Customer::MALE, v1::MarketingConsent::DENIED);
  v1::BatchRecordTouchpointsRequest batch;
  for (const char* c : {"m1", "m2", "m3", "m4", "m5"}) {
    *batch.add_touchpoints() =
        MakeTouchpoint(c, "v", Touchpoint::PAGE_VIEW, 60, 3);
  }
  v1::BatchRecordTouchpointsResponse recorded;
  ASSERT_TRUE(CALL(stub_, BatchRecordTouchpoints, batch, &recorded).ok());

  v1::CreateSegmentRequest create;
  create.mutable_segment()->set_display_name("20s who viewed partner 3");
  *create.mutable_segment()->mutable_condition() = TwentiesWhoViewed(3);
  create.mutable_segment()
      ->mutable_condition()
      ->mutable_all_of()
      ->mutable_conditions(1)
      ->mutable_touchpoint()
      ->clear_window();
  v1::Segment segment;
  grpc::Status s = CALL(stub_, CreateSegment, create, &segment);
  EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(),
            "segment.condition.all_of.conditions[1].touchpoint.window is "
            "required (last_days "
            "or fixed)");
  *create.mutable_segment()->mutable_condition() = TwentiesWhoViewed(3);
  ASSERT_TRUE(CALL(stub_, CreateSegment, create, &segment).ok());
  EXPECT_EQ(segment.condition().all_of().conditions(1).touchpoint().partner(),
            "partners/3");

  v1::SetMarketingConsentRequest revoke;
  revoke.set_name("customers/m4");
  revoke.set_state(v1::MarketingConsent::REVOKED);
  revoke.set_source("app-settings");
  v1::Customer revoked;

  v1::EstimateSegmentSizeRequest estimate;
  estimate.set_segment(segment.name());
  v1::EstimateSegmentSizeResponse size;
  ASSERT_TRUE(CALL(stub_, EstimateSegmentSize, estimate, &size).ok());
  EXPECT_EQ(size.member_count(), 3);    // m1 m2 m4
  EXPECT_EQ(size.matching_count(), 4);  // and m5

  v1::CreateSegmentSnapshotRequest snap_req;
  snap_req.set_parent(segment.name());
  snap_req.set_request_id("snap-1");
  v1::SegmentSnapshot snapshot, retry;
  ASSERT_TRUE(CALL(stub_, CreateSegmentSnapshot, snap_req, &snapshot).ok());
  ASSERT_TRUE(CALL(stub_, CreateSegmentSnapshot, snap_req, &retry).ok());
  EXPECT_EQ(snapshot.name(), retry.name());
  EXPECT_EQ(snapshot.member_count(), 3);
  EXPECT_EQ(snapshot.segment().display_name(), "20s who viewed partner 3");

  // After the snapshot: m4 revokes, the segment changes; the snapshot does not.
  ASSERT_TRUE(CALL(stub_, SetMarketingConsent, revoke, &revoked).ok());
  v1::UpdateSegmentRequest update;
  update.mutable_segment()->set_name(segment.name());
  update.mutable_segment()->set_display_name("renamed");
  update.mutable_segment()->set_etag(segment.etag());
  update.mutable_update_mask()->add_paths("display_name");
  v1::Segment updated;
  ASSERT_TRUE(CALL(stub_, UpdateSegment, update, &updated).ok());
  EXPECT_EQ(updated.etag(), "2");
  EXPECT_EQ(CALL(stub_, UpdateSegment, update, &updated).error_code(),
            grpc::ABORTED);

  v1::ListSegmentMembersRequest live;
  live.set_parent(segment.name());
  v1::ListSegmentMembersResponse live_members;
  ASSERT_TRUE(CALL(stub_, ListSegmentMembers, live, &live_members).ok());
  EXPECT_EQ(std::vector<std::string>(live_members.customers().begin(),
                                     live_members.customers().end()),
            (std::vector<std::string>{"customers/m1", "customers/m2"}));

  v1::ListSegmentSnapshotMembersRequest members_req;
  members_req.set_parent(snapshot.name());
  members_req.set_page_size(2);
  std::vector<std::string> members;
  while (true) {
    v1::ListSegmentSnapshotMembersResponse page;
    ASSERT_TRUE(
        CALL(stub_, ListSegmentSnapshotMembers, members_req, &page).ok());
    members.insert(members.end(), page.customers().begin(),
                   page.customers().end());
    if (page.next_page_token().empty()) break;
    members_req.set_page_token(page.next_page_token());
  }
  EXPECT_EQ(members, (std::vector<std::string>{"customers/m1", "customers/m2",
                                               "customers/m4"}));

  v1::GetSegmentSnapshotRequest get_snap;
  get_snap.set_name(snapshot.name());
  v1::SegmentSnapshot got;
  ASSERT_TRUE(CALL(stub_, GetSegmentSnapshot, get_snap, &got).ok());
  EXPECT_EQ(got.segment().display_name(), "20s who viewed partner 3");
  EXPECT_EQ(got.member_count(), 3);

  {
    grpc::ClientContext ctx;
    v1::StreamSegmentSnapshotMembersRequest stream_req;
    stream_req.set_parent(snapshot.name());
    auto reader = stub_->StreamSegmentSnapshotMembers(&ctx, stream_req);
    v1::SegmentSnapshotMember m;
    std::vector<std::string> streamed;
    while (reader->Read(&m)) streamed.push_back(m.customer());
    ASSERT_TRUE(reader->Finish().ok());
    EXPECT_EQ(streamed, members);
  }
  {
    grpc::ClientContext ctx;
    v1::StreamSegmentMembersRequest stream_req;
    stream_req.set_parent(segment.name());
    auto reader = stub_->StreamSegmentMembers(&ctx, stream_req);
    v1::SegmentMember m;
    int n = 0;
    while (reader->Read(&m)) ++n;
    ASSERT_TRUE(reader->Finish().ok());
    EXPECT_EQ(n, 2);
  }

  v1::CheckSegmentMembershipRequest check;
  check.set_segment(segment.name());
  check.set_customer("customers/m4");
  v1::CheckSegmentMembershipResponse membership;
  ASSERT_TRUE(CALL(stub_, CheckSegmentMembership, check, &membership).ok());
  EXPECT_FALSE(membership.member());
  EXPECT_TRUE(membership.matches_condition());
  EXPECT_EQ(membership.consent_state(), v1::MarketingConsent::REVOKED);
  check.set_customer("customers/m1");
  ASSERT_TRUE(CALL(stub_, CheckSegmentMembership, check, &membership).ok());
  EXPECT_TRUE(membership.member());
  check.set_customer("customers/m3");
  ASSERT_TRUE(CALL(stub_, CheckSegmentMembership, check, &membership).ok());
  EXPECT_FALSE(membership.matches_condition());

  v1::ListSegmentSnapshotsRequest list_snaps;
  list_snaps.set_parent(segment.name());
  v1::ListSegmentSnapshotsResponse snaps;
  ASSERT_TRUE(CALL(stub_, ListSegmentSnapshots, list_snaps, &snaps).ok());
  EXPECT_EQ(snaps.snapshots_size(), 1);
  v1::ListSegmentsRequest list_segments;
  list_segments.set_filter("display_name = \"ren*\"");
  v1::ListSegmentsResponse segments;
  ASSERT_TRUE(CALL(stub_, ListSegments, list_segments, &segments).ok());
  EXPECT_EQ(segments.segments_size(), 1);
  get_snap.set_name(absl::StrCat(segment.name(), "/snapshots/999"));
  EXPECT_EQ(CALL(stub_, GetSegmentSnapshot, get_snap, &got).error_code(),
            grpc::NOT_FOUND);

  // An unsaved condition can be estimated too.
  v1::EstimateSegmentSizeRequest ad_hoc;
  *ad_hoc.mutable_condition() = TwentiesWhoViewed(4);
  ASSERT_TRUE(CALL(stub_, EstimateSegmentSize, ad_hoc, &size).ok());
  EXPECT_EQ(size.member_count(), 0);
}
}  // namespace
}  // namespace partnerhub::customer_experience
