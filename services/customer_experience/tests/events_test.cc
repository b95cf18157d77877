// customer-experience's event feed against a real MariaDB: the exact events
// each kind of change writes into the outbox in its transaction, read back
// through the feed's store; nothing for retries, duplicates, rejected
// events or failed changes; snapshots' members in chunks; no personal data
// on the feed; first funnel reaches exactly once under concurrent batches.
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
#include "services/customer_experience/tests/fixture.h"
#include "tests/harness/harness.h"

namespace partnerhub::customer_experience {
namespace {

namespace ev = ::partnerhub::events::v1;
using v1::Touchpoint;

template <typename Req, typename Resp, typename Method>
grpc::Status Call(Method method, const Req& req, Resp* resp) {
  grpc::ClientContext ctx;
  return method(&ctx, req, resp);
}

#define CALL(stub, Method, req, resp)                                   \
  Call<decltype(req)>([&](grpc::ClientContext* c, const auto& r,        \
                          auto* o) { return (stub)->Method(c, r, o); }, \
                      req, resp)

// Minutes from CxTest::Start().
int64_t Minutes(const google::protobuf::Timestamp& ts) {
  const absl::Time t =
      absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
  return absl::ToInt64Minutes(t - CxTest::Start());
}
// The same as text ("-10m"), for readable expectations.
std::string Rel(const google::protobuf::Timestamp& ts) {
  return absl::StrCat(Minutes(ts), "m");
}

// The reach time of `stage` in `p` ("" when not reached).
std::string StageTime(const v1::FunnelProgress& p,
                      v1::FunnelProgress::Stage stage) {
  for (const auto& r : p.stages_reached()) {
    if (r.stage() == stage) return Rel(r.reach_time());
  }
  return "";
}

// One line per event, with what the tests check of it; one line per item of
// a batched event (touchpoints, reaches).
std::vector<std::string> Lines(const ev::Event& e) {
  switch (e.payload_case()) {
    case ev::Event::kCustomerChanged: {
      const v1::Customer& c = e.customer_changed().customer();
      return {absl::StrCat(
          "customer ",
          ev::CustomerChanged::Change_Name(e.customer_changed().change()), " ",
          c.name(), " etag=", c.etag())};
    }
    case ev::Event::kTouchpointsRecorded: {
      std::vector<std::string> out;
      for (const v1::Touchpoint& t : e.touchpoints_recorded().touchpoints()) {
        out.push_back(absl::StrCat("touchpoint ", t.name(), " ",
                                   Touchpoint::Type_Name(t.type()), " ",
                                   Rel(t.occur_time())));
      }
      return out;
    }
    case ev::Event::kPurchaseRecorded:
      return {
          absl::StrCat("purchase ", e.purchase_recorded().purchase().name())};
    case ev::Event::kPurchaseRefunded: {
      const auto& r = e.purchase_refunded();
      return {absl::StrCat(
          "refund ", r.refund().name(), " ", r.refund().amount().amount_minor(),
          " refunded=", r.purchase().refunded_total().amount_minor())};
    }
    case ev::Event::kFunnelStagesReached: {
      std::vector<std::string> out;
      for (const auto& r : e.funnel_stages_reached().reaches()) {
        out.push_back(absl::StrCat("reach ", r.customer(), " ",
                                   r.partner().empty() ? "-" : r.partner(), " ",
                                   v1::FunnelProgress::Stage_Name(r.stage()),
                                   " ", Rel(r.reach_time()), " ",
                                   r.campaign().empty() ? "-" : r.campaign()));
      }
      return out;
    }
    case ev::Event::kSegmentSnapshotTaken: {
      const v1::SegmentSnapshot& s = e.segment_snapshot_taken().snapshot();
      return {
          absl::StrCat("snapshot ", s.name(), " members=", s.member_count())};
    }
    case ev::Event::kSegmentSnapshotMembers: {
      const auto& m = e.segment_snapshot_members();
      return {absl::StrCat("members ", m.snapshot(), " n=", m.customers_size(),
                           m.last() ? " last" : "")};
    }
    default:
      return {absl::StrCat("unexpected payload ", e.payload_case())};
  }
}

std::string Describe(const ev::Event& e) {
  return absl::StrJoin(Lines(e), "\n");
}

// The lines of `events`, one after the other.
std::vector<std::string> LinesOf(const std::vector<ev::Event>& events) {
  std::vector<std::string> out;
  for (const ev::Event& e : events) {
    for (std::string& line : Lines(e)) out.push_back(std::move(line));
  }
  return out;
}

class CxEventsTest : public CxTest {
 protected:
  // The events after `after`, checking that positions are consecutive and
  // every event is on the customer-experience feed.
  std::vector<ev::Event> FeedAfter(int64_t after) {
    events::FeedStore store(*pool_, "customer-experience");
    std::vector<ev::Event> out;
    int64_t position = after;
    while (true) {
      absl::StatusOr<events::EventBatch> batch =
          store.ReadAfter(position, 1000);
      EXPECT_TRUE(batch.ok()) << batch.status();
      if (!batch.ok() || batch->events.empty()) return out;
      for (ev::Event& e : batch->events) {
        EXPECT_EQ(e.position(), position + 1);
        EXPECT_EQ(e.feed(), "customer-experience");
        position = e.position();
        out.push_back(std::move(e));
      }
    }
  }
  // The events since the last call, after the funnel projector caught up.
  std::vector<ev::Event> NewEvents() {
    CatchUpFunnel();
    std::vector<ev::Event> out = FeedAfter(seen_);
    if (!out.empty()) seen_ = out.back().position();
    return out;
  }
  std::vector<std::string> NewLines() { return LinesOf(NewEvents()); }

  v1::Customer SetConsent(const std::string& id, v1::MarketingConsent::State s,
                          grpc::StatusCode want = grpc::OK) {
    v1::SetMarketingConsentRequest req;
    req.set_name(absl::StrCat("customers/", id));
    req.set_state(s);
    req.set_source("app-settings");
    v1::Customer out;
    EXPECT_EQ(CALL(stub_, SetMarketingConsent, req, &out).error_code(), want);
    return out;
  }

  static v1::RecordPurchaseRequest PurchaseRequest(const std::string& order,
                                                   const std::string& customer,
                                                   int partner, int64_t amount,
                                                   int minutes_ago,
                                                   int campaign) {
    v1::RecordPurchaseRequest req;
    req.set_purchase_id(order);
    v1::Purchase* p = req.mutable_purchase();
    p->set_customer(absl::StrCat("customers/", customer));
    p->set_partner(absl::StrCat("partners/", partner));
    v1::PurchaseItem* item = p->add_items();
    item->set_category("fashion");
    item->set_quantity(1);
    item->mutable_amount()->set_currency_code("KRW");
    item->mutable_amount()->set_amount_minor(amount);
    p->mutable_total()->set_currency_code("KRW");
    p->mutable_total()->set_amount_minor(amount);
    if (campaign != 0) p->set_campaign(absl::StrCat("campaigns/", campaign));
    *p->mutable_purchase_time() =
        ToProtoTime(Start() - absl::Minutes(minutes_ago));
    return req;
  }

  int64_t seen_ = 0;
};

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

// Through the store: a unit of work that fails after publishing leaves no
// event, and an attempt retried after a deadlock publishes only what the
// attempt that commits published.
TEST_F(CxEventsTest, FailedAndRetriedTransactionsPublishOnlyWhatCommits) {
  auto reach = [](const std::string& customer) {
    return DomainEvent{CxTest::Start(),
                       FunnelStagesReached{{{.customer_id = customer,
                                             .stage = FunnelStage::kAware,
                                             .reach_time = CxTest::Start()}}}};
  };
  absl::Status failed = store_->Transact([&](CxTx& tx) -> absl::Status {
    tx.Publish(reach("rolled-back"));
    return absl::FailedPreconditionError("changed my mind");
  });
  EXPECT_EQ(failed.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(NewEvents().empty());

  int attempts = 0;
  ASSERT_TRUE(store_
                  ->Transact([&](CxTx& tx) -> absl::Status {
                    ++attempts;
                    tx.Publish(reach(absl::StrCat("attempt-", attempts)));
                    if (attempts == 1) {
                      return mysql::ToStatus(
                          sql::SQLException("Deadlock found", "40001", 1213));
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(NewLines(),
            std::vector<std::string>{"reach customers/attempt-2 - AWARE 0m -"});

  // Publishing outside a transaction is a bug, not a silent loss.
  EXPECT_EQ(store_
                ->Read([&](CxTx& tx) -> absl::Status {
                  tx.Publish(reach("read"));
                  return absl::OkStatus();
                })
                .code(),
            absl::StatusCode::kInternal);
}

// The funnel projector follows the feed as a consumer: events it has not
// applied are never pruned, and each applies once.
TEST_F(CxEventsTest,
       TheFunnelProjectorAppliesEachEventOnceAndHoldsBackPruning) {
  CreateCustomer("q1");
  v1::RecordTouchpointRequest rec;
  *rec.mutable_touchpoint() =
      MakeTouchpoint("q1", "v1", Touchpoint::PAGE_VIEW, 10, 3, 0);
  v1::Touchpoint t;
  ASSERT_TRUE(CALL(stub_, RecordTouchpoint, rec, &t).ok());
  events::FeedStore feed(*pool_, "customer-experience");
  absl::StatusOr<int64_t> pruned = feed.Prune(Start() + absl::Hours(1));
  ASSERT_TRUE(pruned.ok()) << pruned.status();
  EXPECT_EQ(*pruned, 0);  // the projector has applied nothing yet
  EXPECT_EQ(RowCount("funnel_progress"), 0);

  absl::StatusOr<int64_t> passed = projector_->CatchUp();
  ASSERT_TRUE(passed.ok()) << passed.status();
  // The customer's and the touchpoint's events, then its own reach event.
  EXPECT_EQ(*passed, 3);
  EXPECT_EQ(RowCount("funnel_progress"), 1);
  EXPECT_EQ(LinesOf(FeedAfter(2)),
            (std::vector<std::string>{
                "reach customers/q1 - INTERESTED -10m -",
                "reach customers/q1 partners/3 INTERESTED -10m -"}));
  passed = projector_->CatchUp();
  ASSERT_TRUE(passed.ok()) << passed.status();
  EXPECT_EQ(*passed, 0);
  EXPECT_TRUE(FeedAfter(3).empty());
  pruned = feed.Prune(Start() + absl::Hours(1));
  ASSERT_TRUE(pruned.ok()) << pruned.status();
  EXPECT_EQ(*pruned, 3);
}

// Ingestion stops, recording nothing, while the projector trails by the
// limit, and resumes once it has caught up.
TEST_F(CxEventsTest, IngestionIsRefusedWhileTheFunnelProjectorIsTooFarBehind) {
  CreateCustomer("r1");
  CatchUpFunnel();
  Touchpoints use_case(*store_, clock_, /*funnel_max_lag=*/2);
  auto batch = [&](const std::string& event_id) {
    std::vector<absl::StatusOr<::partnerhub::customer_experience::Touchpoint>>
        events;
    events.push_back(FromProto(
        MakeTouchpoint("r1", event_id, Touchpoint::PAGE_VIEW, 10, 3, 0), "t"));
    return use_case.RecordBatch(std::move(events), "touchpoints", 0);
  };
  ASSERT_TRUE(batch("b1").ok());
  ASSERT_TRUE(batch("b2").ok());
  EXPECT_EQ(RowCount("touchpoints"), 2);

  auto refused = batch("b3");
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kResourceExhausted)
      << refused.status();
  EXPECT_TRUE(absl::StrContains(
      refused.status().message(),
      "2 feed events behind (the limit is 2); these events were not"))
      << refused.status();
  auto one = FromProto(
      MakeTouchpoint("r1", "b4", Touchpoint::AD_IMPRESSION, 5, 3, 0), "t");
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(use_case.Record(*one).status().code(),
            absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(RowCount("touchpoints"), 2);
  EXPECT_EQ(RowCount("outbox_events"), 3);  // the customer, b1, b2

  CatchUpFunnel();
  auto retried = batch("b3");
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ((*retried)[0].kind, TouchpointOutcome::Kind::kRecorded);
  EXPECT_TRUE(use_case.Record(*one).ok());
  EXPECT_EQ(RowCount("touchpoints"), 4);
}

// Many clients record overlapping batches (the same customers and partners,
// some event ids repeated across clients) concurrently. Every stored
// touchpoint is published exactly once, and, with funnel projectors
// stepping at the same time, every stage each customer has
// reached (overall and per partner, as GetCustomerFunnel reports it) is
// published exactly once, at the time GetCustomerFunnel reports.
TEST_F(CxEventsTest, ConcurrentBatchesPublishEachFirstReachOnce) {
  constexpr int kCustomers = 12;
  constexpr int kClients = 8;
  constexpr int kBatches = 12;
  for (int c = 0; c < kCustomers; ++c) CreateCustomer(absl::StrCat("cc", c));
  NewEvents();
  std::vector<std::thread> clients;
  for (int w = 0; w < kClients; ++w) {
    clients.emplace_back([&, w] {
      auto stub = NewStub();
      std::mt19937 rng(w);
      for (int b = 0; b < kBatches; ++b) {
        v1::BatchRecordTouchpointsRequest req;
        for (int i = 0; i < 40; ++i) {
          // Ids repeat across clients: the same event sent twice.
          const int n = rng() % 400;
          *req.add_touchpoints() = MakeTouchpoint(
              absl::StrCat("cc", n % kCustomers), absl::StrCat("ev", n),
              static_cast<Touchpoint::Type>(1 + n % 9), 1 + n % 240, n % 3,
              n % 4);
        }
        v1::BatchRecordTouchpointsResponse resp;
        grpc::Status s = CALL(stub, BatchRecordTouchpoints, req, &resp);
        EXPECT_TRUE(s.ok()) << s.error_message();
      }
    });
  }
  // Projectors (as on three replicas) step at the same time as the
  // clients record, one event per step.
  std::atomic<bool> recording{true};
  std::vector<std::thread> projectors;
  for (int p = 0; p < 3; ++p) {
    projectors.emplace_back([&] {
      FunnelProjector projector(*store_, clock_);
      while (recording) {
        absl::StatusOr<int64_t> passed = projector.Step(1);
        EXPECT_TRUE(passed.ok()) << passed.status();
      }
    });
  }
  for (std::thread& t : clients) t.join();
  recording = false;
  for (std::thread& t : projectors) t.join();

  std::vector<ev::Event> events = NewEvents();
  int64_t touchpoints = 0;
  std::map<std::string, int64_t> reached;  // "cust partner stage" → minutes
  for (const ev::Event& e : events) {
    touchpoints += e.touchpoints_recorded().touchpoints_size();
    for (const auto& r : e.funnel_stages_reached().reaches()) {
      const std::string key =
          absl::StrCat(r.customer(), " ", r.partner(), " ", r.stage());
      EXPECT_TRUE(reached.emplace(key, Minutes(r.reach_time())).second)
          << "reached twice: " << key;
    }
  }
  EXPECT_EQ(touchpoints, RowCount("touchpoints"));

  std::map<std::string, int64_t> want;
  for (int c = 0; c < kCustomers; ++c) {
    v1::GetCustomerFunnelRequest req;
    req.set_name(absl::StrCat("customers/cc", c, "/funnel"));
    v1::CustomerFunnel funnel;
    ASSERT_TRUE(CALL(stub_, GetCustomerFunnel, req, &funnel).ok());
    auto add = [&](const v1::FunnelProgress& p) {
      for (const auto& r : p.stages_reached()) {
        want[absl::StrCat("customers/cc", c, " ", p.partner(), " ",
                          r.stage())] = Minutes(r.reach_time());
      }
    };
    add(funnel.overall());
    for (const v1::FunnelProgress& p : funnel.partners()) add(p);
  }
  // Touchpoints arrived in any time order, so a stage's reach time may
  // have moved earlier after it was published, never later.
  std::set<std::string> want_keys, got_keys;
  for (const auto& [k, v] : want) want_keys.insert(k);
  for (const auto& [k, v] : reached) got_keys.insert(k);
  EXPECT_EQ(got_keys, want_keys);
  EXPECT_GT(reached.size(), 50u);
  for (const auto& [k, minutes] : reached) {
    if (want.contains(k)) {
      EXPECT_GE(minutes, want[k]) << k;
    }
  }
}

}  // namespace
}  // namespace partnerhub::customer_experience
