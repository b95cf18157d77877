// The CustomerExperience service through gRPC, in-process, over a real
// MariaDB schema.
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
using Outcome = v1::TouchpointResult;

template <typename Req, typename Resp, typename Method>
grpc::Status Call(Method method, const Req& req, Resp* resp) {
  grpc::ClientContext ctx;
  return method(&ctx, req, resp);
}

#define CALL(stub, Method, req, resp)                                   \
  Call<decltype(req)>([&](grpc::ClientContext* c, const auto& r,        \
                          auto* o) { return (stub)->Method(c, r, o); }, \
                      req, resp)

TEST_F(CxTest, CreateGetMasksPersonalDataUnlessFull) {
  v1::Customer created = CreateCustomer("cust-1", 2000);
  EXPECT_EQ(created.name(), "customers/cust-1");
  EXPECT_EQ(created.age_band(), v1::Customer::TWENTIES);
  EXPECT_EQ(created.marketing_consent().state(), v1::MarketingConsent::GRANTED);
  EXPECT_EQ(created.etag(), "1");

  v1::GetCustomerRequest get;
  get.set_name("customers/cust-1");
  v1::Customer basic;
  ASSERT_TRUE(CALL(stub_, GetCustomer, get, &basic).ok());
  EXPECT_EQ(basic.personal_data().email(), "m********@e******.com");
  get.set_view(v1::FULL);
  v1::Customer full;
  ASSERT_TRUE(CALL(stub_, GetCustomer, get, &full).ok());
  EXPECT_EQ(full.personal_data().email(), "minji.kim@example.com");

  v1::CreateCustomerRequest again;
  again.set_customer_id("cust-1");
  v1::Customer out;
  EXPECT_EQ(CALL(stub_, CreateCustomer, again, &out).error_code(),
            grpc::ALREADY_EXISTS);
  again.set_customer_id("bad id");
  grpc::Status s = CALL(stub_, CreateCustomer, again, &out);
  EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StartsWith(s.error_message(), "customer_id"))
      << s.error_message();
  again.set_customer_id("cust-2");
  again.mutable_customer()->mutable_personal_data()->set_email("not-an-email");
  s = CALL(stub_, CreateCustomer, again, &out);
  EXPECT_TRUE(
      absl::StartsWith(s.error_message(), "customer.personal_data.email"))
      << s.error_message();
  get.set_name("customers/nobody");
  EXPECT_EQ(CALL(stub_, GetCustomer, get, &out).error_code(), grpc::NOT_FOUND);
}

TEST_F(CxTest, CreateWithRequestIdIsIdempotent) {
  v1::CreateCustomerRequest req;
  req.set_customer_id("c-r");
  req.set_request_id("req-1");
  v1::Customer first, second;
  ASSERT_TRUE(CALL(stub_, CreateCustomer, req, &first).ok());
  ASSERT_TRUE(CALL(stub_, CreateCustomer, req, &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(first.marketing_consent().state(),
            v1::MarketingConsent::DENIED);  // default
  req.set_customer_id("c-other");
  EXPECT_EQ(CALL(stub_, CreateCustomer, req, &second).error_code(),
            grpc::INVALID_ARGUMENT);
  EXPECT_EQ(RowCount("customers"), 1);
}

TEST_F(CxTest, UpdateHonoursMaskAndEtag) {
  v1::Customer c = CreateCustomer("u1");
  v1::UpdateCustomerRequest req;
  req.mutable_customer()->set_name("customers/u1");
  req.mutable_customer()->set_region("KR-26");
  req.mutable_customer()->set_birth_year(1980);  // not in the mask: unchanged
  req.mutable_customer()->set_etag(c.etag());
  req.mutable_update_mask()->add_paths("region");
  v1::Customer updated;
  ASSERT_TRUE(CALL(stub_, UpdateCustomer, req, &updated).ok());
  EXPECT_EQ(updated.region(), "KR-26");
  EXPECT_EQ(updated.birth_year(), 1998);
  EXPECT_EQ(updated.etag(), "2");
  EXPECT_EQ(CALL(stub_, UpdateCustomer, req, &updated).error_code(),
            grpc::ABORTED);
  req.mutable_customer()->clear_etag();
  req.mutable_update_mask()->set_paths(0, "marketing_consent");
  EXPECT_EQ(CALL(stub_, UpdateCustomer, req, &updated).error_code(),
            grpc::INVALID_ARGUMENT);
  req.mutable_update_mask()->set_paths(0, "personal_data.phone");
  req.mutable_customer()->mutable_personal_data()->set_phone("02-555-0101");
  ASSERT_TRUE(CALL(stub_, UpdateCustomer, req, &updated).ok());
  EXPECT_EQ(updated.personal_data().phone(), "02-555-0101");
  EXPECT_EQ(updated.personal_data().email(), "minji.kim@example.com");
}

TEST_F(CxTest, ConsentChangesAreRecordedWithTheirTime) {
  CreateCustomer("k1", 1990, v1::Customer::MALE, v1::MarketingConsent::DENIED);
  auto set = [&](v1::MarketingConsent::State state) {
    v1::SetMarketingConsentRequest req;
    req.set_name("customers/k1");
    req.set_state(state);
    req.set_source("app-settings");
    v1::Customer out;
    clock_.Advance(absl::Minutes(1));
    return CALL(stub_, SetMarketingConsent, req, &out);
  };
  EXPECT_EQ(set(v1::MarketingConsent::REVOKED).error_code(),
            grpc::FAILED_PRECONDITION);
  EXPECT_TRUE(set(v1::MarketingConsent::GRANTED).ok());
  EXPECT_TRUE(set(v1::MarketingConsent::GRANTED).ok());  // no change, no entry
  EXPECT_TRUE(set(v1::MarketingConsent::REVOKED).ok());
  EXPECT_EQ(set(v1::MarketingConsent::DENIED).error_code(),
            grpc::FAILED_PRECONDITION);

  v1::ListConsentChangesRequest list;
  list.set_parent("customers/k1");
  v1::ListConsentChangesResponse changes;
  ASSERT_TRUE(CALL(stub_, ListConsentChanges, list, &changes).ok());
  ASSERT_EQ(changes.consent_changes_size(), 3);
  EXPECT_EQ(changes.consent_changes(0).to_state(),
            v1::MarketingConsent::REVOKED);
  EXPECT_EQ(changes.consent_changes(1).to_state(),
            v1::MarketingConsent::GRANTED);
  EXPECT_EQ(changes.consent_changes(1).from_state(),
            v1::MarketingConsent::DENIED);
  EXPECT_EQ(changes.consent_changes(2).from_state(),
            v1::MarketingConsent::STATE_UNSPECIFIED);
  EXPECT_EQ(changes.consent_changes(2).source(), "sign-up");
  EXPECT_LT(
      FromProtoTime("", changes.consent_changes(1).change_time()).value(),
      FromProtoTime("", changes.consent_changes(0).change_time()).value());
}

TEST_F(CxTest, ErasureRemovesPersonalDataAndKeepsHistory) {
  CreateCustomer("e1");
  v1::RecordTouchpointRequest rec;
  *rec.mutable_touchpoint() =
      MakeTouchpoint("e1", "ev1", Touchpoint::PAGE_VIEW, 5, 3);
  v1::Touchpoint t;
  ASSERT_TRUE(CALL(stub_, RecordTouchpoint, rec, &t).ok());
  v1::ErasePersonalDataRequest erase;
  erase.set_name("customers/e1");
  v1::Customer erased;
  ASSERT_TRUE(CALL(stub_, ErasePersonalData, erase, &erased).ok());
  EXPECT_FALSE(erased.has_personal_data());
  EXPECT_TRUE(erased.has_personal_data_erase_time());
  EXPECT_EQ(RowCount("customer_personal_data"), 0);
  EXPECT_EQ(RowCount("touchpoints"), 1);
  EXPECT_EQ(QueryInt(absl::StrCat(
                "SELECT COUNT(*) FROM ", schema_,
                ".customers WHERE customer_id = 'e1' AND birth_year = 1998")),
            1);
  CatchUpFunnel();
  v1::GetCustomerRequest get;
  get.set_name("customers/e1");
  get.set_view(v1::FULL);
  v1::Customer full;
  ASSERT_TRUE(CALL(stub_, GetCustomer, get, &full).ok());
  EXPECT_TRUE(full.personal_data().email().empty());
  EXPECT_EQ(full.funnel_stage(), v1::FunnelProgress::INTERESTED);
}

TEST_F(CxTest, ListCustomersFiltersAndPages) {
  CreateCustomer("a1", 2000, v1::Customer::FEMALE,
                 v1::MarketingConsent::GRANTED);
  CreateCustomer("a2", 2001, v1::Customer::MALE, v1::MarketingConsent::GRANTED);
  CreateCustomer("a3", 1990, v1::Customer::FEMALE,
                 v1::MarketingConsent::GRANTED);
  CreateCustomer("a4", 2002, v1::Customer::FEMALE,
                 v1::MarketingConsent::DENIED);
  CreateCustomer("a5", 2003, v1::Customer::OTHER, v1::MarketingConsent::GRANTED,
                 "KR-26");
  v1::ListCustomersRequest req;
  req.set_filter("age_band = TWENTIES AND consent = GRANTED");
  req.set_page_size(2);
  std::vector<std::string> names;
  for (int page = 0; page < 5; ++page) {
    v1::ListCustomersResponse resp;
    ASSERT_TRUE(CALL(stub_, ListCustomers, req, &resp).ok());
    for (const auto& c : resp.customers()) names.push_back(c.name());
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"customers/a1", "customers/a2",
                                             "customers/a5"}));

  v1::ListCustomersRequest other;
  other.set_filter("region != KR-11 AND funnel_stage = STAGE_UNSPECIFIED");
  v1::ListCustomersResponse resp;
  ASSERT_TRUE(CALL(stub_, ListCustomers, other, &resp).ok());
  ASSERT_EQ(resp.customers_size(), 1);
  EXPECT_EQ(resp.customers(0).name(), "customers/a5");
  other.set_filter("gender = NOBODY");
  EXPECT_EQ(CALL(stub_, ListCustomers, other, &resp).error_code(),
            grpc::INVALID_ARGUMENT);
  other.set_filter("");
  other.set_order_by("create_time desc");
  other.set_page_size(2);
  ASSERT_TRUE(CALL(stub_, ListCustomers, other, &resp).ok());
}

TEST_F(CxTest, BatchReportsDuplicateAndMalformedEventsAndStoresTheRest) {
  CreateCustomer("b1");
  CreateCustomer("b2");
  {
    v1::RecordTouchpointRequest rec;
    *rec.mutable_touchpoint() =
        MakeTouchpoint("b1", "old", Touchpoint::AD_IMPRESSION, 60);
    v1::Touchpoint t;
    ASSERT_TRUE(CALL(stub_, RecordTouchpoint, rec, &t).ok());
  }
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
  Touchpoint bad_partner = MakeTouchpoint("b2", "e5", Touchpoint::PAGE_VIEW, 7);
  bad_partner.set_partner("partner/5");
  *req.add_touchpoints() = bad_partner;  // 6 bad
  Touchpoint future = MakeTouchpoint("b2", "e6", Touchpoint::PAGE_VIEW, -600);
  *req.add_touchpoints() = future;  // 7 bad
  Touchpoint props =
      MakeTouchpoint("b2", "e7", Touchpoint::ADD_TO_CART, 6, 4, 11);
  (*props.mutable_properties())["sku"] = "A-\"1\"";
  *req.add_touchpoints() = props;  // 8 ok
  *req.add_touchpoints() =
      MakeTouchpoint("ghost", "e4", Touchpoint::PAGE_VIEW, 7);  // 9 unknown

  v1::BatchRecordTouchpointsResponse resp;
  ASSERT_TRUE(CALL(stub_, BatchRecordTouchpoints, req, &resp).ok());
  ASSERT_EQ(resp.results_size(), 10);
  const Outcome::Outcome want[10] = {Outcome::RECORDED,  Outcome::RECORDED,
                                     Outcome::DUPLICATE, Outcome::DUPLICATE,
                                     Outcome::REJECTED,  Outcome::REJECTED,
                                     Outcome::REJECTED,  Outcome::REJECTED,
                                     Outcome::RECORDED,  Outcome::REJECTED};
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(resp.results(i).index(), i);
    EXPECT_EQ(resp.results(i).outcome(), want[i])
        << i << " " << resp.results(i).message();
  }
  EXPECT_EQ(resp.results(0).name(), "customers/b1/touchpoints/e1");
  EXPECT_EQ(resp.results(4).code(), grpc::INVALID_ARGUMENT);
  EXPECT_EQ(resp.results(4).message(), "touchpoints[4].type is required");
  EXPECT_EQ(resp.results(5).code(), grpc::NOT_FOUND);
  EXPECT_TRUE(
      absl::StartsWith(resp.results(6).message(), "touchpoints[6].partner"));
  EXPECT_TRUE(
      absl::StartsWith(resp.results(7).message(), "touchpoints[7].occur_time"));
  EXPECT_EQ(resp.recorded_count(), 3);
  EXPECT_EQ(resp.duplicate_count(), 2);
  EXPECT_EQ(resp.rejected_count(), 5);
  EXPECT_EQ(RowCount("touchpoints"), 4);

  // The first recording wins: e1 of b1 stays a PAGE_VIEW.
  v1::GetTouchpointRequest get;
  get.set_name("customers/b1/touchpoints/e1");
  v1::Touchpoint t;
  ASSERT_TRUE(CALL(stub_, GetTouchpoint, get, &t).ok());
  EXPECT_EQ(t.type(), Touchpoint::PAGE_VIEW);
  EXPECT_EQ(t.partner(), "partners/4");
  get.set_name("customers/b2/touchpoints/e7");
  ASSERT_TRUE(CALL(stub_, GetTouchpoint, get, &t).ok());
  EXPECT_EQ(t.properties().at("sku"), "A-\"1\"");
  EXPECT_EQ(t.campaign(), "campaigns/11");

  // The same batch again: nothing new.
  ASSERT_TRUE(CALL(stub_, BatchRecordTouchpoints, req, &resp).ok());
  EXPECT_EQ(resp.recorded_count(), 0);
  EXPECT_EQ(resp.duplicate_count(), 5);
  EXPECT_EQ(RowCount("touchpoints"), 4);

  v1::BatchRecordTouchpointsRequest empty;
  EXPECT_EQ(CALL(stub_, BatchRecordTouchpoints, empty, &resp).error_code(),
            grpc::INVALID_ARGUMENT);
}

TEST_F(CxTest, ConcurrentBatchesStoreEachEventOnce) {
  constexpr int kCustomers = 50;
  for (int i = 0; i < kCustomers; ++i) CreateCustomer(absl::StrCat("p", i));
  constexpr int kThreads = 8;
  constexpr int kBatches = 10;
  std::atomic<int64_t> recorded{0}, duplicate{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kThreads; ++w) {
    threads.emplace_back([&, w] {
      auto stub = NewStub();
      for (int b = 0; b < kBatches; ++b) {
        // Event ids overlap across threads: (b * 7 + i) % 300 repeats.
        v1::BatchRecordTouchpointsRequest req;
        for (int i = 0; i < 200; ++i) {
          const int e = (b * 37 + i + w * 50) % 600;
          *req.add_touchpoints() = MakeTouchpoint(
              absl::StrCat("p", e % kCustomers), absl::StrCat("ev", e),
              static_cast<Touchpoint::Type>(1 + e % 9), e % 500, 1 + e % 3);
        }
        v1::BatchRecordTouchpointsResponse resp;
        grpc::ClientContext ctx;
        grpc::Status s = stub->BatchRecordTouchpoints(&ctx, req, &resp);
        ASSERT_TRUE(s.ok()) << s.error_message();
        recorded += resp.recorded_count();
        duplicate += resp.duplicate_count();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(recorded.load(), RowCount("touchpoints"));
  EXPECT_EQ(recorded + duplicate, int64_t{kThreads} * kBatches * 200);
  EXPECT_EQ(QueryInt(absl::StrCat(
                "SELECT COUNT(DISTINCT customer_key, event_id) FROM ", schema_,
                ".touchpoints")),
            RowCount("touchpoints"));
}

TEST_F(CxTest, StreamRecordsInBatchesAndCountsEverything) {
  CreateCustomer("s1");
  CreateCustomer("s2");
  v1::RecordTouchpointsResponse resp;
  grpc::ClientContext ctx;
  auto writer = stub_->RecordTouchpoints(&ctx, &resp);
  int sent = 0;
  for (int m = 0; m < 3; ++m) {
    v1::RecordTouchpointsRequest msg;
    for (int i = 0; i < 1500; ++i, ++sent) {
      // Every 100th is a repeat of the one before; every 250th is malformed.
      const int e = sent % 100 == 99 ? sent - 1 : sent;
      Touchpoint t = MakeTouchpoint(e % 2 ? "s1" : "s2", absl::StrCat("x", e),
                                    Touchpoint::PAGE_VIEW, sent % 300);
      if (sent % 250 == 0) t.clear_occur_time();
      *msg.add_touchpoints() = t;
    }
    ASSERT_TRUE(writer->Write(msg));
  }
  writer->WritesDone();
  grpc::Status s = writer->Finish();
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(
      resp.recorded_count() + resp.duplicate_count() + resp.rejected_count(),
      sent);
  EXPECT_EQ(resp.rejected_count(), 18);  // sent % 250 == 0
  EXPECT_EQ(resp.rejected_size(), 18);
  EXPECT_EQ(resp.rejected(1).index(), 250);
  EXPECT_EQ(resp.duplicate_count(), 45);
  EXPECT_EQ(resp.recorded_count(), RowCount("touchpoints"));
}

TEST_F(CxTest, JourneyIsNewestFirstAndPaged) {
  CreateCustomer("j1");
  v1::BatchRecordTouchpointsRequest req;
  for (int i = 0; i < 25; ++i) {
    *req.add_touchpoints() = MakeTouchpoint(
        "j1", absl::StrCat("j", i), Touchpoint::PAGE_VIEW, 100 - (i / 2));
  }
  v1::BatchRecordTouchpointsResponse batch;
  ASSERT_TRUE(CALL(stub_, BatchRecordTouchpoints, req, &batch).ok());
  v1::ListCustomerJourneyRequest list;
  list.set_parent("customers/j1");
  list.set_page_size(10);
  std::vector<absl::Time> times;
  std::set<std::string> names;
  while (true) {
    v1::ListCustomerJourneyResponse resp;
    ASSERT_TRUE(CALL(stub_, ListCustomerJourney, list, &resp).ok());
    for (const auto& t : resp.touchpoints()) {
      times.push_back(FromProtoTime("", t.occur_time()).value());
      names.insert(t.name());
    }
    if (resp.next_page_token().empty()) break;
    list.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(names.size(), 25u);
  EXPECT_TRUE(std::is_sorted(times.rbegin(), times.rend()));
}

v1::RecordPurchaseRequest PurchaseRequest(const std::string& order,
                                          const std::string& customer,
                                          int partner, int64_t amount,
                                          int minutes_ago) {
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
  p->set_campaign("campaigns/8");
  *p->mutable_purchase_time() =
      ToProtoTime(CxTest::Start() - absl::Minutes(minutes_ago));
  return req;
}

TEST_F(CxTest, PurchasesMoveTheFunnelAndRefundsAreBounded) {
  CreateCustomer("buyer");
  v1::Purchase first, second, again;
  ASSERT_TRUE(CALL(stub_, RecordPurchase,
                   PurchaseRequest("o-1", "buyer", 5, 30000, 60), &first)
                  .ok());
  EXPECT_EQ(first.name(), "purchases/o-1");
  ASSERT_TRUE(CALL(stub_, RecordPurchase,
                   PurchaseRequest("o-2", "buyer", 5, 50000, 30), &second)
                  .ok());
  // Same order, same content: the stored one. Other content: ALREADY_EXISTS.
  ASSERT_TRUE(CALL(stub_, RecordPurchase,
                   PurchaseRequest("o-1", "buyer", 5, 30000, 60), &again)
                  .ok());
  EXPECT_EQ(again.create_time().seconds(), first.create_time().seconds());
  EXPECT_EQ(CALL(stub_, RecordPurchase,
                 PurchaseRequest("o-1", "buyer", 5, 31000, 60), &again)
                .error_code(),
            grpc::ALREADY_EXISTS);
  EXPECT_EQ(RowCount("purchases"), 2);

  v1::GetTouchpointRequest get;
  get.set_name("customers/buyer/touchpoints/purchase:o-2");
  v1::Touchpoint t;
  ASSERT_TRUE(CALL(stub_, GetTouchpoint, get, &t).ok());
  EXPECT_EQ(t.type(), Touchpoint::REPEAT_PURCHASE);
  EXPECT_EQ(t.purchase(), "purchases/o-2");

  v1::GetCustomerFunnelRequest funnel_req;
  funnel_req.set_name("customers/buyer/funnel");
  v1::CustomerFunnel funnel;
  ASSERT_TRUE(CALL(stub_, GetCustomerFunnel, funnel_req, &funnel).ok());
  EXPECT_EQ(funnel.overall().stage(), v1::FunnelProgress::REPEAT);
  ASSERT_EQ(funnel.partners_size(), 1);
  EXPECT_EQ(funnel.partners(0).partner(), "partners/5");
  EXPECT_EQ(funnel.partners(0).stage(), v1::FunnelProgress::REPEAT);

  v1::RefundPurchaseRequest refund;
  refund.set_name("purchases/o-1");
  refund.mutable_refund()->mutable_amount()->set_amount_minor(20000);
  refund.mutable_refund()->set_reason("size");
  *refund.mutable_refund()->mutable_refund_time() = ToProtoTime(Start());
  refund.set_request_id("refund-1");
  v1::Purchase refunded;
  ASSERT_TRUE(CALL(stub_, RefundPurchase, refund, &refunded).ok());
  EXPECT_EQ(refunded.refunded_total().amount_minor(), 20000);
  ASSERT_TRUE(CALL(stub_, RefundPurchase, refund, &refunded).ok());  // a retry
  EXPECT_EQ(refunded.refunds_size(), 1);
  refund.set_request_id("refund-2");
  refund.mutable_refund()->mutable_amount()->set_amount_minor(10001);
  EXPECT_EQ(CALL(stub_, RefundPurchase, refund, &refunded).error_code(),
            grpc::FAILED_PRECONDITION);
  refund.mutable_refund()->mutable_amount()->set_amount_minor(10000);
  ASSERT_TRUE(CALL(stub_, RefundPurchase, refund, &refunded).ok());
  EXPECT_EQ(refunded.refunded_total().amount_minor(), 30000);
  EXPECT_EQ(QueryInt(absl::StrCat("SELECT SUM(fully_refunded) FROM ", schema_,
                                  ".purchase_items")),
            1);

  v1::ListPurchasesRequest list;
  list.set_parent("customers/buyer");
  v1::ListPurchasesResponse purchases;
  ASSERT_TRUE(CALL(stub_, ListPurchases, list, &purchases).ok());
  ASSERT_EQ(purchases.purchases_size(), 2);
  EXPECT_EQ(purchases.purchases(0).name(), "purchases/o-2");
  EXPECT_EQ(purchases.purchases(1).refunds_size(), 2);

  v1::RecordPurchaseRequest bad = PurchaseRequest("o-3", "buyer", 5, 100, 1);
  bad.mutable_purchase()->mutable_total()->set_amount_minor(99);
  grpc::Status s = CALL(stub_, RecordPurchase, bad, &again);
  EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StartsWith(s.error_message(), "purchase.total"))
      << s.error_message();
  EXPECT_EQ(CALL(stub_, RecordPurchase,
                 PurchaseRequest("o-4", "nobody", 5, 100, 1), &again)
                .error_code(),
            grpc::NOT_FOUND);
}

TEST_F(CxTest, FunnelPerPartnerAndCounts) {
  CreateCustomer("f1");
  CreateCustomer("f2");
  v1::BatchRecordTouchpointsRequest req;
  *req.add_touchpoints() =
      MakeTouchpoint("f1", "1", Touchpoint::AD_IMPRESSION, 300, 1, 21);
  *req.add_touchpoints() =
      MakeTouchpoint("f1", "2", Touchpoint::PAGE_VIEW, 200, 1, 21);
  *req.add_touchpoints() =
      MakeTouchpoint("f1", "3", Touchpoint::ADD_TO_CART, 100, 2);
  *req.add_touchpoints() =
      MakeTouchpoint("f2", "1", Touchpoint::SEARCH, 50, 1, 21);
  *req.add_touchpoints() = MakeTouchpoint("f2", "2", Touchpoint::REVIEW, 40, 1);
  *req.add_touchpoints() =
      MakeTouchpoint("f2", "3", Touchpoint::AD_IMPRESSION, 5000, 1);
  v1::BatchRecordTouchpointsResponse batch;
  ASSERT_TRUE(CALL(stub_, BatchRecordTouchpoints, req, &batch).ok());
  ASSERT_EQ(batch.recorded_count(), 6);

  v1::GetCustomerFunnelRequest get;
  get.set_name("customers/f1/funnel");
  v1::CustomerFunnel f;
  ASSERT_TRUE(CALL(stub_, GetCustomerFunnel, get, &f).ok());
  EXPECT_EQ(f.overall().stage(), v1::FunnelProgress::CONSIDERING);
  ASSERT_EQ(f.overall().stages_reached_size(), 3);
  EXPECT_EQ(f.overall().stages_reached(0).reach_time().seconds(),
            absl::ToUnixSeconds(Start() - absl::Minutes(300)));
  ASSERT_EQ(f.partners_size(), 2);
  EXPECT_EQ(f.partners(0).stage(), v1::FunnelProgress::INTERESTED);
  EXPECT_EQ(f.partners(1).stage(), v1::FunnelProgress::CONSIDERING);

  v1::GetFunnelCountsRequest counts_req;
  counts_req.set_partner("partners/1");
  *counts_req.mutable_start_time() = ToProtoTime(Start() - absl::Hours(24));
  *counts_req.mutable_end_time() = ToProtoTime(Start());
  v1::FunnelCounts counts;
  ASSERT_TRUE(CALL(stub_, GetFunnelCounts, counts_req, &counts).ok());
  ASSERT_EQ(counts.stage_counts_size(), 6);
  EXPECT_EQ(counts.stage_counts(0).customers(), 1);  // f2's impression is older
  EXPECT_EQ(counts.stage_counts(1).customers(), 2);
  EXPECT_EQ(counts.stage_counts(5).customers(), 1);
  counts_req.set_campaign("campaigns/21");
  ASSERT_TRUE(CALL(stub_, GetFunnelCounts, counts_req, &counts).ok());
  EXPECT_EQ(counts.stage_counts(1).customers(), 2);
  EXPECT_EQ(counts.stage_counts(5).customers(), 0);
  counts_req.clear_partner();
  counts_req.clear_campaign();
  EXPECT_EQ(CALL(stub_, GetFunnelCounts, counts_req, &counts).error_code(),
            grpc::INVALID_ARGUMENT);
}

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
