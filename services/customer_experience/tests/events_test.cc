// customer-experience's event feed against a real MariaDB: the exact events
// each kind of change writes into the outbox in its transaction, read back
// through the feed's store (events_fixture.h). Here: customers (no personal
// data on the feed) and touchpoints with their first funnel reaches;
// purchases and snapshots in events_purchases_test.cc; failed, retried and
// concurrent changes and the funnel projector in events_consistency_test.cc.
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

TEST_F(CxEventsTest, CustomerChangesArePublishedWithoutPersonalData) {
  v1::Customer c = CreateCustomer("p1");  // with name, email and phone
  std::vector<ev::Event> events = NewEvents();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(Describe(events[0]), "customer CREATED customers/p1 etag=1");
  EXPECT_EQ(events[0].event_time().seconds(), absl::ToUnixSeconds(Start()));
  const v1::Customer& published = events[0].customer_changed().customer();
  EXPECT_FALSE(published.has_personal_data());
  EXPECT_EQ(published.birth_year(), 1998);
  EXPECT_EQ(published.age_band(), v1::Customer::TWENTIES);
  EXPECT_EQ(published.marketing_consent().state(),
            v1::MarketingConsent::GRANTED);

  // A create retried with its request_id publishes nothing more; a
  // duplicate customer id fails and publishes nothing.
  v1::CreateCustomerRequest create;
  create.set_customer_id("p2");
  create.set_request_id("create-p2");
  create.mutable_customer()->mutable_personal_data()->set_email(
      "second.person@example.com");
  v1::Customer out;
  ASSERT_TRUE(CALL(stub_, CreateCustomer, create, &out).ok());
  ASSERT_TRUE(CALL(stub_, CreateCustomer, create, &out).ok());
  create.set_request_id("create-p2-again");
  EXPECT_EQ(CALL(stub_, CreateCustomer, create, &out).error_code(),
            grpc::ALREADY_EXISTS);
  EXPECT_EQ(NewLines(),
            std::vector<std::string>{"customer CREATED customers/p2 etag=1"});

  clock_.Advance(absl::Minutes(1));
  v1::UpdateCustomerRequest update;
  update.mutable_customer()->set_name("customers/p1");
  update.mutable_customer()->set_region("KR-26");
  update.mutable_customer()->set_etag(c.etag());
  update.mutable_update_mask()->add_paths("region");
  ASSERT_TRUE(CALL(stub_, UpdateCustomer, update, &out).ok());
  // A stale etag: the update fails, nothing is published.
  EXPECT_EQ(CALL(stub_, UpdateCustomer, update, &out).error_code(),
            grpc::ABORTED);
  // Only personal data changes: the customer (version, update time)
  // changed, and is published without its personal data.
  update.mutable_customer()->clear_etag();
  update.mutable_update_mask()->set_paths(0, "personal_data.phone");
  update.mutable_customer()->mutable_personal_data()->set_phone("02-555-0101");
  ASSERT_TRUE(CALL(stub_, UpdateCustomer, update, &out).ok());
  SetConsent("p1", v1::MarketingConsent::GRANTED);  // no change
  SetConsent("p1", v1::MarketingConsent::DENIED, grpc::FAILED_PRECONDITION);
  SetConsent("p1", v1::MarketingConsent::REVOKED);
  v1::ErasePersonalDataRequest erase;
  erase.set_name("customers/p1");
  ASSERT_TRUE(CALL(stub_, ErasePersonalData, erase, &out).ok());

  events = NewEvents();
  EXPECT_EQ(LinesOf(events),
            (std::vector<std::string>{
                "customer UPDATED customers/p1 etag=2",
                "customer UPDATED customers/p1 etag=3",
                "customer CONSENT_CHANGED customers/p1 etag=4",
                "customer PERSONAL_DATA_ERASED customers/p1 etag=5"}));
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].customer_changed().customer().region(), "KR-26");
  EXPECT_EQ(events[0].event_time().seconds(),
            absl::ToUnixSeconds(Start() + absl::Minutes(1)));
  EXPECT_EQ(events[2].customer_changed().customer().marketing_consent().state(),
            v1::MarketingConsent::REVOKED);
  EXPECT_TRUE(
      events[3].customer_changed().customer().has_personal_data_erase_time());
  for (const ev::Event& e : FeedAfter(0)) {
    EXPECT_FALSE(e.customer_changed().customer().has_personal_data())
        << Describe(e);
  }
  // Not even in the stored bytes: no name, email or phone, masked or not.
  for (const char* pd : {"Minji", "minji", "example.com", "second.person",
                         "5678", "0101", "****"}) {
    EXPECT_EQ(QueryInt(absl::StrCat("SELECT COUNT(*) FROM ", schema_,
                                    ".outbox_events WHERE LOCATE('", pd,
                                    "', payload) > 0")),
              0)
        << pd;
  }
}

TEST_F(CxEventsTest, OnlyStoredTouchpointsArePublishedWithTheirFirstReaches) {
  CreateCustomer("b1");
  CreateCustomer("b2");
  NewEvents();
  v1::RecordTouchpointRequest rec;
  *rec.mutable_touchpoint() =
      MakeTouchpoint("b1", "old", Touchpoint::AD_IMPRESSION, 60);
  v1::Touchpoint t;
  ASSERT_TRUE(CALL(stub_, RecordTouchpoint, rec, &t).ok());
  ASSERT_TRUE(CALL(stub_, RecordTouchpoint, rec, &t).ok());  // duplicate
  EXPECT_EQ(NewLines(),
            (std::vector<std::string>{"touchpoint customers/b1/touchpoints/old "
                                      "AD_IMPRESSION -60m",
                                      "reach customers/b1 - AWARE -60m -"}));

  v1::BatchRecordTouchpointsRequest req;
  *req.add_touchpoints() =
      MakeTouchpoint("b1", "e1", Touchpoint::PAGE_VIEW, 10, 4);  // 0 ok
  *req.add_touchpoints() =
      MakeTouchpoint("b2", "e1", Touchpoint::SEARCH, 9, 4);  // 1 ok
  *req.add_touchpoints() =
      MakeTouchpoint("b1", "e1", Touchpoint::SEARCH, 8, 4);  // 2 dup in batch
  *req.add_touchpoints() =
      MakeTouchpoint("b1", "old", Touchpoint::SEARCH, 8);  // 3 dup stored
  Touchpoint no_type = MakeTouchpoint("b1", "e3", Touchpoint::PAGE_VIEW, 7);
  no_type.clear_type();
  *req.add_touchpoints() = no_type;  // 4 bad
  *req.add_touchpoints() =
      MakeTouchpoint("ghost", "e4", Touchpoint::PAGE_VIEW, 7);  // 5 unknown
  Touchpoint future = MakeTouchpoint("b2", "e6", Touchpoint::PAGE_VIEW, -600);
  *req.add_touchpoints() = future;  // 6 bad
  *req.add_touchpoints() =
      MakeTouchpoint("b2", "e7", Touchpoint::ADD_TO_CART, 6, 4, 11);  // 7 ok
  *req.add_touchpoints() =
      MakeTouchpoint("b2", "e8", Touchpoint::COUPON_RECEIVED, 20, 0, 12);  // 8
  v1::BatchRecordTouchpointsResponse resp;
  ASSERT_TRUE(CALL(stub_, BatchRecordTouchpoints, req, &resp).ok());
  ASSERT_EQ(resp.recorded_count(), 4);
  ASSERT_EQ(resp.duplicate_count(), 2);
  ASSERT_EQ(resp.rejected_count(), 3);

  // The stored touchpoints in request order, then the first reaches by
  // customer, overall before per partner, stage by stage.
  EXPECT_EQ(NewLines(),
            (std::vector<std::string>{
                "touchpoint customers/b1/touchpoints/e1 PAGE_VIEW -10m",
                "touchpoint customers/b2/touchpoints/e1 SEARCH -9m",
                "touchpoint customers/b2/touchpoints/e7 ADD_TO_CART -6m",
                "touchpoint customers/b2/touchpoints/e8 COUPON_RECEIVED -20m",
                "reach customers/b1 - INTERESTED -10m -",
                "reach customers/b1 partners/4 INTERESTED -10m -",
                "reach customers/b2 - INTERESTED -9m -",
                "reach customers/b2 - CONSIDERING -20m campaigns/12",
                "reach customers/b2 partners/4 INTERESTED -9m -",
                "reach customers/b2 partners/4 CONSIDERING -6m campaigns/11",
            }));

  // The same batch again stores nothing and publishes nothing.
  ASSERT_TRUE(CALL(stub_, BatchRecordTouchpoints, req, &resp).ok());
  EXPECT_EQ(resp.recorded_count(), 0);
  EXPECT_TRUE(NewLines().empty());
  // A batch of nothing but rejected events publishes nothing.
  v1::BatchRecordTouchpointsRequest bad;
  *bad.add_touchpoints() = no_type;
  ASSERT_TRUE(CALL(stub_, BatchRecordTouchpoints, bad, &resp).ok());
  EXPECT_TRUE(NewLines().empty());
}

// A batch publishes its touchpoints, then its first reaches, each in
// consecutive events of at most 1000 items and about 512 KiB.
TEST_F(CxEventsTest, LargeBatchesArePublishedInBoundedEvents) {
  constexpr int kCustomers = 600;
  for (int c = 0; c < kCustomers; ++c) CreateCustomer(absl::StrCat("m", c));
  NewEvents();
  // 2,500 touchpoints, 600 customers × (AWARE, INTERESTED) overall and
  // with partner 3: 2,400 first reaches.
  v1::BatchRecordTouchpointsRequest req;
  for (int i = 0; i < 2500; ++i) {
    *req.add_touchpoints() =
        MakeTouchpoint(absl::StrCat("m", i % kCustomers), absl::StrCat("s", i),
                       (i / kCustomers) % 2 == 0 ? Touchpoint::AD_IMPRESSION
                                                 : Touchpoint::PAGE_VIEW,
                       1 + i % 100, 3);
  }
  v1::BatchRecordTouchpointsResponse resp;
  ASSERT_TRUE(CALL(stub_, BatchRecordTouchpoints, req, &resp).ok());
  ASSERT_EQ(resp.recorded_count(), 2500);
  std::vector<ev::Event> events = NewEvents();
  std::vector<int> sizes;
  for (const ev::Event& e : events) {
    sizes.push_back(e.has_touchpoints_recorded()
                        ? e.touchpoints_recorded().touchpoints_size()
                        : -e.funnel_stages_reached().reaches_size());
  }
  // Touchpoints as positive counts, reaches as negative ones.
  EXPECT_EQ(sizes, (std::vector<int>{1000, 1000, 500, -1000, -1000, -400}));
  std::vector<std::string> lines = LinesOf(events);
  ASSERT_EQ(lines.size(), 4900u);
  for (int i = 0; i < 2500; ++i) {
    ASSERT_TRUE(
        absl::StrContains(lines[i], absl::StrCat("/touchpoints/s", i, " ")))
        << i << ": " << lines[i];
  }

  // Touchpoints with the largest properties allowed: events stay near
  // 512 KiB however few touchpoints that is.
  v1::BatchRecordTouchpointsRequest big;
  for (int i = 0; i < 300; ++i) {
    v1::Touchpoint t = MakeTouchpoint(
        absl::StrCat("m", i), absl::StrCat("b", i), Touchpoint::SEARCH, 5, 3);
    for (int k = 0; k < 20; ++k) {
      (*t.mutable_properties())[absl::StrCat("key-", k)] =
          std::string(256, 'x');
    }
    *big.add_touchpoints() = t;
  }
  ASSERT_TRUE(CALL(stub_, BatchRecordTouchpoints, big, &resp).ok());
  ASSERT_EQ(resp.recorded_count(), 300);
  int touchpoints = 0, with_touchpoints = 0;
  for (const ev::Event& e : NewEvents()) {
    if (!e.has_touchpoints_recorded()) continue;
    ++with_touchpoints;
    touchpoints += e.touchpoints_recorded().touchpoints_size();
    EXPECT_LE(e.ByteSizeLong(), 512u * 1024 + 6000);
  }
  EXPECT_EQ(touchpoints, 300);
  EXPECT_GE(with_touchpoints, 3);
}

TEST_F(CxEventsTest, AStageIsReachedOnceEvenWhenOlderTouchpointsArriveLater) {
  CreateCustomer("o1");
  NewEvents();
  auto record = [&](const std::string& id, Touchpoint::Type type, int ago,
                    int partner, int campaign) {
    v1::RecordTouchpointRequest rec;
    *rec.mutable_touchpoint() =
        MakeTouchpoint("o1", id, type, ago, partner, campaign);
    v1::Touchpoint t;
    ASSERT_TRUE(CALL(stub_, RecordTouchpoint, rec, &t).ok());
    // The projector applies each before the next arrives.
    CatchUpFunnel();
  };
  record("v1", Touchpoint::PAGE_VIEW, 10, 3, 0);
  // Older, other partner: INTERESTED was reached overall (its time moves
  // earlier, no event), but not with partner 6.
  record("v2", Touchpoint::PAGE_VIEW, 20, 6, 2);
  // A stage before one reached is still reached for the first time.
  record("a1", Touchpoint::AD_IMPRESSION, 30, 0, 0);
  EXPECT_EQ(NewLines(),
            (std::vector<std::string>{
                "touchpoint customers/o1/touchpoints/v1 PAGE_VIEW -10m",
                "reach customers/o1 - INTERESTED -10m -",
                "reach customers/o1 partners/3 INTERESTED -10m -",
                "touchpoint customers/o1/touchpoints/v2 PAGE_VIEW -20m",
                "reach customers/o1 partners/6 INTERESTED -20m campaigns/2",
                "touchpoint customers/o1/touchpoints/a1 AD_IMPRESSION -30m",
                "reach customers/o1 - AWARE -30m -",
            }));
  v1::GetCustomerFunnelRequest funnel_req;
  funnel_req.set_name("customers/o1/funnel");
  v1::CustomerFunnel funnel;
  ASSERT_TRUE(CALL(stub_, GetCustomerFunnel, funnel_req, &funnel).ok());
  EXPECT_EQ(StageTime(funnel.overall(), v1::FunnelProgress::INTERESTED),
            "-20m");

  // Purchases out of order: the one at -30m is the first; then one at -60m
  // arrives, which makes the -30m one the second purchase: REPEAT is
  // reached at -30m, with the campaign of that (stored) purchase.
  v1::Purchase p;
  ASSERT_TRUE(CALL(stub_, RecordPurchase,
                   PurchaseRequest("o-b", "o1", 5, 100, 30, 8), &p)
                  .ok());
  CatchUpFunnel();
  ASSERT_TRUE(CALL(stub_, RecordPurchase,
                   PurchaseRequest("o-a", "o1", 5, 100, 60, 9), &p)
                  .ok());
  EXPECT_EQ(
      NewLines(),
      (std::vector<std::string>{
          "purchase purchases/o-b",
          "touchpoint customers/o1/touchpoints/purchase:o-b PURCHASE -30m",
          "reach customers/o1 - PURCHASED -30m campaigns/8",
          "reach customers/o1 partners/5 PURCHASED -30m campaigns/8",
          "purchase purchases/o-a",
          "touchpoint customers/o1/touchpoints/purchase:o-a PURCHASE -60m",
          "reach customers/o1 - REPEAT -30m campaigns/8",
          "reach customers/o1 partners/5 REPEAT -30m campaigns/8",
      }));
  ASSERT_TRUE(CALL(stub_, GetCustomerFunnel, funnel_req, &funnel).ok());
  EXPECT_EQ(StageTime(funnel.overall(), v1::FunnelProgress::PURCHASED), "-60m");
  EXPECT_EQ(StageTime(funnel.overall(), v1::FunnelProgress::REPEAT), "-30m");
}
}  // namespace
}  // namespace partnerhub::customer_experience
