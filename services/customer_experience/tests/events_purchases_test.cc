// customer-experience's event feed against a real MariaDB
// (events_fixture.h): purchases and refunds, and snapshots' members in
// chunks.
#include <cppconn/exception.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/events/feed_store.h"
#include "common/grpc/proto_convert.h"
#include "common/mysql/sql_error.h"
#include "services/customer_experience/src/convert/convert.h"
#include "services/customer_experience/src/domain/touchpoints.h"
#include "services/customer_experience/tests/events_fixture.h"
#include "tests/harness/harness.h"

namespace partnerhub::customer_experience {
namespace {

using v1::Touchpoint;

TEST_F(CxEventsTest, PurchasesAndRefunds) {
  CreateCustomer("buyer");
  NewEvents();
  v1::Purchase first, again;
  ASSERT_TRUE(CALL(stub_, RecordPurchase,
                   PurchaseRequest("o-1", "buyer", 5, 30000, 60, 8), &first)
                  .ok());
  std::vector<ev::Event> events = NewEvents();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(Describe(events[0]), "purchase purchases/o-1");
  EXPECT_EQ(events[0].purchase_recorded().purchase().SerializeAsString(),
            first.SerializeAsString());
  EXPECT_EQ(
      Describe(events[1]),
      "touchpoint customers/buyer/touchpoints/purchase:o-1 PURCHASE -60m");
  EXPECT_EQ(events[1].touchpoints_recorded().touchpoints(0).purchase(),
            "purchases/o-1");
  EXPECT_EQ(
      Lines(events[2]),
      (std::vector<std::string>{
          "reach customers/buyer - PURCHASED -60m campaigns/8",
          "reach customers/buyer partners/5 PURCHASED -60m campaigns/8"}));

  // The same order again: the stored purchase, nothing published; other
  // content: ALREADY_EXISTS, nothing published.
  ASSERT_TRUE(CALL(stub_, RecordPurchase,
                   PurchaseRequest("o-1", "buyer", 5, 30000, 60, 8), &again)
                  .ok());
  EXPECT_EQ(CALL(stub_, RecordPurchase,
                 PurchaseRequest("o-1", "buyer", 5, 31000, 60, 8), &again)
                .error_code(),
            grpc::ALREADY_EXISTS);
  EXPECT_TRUE(NewLines().empty());

  ASSERT_TRUE(CALL(stub_, RecordPurchase,
                   PurchaseRequest("o-2", "buyer", 5, 50000, 30, 0), &again)
                  .ok());
  EXPECT_EQ(NewLines(),
            (std::vector<std::string>{
                "purchase purchases/o-2",
                "touchpoint customers/buyer/touchpoints/purchase:o-2 "
                "REPEAT_PURCHASE -30m",
                "reach customers/buyer - REPEAT -30m -",
                "reach customers/buyer partners/5 REPEAT -30m -",
            }));

  clock_.Advance(absl::Minutes(5));
  v1::RefundPurchaseRequest refund;
  refund.set_name("purchases/o-1");
  refund.mutable_refund()->mutable_amount()->set_amount_minor(20000);
  refund.mutable_refund()->set_reason("size");
  *refund.mutable_refund()->mutable_refund_time() = ToProtoTime(Start());
  refund.set_request_id("refund-1");
  v1::Purchase refunded;
  ASSERT_TRUE(CALL(stub_, RefundPurchase, refund, &refunded).ok());
  ASSERT_TRUE(CALL(stub_, RefundPurchase, refund, &refunded).ok());  // retry
  refund.set_request_id("refund-2");
  refund.mutable_refund()->mutable_amount()->set_amount_minor(10001);
  EXPECT_EQ(CALL(stub_, RefundPurchase, refund, &refunded).error_code(),
            grpc::FAILED_PRECONDITION);
  events = NewEvents();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(Describe(events[0]),
            "refund purchases/o-1/refunds/1 20000 refunded=20000");
  EXPECT_EQ(events[0].purchase_refunded().purchase().SerializeAsString(),
            refunded.SerializeAsString());
  EXPECT_EQ(events[0].event_time().seconds(),
            absl::ToUnixSeconds(Start() + absl::Minutes(5)));
  EXPECT_EQ(Describe(events[1]),
            "touchpoint customers/buyer/touchpoints/refund:o-1:1 REFUND 0m");
}

TEST_F(CxEventsTest, SnapshotMembersFollowInChunksOfAtMost5000) {
  // 12,001 consenting customers in their twenties, made with SQL.
  constexpr int kMembers = 12001;
  auto made =
      ::partnerhub::testing::MariaDbServer::Shared().QueryAsRoot(absl::StrCat(
          "INSERT INTO ", schema_,
          ".customers (customer_id, birth_year, gender, region, sign_up_time, "
          "consent, consent_change_time, create_time, update_time, version) "
          "SELECT CONCAT('s-', LPAD(seq, 5, '0')), 2000, 1, 'KR-11', NOW(6), "
          "1, "
          "NOW(6), NOW(6), NOW(6), 1 FROM ",
          schema_, ".seq_1_to_", kMembers));
  ASSERT_TRUE(made.ok()) << made.status();
  CreateCustomer("old", 1950);
  NewEvents();

  auto snapshot_of = [&](v1::Customer::AgeBand band, const std::string& rid) {
    v1::CreateSegmentRequest create;
    create.mutable_segment()->set_display_name(
        v1::Customer::AgeBand_Name(band));
    create.mutable_segment()
        ->mutable_condition()
        ->mutable_age_band()
        ->add_age_bands(band);
    v1::Segment segment;
    EXPECT_TRUE(CALL(stub_, CreateSegment, create, &segment).ok());
    v1::CreateSegmentSnapshotRequest req;
    req.set_parent(segment.name());
    req.set_request_id(rid);
    v1::SegmentSnapshot snapshot, retry;
    EXPECT_TRUE(CALL(stub_, CreateSegmentSnapshot, req, &snapshot).ok());
    EXPECT_TRUE(CALL(stub_, CreateSegmentSnapshot, req, &retry).ok());
    EXPECT_EQ(retry.name(), snapshot.name());
    return snapshot;
  };
  v1::SegmentSnapshot snapshot =
      snapshot_of(v1::Customer::TWENTIES, "snap-20s");
  std::vector<ev::Event> events = NewEvents();
  const std::string name = snapshot.name();
  EXPECT_EQ(LinesOf(events),
            (std::vector<std::string>{
                absl::StrCat("snapshot ", name, " members=12001"),
                absl::StrCat("members ", name, " n=5000"),
                absl::StrCat("members ", name, " n=5000"),
                absl::StrCat("members ", name, " n=2001 last"),
            }));
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].segment_snapshot_taken().snapshot().SerializeAsString(),
            snapshot.SerializeAsString());
  std::vector<std::string> members;
  for (size_t i = 1; i < events.size(); ++i) {
    for (const std::string& c :
         events[i].segment_snapshot_members().customers())
      members.push_back(c);
    EXPECT_EQ(events[i].event_time().seconds(), absl::ToUnixSeconds(Start()));
  }
  ASSERT_EQ(members.size(), static_cast<size_t>(kMembers));
  for (int i = 0; i < kMembers; ++i) {
    ASSERT_EQ(members[i], absl::StrFormat("customers/s-%05d", i + 1)) << i;
  }

  // No members: one empty chunk, the last.
  v1::SegmentSnapshot empty = snapshot_of(v1::Customer::FORTIES, "snap-40s");
  EXPECT_EQ(NewLines(),
            (std::vector<std::string>{
                absl::StrCat("snapshot ", empty.name(), " members=0"),
                absl::StrCat("members ", empty.name(), " n=0 last"),
            }));
}
}  // namespace
}  // namespace partnerhub::customer_experience
