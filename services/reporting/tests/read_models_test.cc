// The read models against a real MariaDB, fed over gRPC by real EventFeed
// services: figures against a reference computed in plain C++ over a
// generated dataset; exactly once (a batch applied twice, two consumers on
// one feed, leases); the same lift whatever order the feeds deliver in;
// rebuild.
#include <cppconn/resultset.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/events/feed_subscription.h"
#include "common/grpc/downstream.h"
#include "common/grpc/proto_convert.h"
#include "common/mysql/statement.h"
#include "common/mysql/transaction.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/reporting/src/clients/feed_follower.h"
#include "services/reporting/src/domain/feed_applier.h"
#include "services/reporting/src/domain/reports.h"
#include "services/reporting/src/handler/reporting_handler.h"
#include "services/reporting/src/storage/mysql_feed_lease.h"
#include "services/reporting/src/storage/mysql_read_model_store.h"
#include "services/reporting/tests/fixture.h"
#include "tests/harness/harness.h"

namespace partnerhub::reporting {
namespace {

using ::testing::HasSubstr;
using namespace ::partnerhub::reporting::testing;  // NOLINT

std::string TestName() {
  return ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

// A reporting instance in this process: its schema, store and domain.
struct Reporting {
  mysql::ConnectionOptions options;
  std::unique_ptr<mysql::ConnectionPool> pool;
  std::unique_ptr<MySqlReadModelStore> store;
  std::unique_ptr<FeedApplier> applier;
  SystemClock clock;
  std::unique_ptr<Reports> reports;
  std::vector<std::unique_ptr<FeedFollower>> followers;

  static std::unique_ptr<Reporting> Create(const std::string& schema) {
    auto r = std::make_unique<Reporting>();
    absl::StatusOr<mysql::ConnectionOptions> options = ReportingSchema(schema);
    EXPECT_TRUE(options.ok()) << options.status();
    if (!options.ok()) return nullptr;
    r->options = *options;
    mysql::PoolOptions pool_options;
    pool_options.max_size = 12;
    r->pool = *mysql::ConnectionPool::Create(r->options, pool_options);
    r->store = std::make_unique<MySqlReadModelStore>(*r->pool);
    r->applier = std::make_unique<FeedApplier>(*r->store);
    r->reports =
        std::make_unique<Reports>(*r->store, r->clock, [raw = r.get()] {
          std::vector<LocalFeedState> out(3);
          for (const auto& f : raw->followers) {
            const LocalFeedState s = f->state();
            // The followers are created in feed order per test; take the
            // active one's state, else the last error seen.
            for (int i = 0; i < 3; ++i) {
              if (f->feed() == kFeeds[i] &&
                  (s.active || out[i].last_error.empty())) {
                out[i] = s;
              }
            }
          }
          return out;
        });
    return r;
  }

  FeedFollower& Follow(const Producers& producers, int feed, int batch = 97) {
    FollowerOptions fo;
    fo.max_events = batch;
    fo.lease_interval = absl::Milliseconds(100);
    fo.max_backoff = absl::Milliseconds(200);
    followers.push_back(std::make_unique<FeedFollower>(
        kFeeds[feed], DownstreamChannel(producers.address(feed)), *applier,
        std::make_unique<MySqlFeedLease>(options, kFeeds[feed]), fo));
    followers.back()->Start();
    return *followers.back();
  }

  // Waits until the feeds in `feeds` are applied up to the producers' heads.
  ::testing::AssertionResult WaitCaughtUp(const Producers& producers,
                                          std::vector<int> feeds = {0, 1, 2}) {
    const absl::Time deadline = absl::Now() + absl::Seconds(90);
    std::string last;
    while (absl::Now() < deadline) {
      absl::StatusOr<std::vector<StoredPosition>> positions =
          store->Positions();
      if (positions.ok()) {
        bool done = true;
        last.clear();
        for (int f : feeds) {
          for (const StoredPosition& p : *positions) {
            if (p.feed != kFeeds[f]) continue;
            absl::StrAppend(&last, p.feed, "=", p.position, "/",
                            producers.head(f), " ");
            if (p.position != producers.head(f)) done = false;
          }
        }
        if (done) return ::testing::AssertionSuccess();
      }
      absl::SleepFor(absl::Milliseconds(50));
    }
    return ::testing::AssertionFailure() << "not caught up: " << last;
  }

  void StopFollowers() {
    for (auto& f : followers) f->Stop();
    followers.clear();
  }
  ~Reporting() { StopFollowers(); }
};

Period WholeRange(const Dataset& d) {
  return {KstDayOf(d.first_day_start),
          KstDayOf(d.first_day_start + absl::Hours(24 * 34))};
}

void ExpectLift(Reports& reports, const Dataset& d,
                const std::string& campaign) {
  SCOPED_TRACE(campaign);
  absl::StatusOr<PromotionLift> lift = reports.GetPromotionLift(campaign);
  ASSERT_TRUE(lift.ok()) << lift.status();
  const LiftData want = ReferenceLift(d, campaign);
  EXPECT_EQ(lift->data.treated_customers, want.treated_customers);
  EXPECT_EQ(lift->data.holdout_customers, want.holdout_customers);
  EXPECT_EQ(lift->data.known_customers, want.known_customers);
  EXPECT_EQ(lift->data.window.start, want.window.start);
  EXPECT_EQ(lift->data.window.end, want.window.end);
  for (int g = 0; g < 2; ++g) {
    for (int p = 0; p < 3; ++p) {
      SCOPED_TRACE(absl::StrCat("group ", g + 1, " period ", p + 1));
      EXPECT_EQ(lift->data.figures[g][p].buyers, want.figures[g][p].buyers);
      EXPECT_EQ(lift->data.figures[g][p].orders, want.figures[g][p].orders);
      EXPECT_EQ(lift->data.figures[g][p].sales, want.figures[g][p].sales);
    }
  }
  const int64_t control = want.holdout_bps == 0
                              ? want.known_customers - want.treated_customers
                              : want.holdout_customers;
  EXPECT_EQ(lift->control_customers, control);
  EXPECT_EQ(lift->rest_control, want.holdout_bps == 0);
  const auto& t = want.figures[0];
  const auto& c = want.figures[1];
  EXPECT_DOUBLE_EQ(
      lift->did_during,
      (double(t[1].sales) / want.treated_customers -
       double(t[0].sales) / want.treated_customers) -
          (double(c[1].sales) / control - double(c[0].sales) / control));
  EXPECT_GT(t[1].orders, 0);
  EXPECT_GT(c[1].orders, 0);
}

void ExpectPatterns(Reports& reports, const Dataset& d, const Period& period,
                    const PatternFilter& filter) {
  SCOPED_TRACE(absl::StrCat(
      "patterns ", period.start_key(), "-", period.end_key(), " age ",
      filter.age_band.value_or(-1), " gender ", filter.gender.value_or(-1),
      " region ", filter.region.value_or("*")));
  absl::StatusOr<PurchasePatterns> got =
      reports.GetPurchasePatterns(period.start, period.end, filter, 100);
  ASSERT_TRUE(got.ok()) << got.status();
  const PatternTotals want = ReferencePatterns(d, period, filter);
  ASSERT_EQ(got->top_categories.size(), want.by_category.size());
  ASSERT_EQ(got->top_partners.size(), want.by_partner.size());
  int64_t total = 0;
  for (const PatternEntry& e : got->top_categories) {
    const auto& w = want.by_category.at(e.key);
    EXPECT_EQ(e.lines, w[0]) << e.key;
    EXPECT_EQ(e.quantity, w[1]) << e.key;
    EXPECT_EQ(e.amount, w[2]) << e.key;
    total += w[2];
  }
  EXPECT_EQ(got->total_amount, total);
  for (size_t i = 1; i < got->top_categories.size(); ++i) {
    EXPECT_GE(got->top_categories[i - 1].amount, got->top_categories[i].amount);
  }
  for (const PatternEntry& e : got->top_partners) {
    const auto& w = want.by_partner.at(e.key);
    EXPECT_EQ(e.lines, w[0]) << e.key;
    EXPECT_EQ(e.amount, w[2]) << e.key;
  }
  // top_n cuts the list, keeping the highest.
  absl::StatusOr<PurchasePatterns> top2 =
      reports.GetPurchasePatterns(period.start, period.end, filter, 2);
  ASSERT_TRUE(top2.ok());
  ASSERT_LE(top2->top_categories.size(), 2u);
  if (!top2->top_categories.empty()) {
    EXPECT_EQ(top2->top_categories[0].key, got->top_categories[0].key);
  }
}

void ExpectScorecard(Reports& reports, const Dataset& d,
                     const std::string& partner, const Period& period) {
  SCOPED_TRACE(partner);
  absl::StatusOr<PartnerScorecard> s =
      reports.GetPartnerScorecard(partner, period.start, period.end);
  ASSERT_TRUE(s.ok()) << s.status();
  const PartnerFigures want = ReferencePartner(d, partner, period);
  EXPECT_EQ(s->figures.gmv, want.gmv);
  EXPECT_EQ(s->figures.orders, want.orders);
  EXPECT_EQ(s->figures.buyers, want.buyers);
  EXPECT_EQ(s->figures.repeat_buyers, want.repeat_buyers);
  EXPECT_EQ(s->figures.new_customers, want.new_customers);
  EXPECT_EQ(s->figures.codes_issued, want.codes_issued);
  EXPECT_EQ(s->figures.redemptions, want.redemptions);
  EXPECT_EQ(s->figures.funnel, want.funnel);
  EXPECT_EQ(s->repeat_rate_bps, Bps(want.repeat_buyers, want.buyers));
  EXPECT_GT(want.repeat_buyers, 0);
  EXPECT_GT(want.new_customers, 0);
}

void ExpectCampaign(Reports& reports, const Dataset& d) {
  absl::StatusOr<CampaignPerformance> p =
      reports.GetCampaignPerformance("campaigns/1", std::nullopt, std::nullopt);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->totals.redemptions, d.redemptions.at("campaigns/1"));
  EXPECT_EQ(p->totals.voids, d.voids.at("campaigns/1"));
  EXPECT_EQ(p->totals.discount, d.discount.at("campaigns/1"));
  EXPECT_EQ(p->totals.partner_cost, 400 * (d.redemptions.at("campaigns/1") -
                                           d.voids.at("campaigns/1")));
  EXPECT_EQ(p->totals.codes_issued, d.codes_issued.at("campaigns/1"));
  EXPECT_EQ(p->budget_used, d.discount.at("campaigns/1"));
  int64_t orders = 0, gmv = 0, refunds = 0, fresh = 0;
  std::set<std::pair<std::string, std::string>> seen;
  for (const PurchaseRec& r : d.purchases) {
    const bool first = seen.emplace(r.customer, r.partner).second;
    if (r.campaign != "campaigns/1") continue;
    orders += 1;
    gmv += r.total;
    refunds += r.refunded;
    fresh += first ? 1 : 0;
  }
  EXPECT_EQ(p->totals.orders, orders);
  EXPECT_EQ(p->totals.gmv, gmv);
  EXPECT_EQ(p->totals.refunds, refunds);
  EXPECT_EQ(p->totals.new_customer_orders, fresh);
  EXPECT_EQ(p->totals.returning_customer_orders, orders - fresh);
  int64_t day_sum = 0;
  for (const CampaignDay& day : p->days) day_sum += day.figures.orders;
  EXPECT_EQ(day_sum, orders);
}

void ExpectAll(Reports& reports, const Dataset& d) {
  ExpectLift(reports, d, "campaigns/1");
  ExpectLift(reports, d, "campaigns/2");
  const Period whole = WholeRange(d);
  ExpectPatterns(reports, d, whole, {});
  ExpectPatterns(reports, d, whole, {.age_band = 2});
  ExpectPatterns(reports, d, whole, {.age_band = 3, .gender = 1});
  ExpectPatterns(reports, d, whole, {.gender = 0, .region = "KR-41"});
  ExpectPatterns(reports, d, {whole.start + 5, whole.start + 12},
                 {.age_band = 0});
  ExpectScorecard(reports, d, "partners/1", whole);
  ExpectScorecard(reports, d, "partners/2", whole);
  ExpectCampaign(reports, d);
}

class ReadModelsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Producers>> p =
        Producers::Start(absl::StrCat("rp_", TestName()));
    ASSERT_TRUE(p.ok()) << p.status();
    producers_ = *std::move(p);
  }
  void AppendDataset(const Dataset& d) {
    for (int f = 0; f < 3; ++f) {
      ASSERT_TRUE(producers_->AppendAll(f, d.events[f], 37).ok());
    }
  }
  std::unique_ptr<Producers> producers_;
};

TEST_F(ReadModelsTest, FiguresMatchTheReference) {
  const Dataset d = Generate(300, 2500);
  AppendDataset(d);
  auto r = Reporting::Create(absl::StrCat("rm_", TestName()));
  ASSERT_NE(r, nullptr);
  for (int f = 0; f < 3; ++f) r->Follow(*producers_, f);
  ASSERT_TRUE(r->WaitCaughtUp(*producers_));
  ExpectAll(*r->reports, d);

  // The funnel by campaign counts the partners' funnels only.
  const Period whole = WholeRange(d);
  absl::StatusOr<StageCounts> funnel =
      r->reports->GetFunnel("", "campaigns/1", whole.start, whole.end);
  ASSERT_TRUE(funnel.ok()) << funnel.status();
  StageCounts want{};
  for (const auto& [key, n] : d.funnel) {
    if (std::get<1>(key) == "campaigns/1" && !std::get<0>(key).empty()) {
      want[std::get<2>(key) - 1] += n;
    }
  }
  EXPECT_EQ(*funnel, want);

  // The scorecard's KPIs come from partner 1's signed agreement.
  absl::StatusOr<PartnerScorecard> s =
      r->reports->GetPartnerScorecard("partners/1", whole.start, whole.end);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(s->agreement.has_value());
  EXPECT_EQ(s->agreement->agreement, "partners/1/agreements/1");
  ASSERT_EQ(s->kpis.size(), 5u);
  EXPECT_FALSE(s->kpis[2].met);  // 100,000 orders
  EXPECT_FALSE(s->all_kpis_met);
  // Partner 2's agreement is a draft: no targets.
  s = r->reports->GetPartnerScorecard("partners/2", whole.start, whole.end);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->agreement.has_value());
  EXPECT_EQ(s->display_name, "Burger Town");

  // A campaign without a snapshot has no lift.
  EXPECT_EQ(r->reports->GetPromotionLift("campaigns/3").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(r->reports->GetPromotionLift("campaigns/404").status().code(),
            absl::StatusCode::kNotFound);

  // Events arriving later keep the figures right (incremental path).
  Dataset more = d;
  std::vector<events::v1::Event> extra;
  for (int i = 0; i < 200; ++i) {
    PurchaseRec p = d.purchases[i];
    p.name = absl::StrCat("purchases/late", i);
    p.refunded = 0;
    p.time += absl::Hours(1);
    if (DayKeyOf(p.time) > WholeRange(d).end_key()) continue;
    more.purchases.push_back(p);
    extra.push_back(PurchaseEvent(p));
  }
  ASSERT_TRUE(producers_->AppendAll(kCx, extra, 23).ok());
  ASSERT_TRUE(r->WaitCaughtUp(*producers_));
  ExpectLift(*r->reports, more, "campaigns/1");
  ExpectLift(*r->reports, more, "campaigns/2");
  ExpectScorecard(*r->reports, more, "partners/1", WholeRange(d));
  ExpectPatterns(*r->reports, more, WholeRange(d), {});
}

// The lift does not depend on the order the feeds deliver in: purchases
// before the campaign and its snapshot are known (backfill), after
// (incremental), or both.
TEST_F(ReadModelsTest, CrossFeedOrderGivesTheSameFigures) {
  const Dataset d = Generate(240, 1800, /*snapshot_midway=*/true);
  AppendDataset(d);
  // A: customer-experience first, then campaign.
  auto a = Reporting::Create(absl::StrCat("ra_", TestName()));
  ASSERT_NE(a, nullptr);
  a->Follow(*producers_, kRegistry);
  a->Follow(*producers_, kCx);
  ASSERT_TRUE(a->WaitCaughtUp(*producers_, {kRegistry, kCx}));
  EXPECT_EQ(a->reports->GetPromotionLift("campaigns/1").status().code(),
            absl::StatusCode::kNotFound);
  a->Follow(*producers_, kCampaignFeed);
  ASSERT_TRUE(a->WaitCaughtUp(*producers_));
  {
    SCOPED_TRACE("customer-experience first");
    ExpectAll(*a->reports, d);
  }
  // B: campaign first, then customer-experience (snapshot mid-stream).
  auto b = Reporting::Create(absl::StrCat("rb_", TestName()));
  ASSERT_NE(b, nullptr);
  b->Follow(*producers_, kRegistry);
  b->Follow(*producers_, kCampaignFeed);
  ASSERT_TRUE(b->WaitCaughtUp(*producers_, {kRegistry, kCampaignFeed}));
  EXPECT_EQ(b->reports->GetPromotionLift("campaigns/1").status().code(),
            absl::StatusCode::kFailedPrecondition);
  b->Follow(*producers_, kCx, /*batch=*/13);
  ASSERT_TRUE(b->WaitCaughtUp(*producers_));
  {
    SCOPED_TRACE("campaign first");
    ExpectAll(*b->reports, d);
  }
  // C: all at once, large batches.
  auto c = Reporting::Create(absl::StrCat("rc_", TestName()));
  ASSERT_NE(c, nullptr);
  for (int f = 0; f < 3; ++f) c->Follow(*producers_, f, 2000);
  ASSERT_TRUE(c->WaitCaughtUp(*producers_));
  {
    SCOPED_TRACE("together");
    ExpectAll(*c->reports, d);
  }
}

TEST_F(ReadModelsTest, ABatchAppliedTwiceCountsOnce) {
  const Dataset d = Generate(100, 400);
  auto r = Reporting::Create(absl::StrCat("rm_", TestName()));
  ASSERT_NE(r, nullptr);
  for (int f = 0; f < 3; ++f) {
    std::vector<events::v1::Event> events = d.events[f];
    for (size_t i = 0; i < events.size(); ++i) {
      events[i].set_position(static_cast<int64_t>(i) + 1);
      events[i].set_feed(kFeeds[f]);
    }
    for (size_t i = 0; i < events.size(); i += 50) {
      std::vector<events::v1::Event> batch(
          events.begin() + i, events.begin() + std::min(events.size(), i + 50));
      ASSERT_TRUE(ApplyEvents(*r->applier, kFeeds[f], batch, 0).ok());
      const absl::Status again = ApplyEvents(*r->applier, kFeeds[f], batch, 0);
      EXPECT_EQ(again.code(), absl::StatusCode::kAborted) << again;
      EXPECT_EQ(ReasonOf(again), ::partnerhub::reason::kConcurrentUpdate);
      EXPECT_GT(RetryDelayOf(again), absl::ZeroDuration());
    }
    // A batch that skips ahead is refused too.
    std::vector<events::v1::Event> ahead = {events.back()};
    ahead[0].set_position(static_cast<int64_t>(events.size()) + 5);
    EXPECT_EQ(ApplyEvents(*r->applier, kFeeds[f], ahead, 0).code(),
              absl::StatusCode::kAborted);
  }
  ExpectLift(*r->reports, d, "campaigns/1");
  ExpectScorecard(*r->reports, d, "partners/1", WholeRange(d));
  ExpectPatterns(*r->reports, d, WholeRange(d), {});
}

// Two consumers race on every feed without leases (the position check
// alone keeps each event once), then two followers per feed with leases:
// one applies, one stands by.
TEST_F(ReadModelsTest, TwoConsumersOnOneFeedCountOnce) {
  const Dataset d = Generate(200, 1500);
  auto r = Reporting::Create(absl::StrCat("rm_", TestName()));
  ASSERT_NE(r, nullptr);
  std::vector<std::unique_ptr<events::FeedSubscription>> subscriptions;
  for (int f = 0; f < 3; ++f) {
    for (int copy = 0; copy < 2; ++copy) {
      events::SubscriptionOptions options;
      options.feed = kFeeds[f];
      options.channel = DownstreamChannel(producers_->address(f));
      options.max_events = 29 + copy * 10;
      options.initial_backoff = absl::Milliseconds(5);
      options.max_backoff = absl::Milliseconds(50);
      events::SubscriptionCallbacks callbacks;
      callbacks.load_position = [&r, f] {
        return r->applier->LoadPosition(kFeeds[f]);
      };
      callbacks.apply = [&r, f](const std::vector<events::v1::Event>& e) {
        return ApplyEvents(*r->applier, kFeeds[f], e, 0);
      };
      subscriptions.push_back(
          std::make_unique<events::FeedSubscription>(options, callbacks));
      subscriptions.back()->Start();
    }
  }
  AppendDataset(d);  // while they follow
  ASSERT_TRUE(r->WaitCaughtUp(*producers_));
  for (auto& s : subscriptions) s->Stop();
  ExpectAll(*r->reports, d);

  // With leases: one active follower per feed; the other takes over when
  // the active one stops.
  auto r2 = Reporting::Create(absl::StrCat("rm2_", TestName()));
  ASSERT_NE(r2, nullptr);
  std::vector<FeedFollower*> first, second;
  for (int f = 0; f < 3; ++f) first.push_back(&r2->Follow(*producers_, f, 50));
  for (int f = 0; f < 3; ++f) second.push_back(&r2->Follow(*producers_, f, 50));
  // Until each feed has its one active follower.
  EXPECT_TRUE(partnerhub::testing::WaitUntil([&] {
    for (int f = 0; f < 3; ++f) {
      if (first[f]->state().active == second[f]->state().active) return false;
    }
    return true;
  }));
  for (int f = 0; f < 3; ++f) {
    EXPECT_NE(first[f]->state().active, second[f]->state().active) << f;
  }
  for (int f = 0; f < 3; ++f) {
    (first[f]->state().active ? first[f] : second[f])->Stop();
  }
  ASSERT_TRUE(r2->WaitCaughtUp(*producers_));
  ExpectAll(*r2->reports, d);
}

TEST_F(ReadModelsTest, RebuildYieldsTheSameFigures) {
  const Dataset d = Generate(200, 1500);
  AppendDataset(d);
  auto r = Reporting::Create(absl::StrCat("rm_", TestName()));
  ASSERT_NE(r, nullptr);
  for (int f = 0; f < 3; ++f) r->Follow(*producers_, f, 500);
  ASSERT_TRUE(r->WaitCaughtUp(*producers_));
  ExpectAll(*r->reports, d);
  EXPECT_EQ(r->reports->Rebuild(false).status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::StatusOr<std::vector<FeedStatus>> rebuilt = r->reports->Rebuild(true);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status();
  for (const FeedStatus& s : *rebuilt) EXPECT_EQ(s.stored.position, 0);
  // The idle followers notice and replay.
  ASSERT_TRUE(r->WaitCaughtUp(*producers_));
  ExpectAll(*r->reports, d);

  // Once a feed has pruned events, a rebuild cannot replay it: its status
  // says OUT_OF_RANGE and its position stays at 0.
  ASSERT_TRUE(producers_->PruneAll(kCampaignFeed).ok());
  ASSERT_TRUE(r->reports->Rebuild(true).ok());
  ASSERT_TRUE(r->WaitCaughtUp(*producers_, {kRegistry, kCx}));
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  bool out_of_range = false;
  while (!out_of_range && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
    absl::StatusOr<std::vector<FeedStatus>> status =
        r->reports->GetFeedStatus();
    ASSERT_TRUE(status.ok());
    out_of_range = absl::StrContains((*status)[kCampaignFeed].local.last_error,
                                     "OUT_OF_RANGE");
    EXPECT_EQ((*status)[kCampaignFeed].stored.position, 0);
  }
  EXPECT_TRUE(out_of_range);
}

TEST_F(ReadModelsTest, HandlerValidatesAndNamesTheField) {
  auto r = Reporting::Create(absl::StrCat("rm_", TestName()));
  ASSERT_NE(r, nullptr);
  ReportingHandler handler(*r->reports);
  auto date = [](int y, int m, int dd) {
    type::v1::Date date;
    date.set_year(y);
    date.set_month(m);
    date.set_day(dd);
    return date;
  };
  {
    v1::GetPurchasePatternsRequest req;
    v1::PurchasePatterns resp;
    *req.mutable_start_date() = date(2026, 3, 1);
    *req.mutable_end_date() = date(2026, 2, 1);
    req.set_top_n(5);
    grpc::Status s = handler.GetPurchasePatterns(nullptr, &req, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(s.error_message(), HasSubstr("end_date"));
    *req.mutable_end_date() = date(2026, 3, 31);
    req.set_top_n(0);
    s = handler.GetPurchasePatterns(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("top_n"));
    req.set_top_n(101);
    EXPECT_EQ(handler.GetPurchasePatterns(nullptr, &req, &resp).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
    req.set_top_n(10);
    *req.mutable_start_date() = date(2026, 2, 30);
    s = handler.GetPurchasePatterns(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("start_date"));
    *req.mutable_start_date() = date(2026, 3, 1);
    req.set_age_band(static_cast<v1::AgeBand>(42));
    s = handler.GetPurchasePatterns(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("age_band"));
    req.set_age_band(v1::TWENTIES);
    EXPECT_TRUE(handler.GetPurchasePatterns(nullptr, &req, &resp).ok());
    req.set_region("*");
    s = handler.GetPurchasePatterns(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("region"));
    req.set_region("KR-11");
    EXPECT_TRUE(handler.GetPurchasePatterns(nullptr, &req, &resp).ok());
    req.clear_end_date();
    s = handler.GetPurchasePatterns(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("end_date is required"));
  }
  {
    v1::GetFunnelRequest req;
    v1::Funnel resp;
    *req.mutable_start_date() = date(2026, 3, 1);
    *req.mutable_end_date() = date(2026, 3, 2);
    grpc::Status s = handler.GetFunnel(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("partner or campaign"));
    req.set_partner("partners/1");
    ASSERT_TRUE(handler.GetFunnel(nullptr, &req, &resp).ok());
    ASSERT_EQ(resp.stages_size(), 6);
    EXPECT_EQ(resp.stages(0).stage(), v1::AWARE);
    req.set_campaign("bogus");
    s = handler.GetFunnel(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("campaign must be"));
  }
  {
    v1::GetCampaignPerformanceRequest req;
    v1::CampaignPerformance resp;
    grpc::Status s = handler.GetCampaignPerformance(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("campaign is required"));
    req.set_campaign("campaigns/9");
    *req.mutable_start_date() = date(2026, 3, 1);
    s = handler.GetCampaignPerformance(nullptr, &req, &resp);
    EXPECT_THAT(s.error_message(), HasSubstr("end_date is required"));
    req.clear_start_date();
    EXPECT_EQ(handler.GetCampaignPerformance(nullptr, &req, &resp).error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  {
    v1::GetPartnerScorecardRequest req;
    v1::PartnerScorecard resp;
    req.set_partner("partners/1");
    EXPECT_EQ(handler.GetPartnerScorecard(nullptr, &req, &resp).error_code(),
              grpc::StatusCode::NOT_FOUND);
    v1::RebuildReadModelsRequest rebuild;
    v1::RebuildReadModelsResponse rebuilt;
    grpc::Status s = handler.RebuildReadModels(nullptr, &rebuild, &rebuilt);
    EXPECT_THAT(s.error_message(), HasSubstr("confirm"));
  }
}

}  // namespace
}  // namespace partnerhub::reporting

int main(int argc, char** argv) {
  return partnerhub::testing::RunTestsWithSharedServer(argc, argv);
}
