// The fixture of reporting's read-model tests (read_models_*_test.cc): a
// reporting instance in the test process (schema, store, domain, feed
// followers) fed by the producers of tests/fixture.h, and one check per
// report against the reference figures computed over the generated dataset
// (lift, purchase patterns, scorecard, campaign performance).
#ifndef PARTNERHUB_SERVICES_REPORTING_TESTS_READ_MODELS_FIXTURE_H_
#define PARTNERHUB_SERVICES_REPORTING_TESTS_READ_MODELS_FIXTURE_H_

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/grpc/downstream.h"
#include "gtest/gtest.h"
#include "services/reporting/src/clients/feed_follower.h"
#include "services/reporting/src/domain/feed_applier.h"
#include "services/reporting/src/domain/reports.h"
#include "services/reporting/src/storage/mysql_feed_lease.h"
#include "services/reporting/src/storage/mysql_read_model_store.h"
#include "services/reporting/tests/fixture.h"

namespace partnerhub::reporting::testing {

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

inline Period WholeRange(const Dataset& d) {
  return {KstDayOf(d.first_day_start),
          KstDayOf(d.first_day_start + absl::Hours(24 * 34))};
}

inline void ExpectLift(Reports& reports, const Dataset& d,
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

inline void ExpectPatterns(Reports& reports, const Dataset& d,
                           const Period& period, const PatternFilter& filter) {
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

inline void ExpectScorecard(Reports& reports, const Dataset& d,
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

inline void ExpectCampaign(Reports& reports, const Dataset& d) {
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

inline void ExpectAll(Reports& reports, const Dataset& d) {
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

}  // namespace partnerhub::reporting::testing

#endif  // PARTNERHUB_SERVICES_REPORTING_TESTS_READ_MODELS_FIXTURE_H_
