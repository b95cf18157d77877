// MySqlCxStore against a real MariaDB: atomicity, exact duplicate
// detection in multi-row inserts, and funnel merges under real concurrency.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/events/producer_schema.h"
#include "common/mysql/migrator.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/domain/rules.h"
#include "services/customer_experience/tests/fixture.h"
#include "tests/harness/harness.h"

namespace customer_experience_migrations {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}

namespace partnerhub::customer_experience {
namespace {

Customer DomainCustomer(const std::string& id, absl::Time now) {
  Customer c;
  c.customer_id = id;
  c.consent = ConsentState::kGranted;
  c.sign_up_time = c.consent_change_time = c.create_time = c.update_time = now;
  c.version = 1;
  return c;
}

Touchpoint DomainTouchpoint(int64_t key, const std::string& event,
                            TouchpointType type, absl::Time when,
                            int64_t partner = 0) {
  Touchpoint t;
  t.customer_key = key;
  t.event_id = event;
  t.type = type;
  t.occur_time = when;
  t.partner_id = partner;
  t.record_time = when;
  return t;
}

TEST_F(CxTest, FailedUnitOfWorkLeavesNothing) {
  absl::Status s = store_->Transact([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(int64_t key,
                        tx.InsertCustomer(DomainCustomer("x", Start())));
    Touchpoint t =
        DomainTouchpoint(key, "e", TouchpointType::kPageView, Start());
    PH_RETURN_IF_ERROR(tx.InsertTouchpoints({&t}).status());
    PH_RETURN_IF_ERROR(tx.MergeFunnel(FunnelDeltas({&t})));
    return absl::FailedPreconditionError("a rule said no after the writes");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(RowCount("customers"), 0);
  EXPECT_EQ(RowCount("touchpoints"), 0);
  EXPECT_EQ(RowCount("funnel_progress"), 0);
}

TEST_F(CxTest, MultiRowInsertTellsExactlyWhichEventsWereNew) {
  int64_t key = 0;
  ASSERT_TRUE(store_
                  ->Transact([&](CxTx& tx) -> absl::Status {
                    PH_ASSIGN_OR_RETURN(
                        key, tx.InsertCustomer(DomainCustomer("d", Start())));
                    return absl::OkStatus();
                  })
                  .ok());
  std::vector<Touchpoint> first, second;
  for (int i : {2, 5, 9}) {
    first.push_back(DomainTouchpoint(key, absl::StrCat("e", i),
                                     TouchpointType::kSearch, Start()));
  }
  for (int i = 0; i < 123; ++i) {  // chunks of 100, 20, 1, 1, 1
    second.push_back(DomainTouchpoint(key, absl::StrCat("e", i),
                                      TouchpointType::kSearch, Start()));
  }
  auto insert = [&](const std::vector<Touchpoint>& rows) {
    std::vector<const Touchpoint*> ptrs;
    for (const Touchpoint& t : rows) ptrs.push_back(&t);
    std::vector<bool> inserted;
    EXPECT_TRUE(store_
                    ->Transact([&](CxTx& tx) -> absl::Status {
                      PH_ASSIGN_OR_RETURN(inserted, tx.InsertTouchpoints(ptrs));
                      return absl::OkStatus();
                    })
                    .ok());
    return inserted;
  };
  EXPECT_EQ(insert(first), std::vector<bool>(3, true));
  std::vector<bool> inserted = insert(second);
  ASSERT_EQ(inserted.size(), 123u);
  for (int i = 0; i < 123; ++i)
    EXPECT_EQ(inserted[i], i != 2 && i != 5 && i != 9) << i;
  EXPECT_EQ(RowCount("touchpoints"), 123);
}

// Many writers merge overlapping, shuffled parts of the same events into
// the same funnel rows at once; the result is the reference progress.
TEST_F(CxTest, ConcurrentFunnelMergesGiveTheReference) {
  constexpr int kCustomers = 5;
  std::vector<int64_t> keys;
  ASSERT_TRUE(store_
                  ->Transact([&](CxTx& tx) -> absl::Status {
                    for (int i = 0; i < kCustomers; ++i) {
                      PH_ASSIGN_OR_RETURN(int64_t key,
                                          tx.InsertCustomer(DomainCustomer(
                                              absl::StrCat("f", i), Start())));
                      keys.push_back(key);
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  std::mt19937 rng(7);
  std::vector<Touchpoint> events;
  for (int i = 0; i < 400; ++i) {
    events.push_back(DomainTouchpoint(
        keys[rng() % kCustomers], absl::StrCat("e", i),
        static_cast<TouchpointType>(1 + rng() % 9),
        Start() - absl::Minutes(rng() % 10000), 1 + rng() % 2));
  }
  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  for (int w = 0; w < kThreads; ++w) {
    threads.emplace_back([&, w] {
      std::mt19937 local(w);
      // Each event is merged by exactly one writer (w == i % kThreads), in
      // random batches.
      std::vector<const Touchpoint*> mine;
      for (size_t i = w; i < events.size(); i += kThreads)
        mine.push_back(&events[i]);
      std::shuffle(mine.begin(), mine.end(), local);
      for (size_t start = 0; start < mine.size(); start += 7) {
        std::vector<const Touchpoint*> batch(
            mine.begin() + start,
            mine.begin() + std::min(mine.size(), start + 7));
        absl::Status s = store_->Transact([&](CxTx& tx) -> absl::Status {
          return tx.MergeFunnel(FunnelDeltas(batch));
        });
        ASSERT_TRUE(s.ok()) << s;
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int64_t key : keys) {
    std::vector<Touchpoint> mine;
    for (const Touchpoint& t : events) {
      if (t.customer_key == key) mine.push_back(t);
    }
    StageTimes row;
    ASSERT_TRUE(store_
                    ->Transact([&](CxTx& tx) -> absl::Status {
                      PH_ASSIGN_OR_RETURN(auto rows, tx.LockFunnel({key}));
                      row = rows[key];
                      return absl::OkStatus();
                    })
                    .ok());
    EXPECT_EQ(row, ProgressOf(mine)) << "customer " << key;
  }
}

// Migration 0007 fills the per-partner funnel rows from the touchpoints
// stored before it, as the definition (PartnerProgress) gives them.
TEST(CxMigrationTest, PartnerFunnelIsBackfilledFromStoredTouchpoints) {
  auto options = ::partnerhub::testing::MariaDbServer::Shared().CreateSchema(
      "customer_experience_backfill");
  ASSERT_TRUE(options.ok()) << options.status();
  auto pool = mysql::ConnectionPool::Create(*options, {.max_size = 4});
  ASSERT_TRUE(pool.ok()) << pool.status();
  mysql::MigrationSet own =
      customer_experience_migrations::EmbeddedMigrations();
  mysql::MigrationSet before_own;
  for (const mysql::Migration& m : own) {
    if (m.name < "0007") before_own.push_back(m);
  }
  ASSERT_EQ(before_own.size() + 2, own.size());
  const mysql::MigrationSet all = events::ProducerMigrations(own);
  const mysql::MigrationSet before = events::ProducerMigrations(before_own);
  ASSERT_TRUE(mysql::Migrate(**pool, before).ok());
  MySqlCxStore store(**pool);
  constexpr int kCustomers = 6;
  std::vector<int64_t> keys;
  std::mt19937 rng(11);
  std::vector<Touchpoint> events;
  ASSERT_TRUE(
      store
          .Transact([&](CxTx& tx) -> absl::Status {
            for (int i = 0; i < kCustomers; ++i) {
              PH_ASSIGN_OR_RETURN(int64_t key,
                                  tx.InsertCustomer(DomainCustomer(
                                      absl::StrCat("b", i), CxTest::Start())));
              keys.push_back(key);
            }
            for (int i = 0; i < 300; ++i) {
              events.push_back(DomainTouchpoint(
                  keys[rng() % kCustomers], absl::StrCat("e", i),
                  static_cast<TouchpointType>(1 + rng() % 10),
                  CxTest::Start() - absl::Minutes(rng() % 10000), rng() % 4));
            }
            std::vector<const Touchpoint*> rows;
            for (const Touchpoint& t : events) rows.push_back(&t);
            return tx.InsertTouchpoints(rows).status();
          })
          .ok());
  ASSERT_TRUE(mysql::Migrate(**pool, all).ok());
  for (int64_t key : keys) {
    std::vector<Touchpoint> mine;
    for (const Touchpoint& t : events) {
      if (t.customer_key == key) mine.push_back(t);
    }
    std::vector<FunnelProgress> want = PartnerProgress(mine);
    ASSERT_FALSE(want.empty());
    std::vector<PartnerKey> pairs;
    for (const FunnelProgress& p : want) pairs.emplace_back(key, p.partner_id);
    absl::flat_hash_map<PartnerKey, StageTimes> stored;
    ASSERT_TRUE(store
                    .Transact([&](CxTx& tx) -> absl::Status {
                      PH_ASSIGN_OR_RETURN(stored, tx.PartnerFunnel(pairs));
                      return absl::OkStatus();
                    })
                    .ok());
    EXPECT_EQ(stored.size(), want.size());
    for (const FunnelProgress& p : want) {
      EXPECT_EQ(stored[PartnerKey(key, p.partner_id)], p.reached)
          << "customer " << key << " partner " << p.partner_id;
    }
  }
}

}  // namespace
}  // namespace partnerhub::customer_experience
