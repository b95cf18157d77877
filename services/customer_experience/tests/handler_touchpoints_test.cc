// The CustomerExperience service through gRPC, in-process, over a real
// MariaDB schema: recording touchpoints (batches, concurrent batches,
// streams) and the journey.
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
}  // namespace
}  // namespace partnerhub::customer_experience
