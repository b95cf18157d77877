// customer-experience's event feed against a real MariaDB
// (events_fixture.h): nothing for failed changes and only the committing
// attempt's events for retried ones; the funnel projector as a consumer of
// the feed (never pruned past it, ingestion refused while it trails); first
// funnel reaches exactly once under concurrent batches.
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
