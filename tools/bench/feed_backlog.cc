// One file: one generator of one history, its parts sharing ids and times.
// partnerhub-feed-backlog: fills the three producers' event feeds with a
// synthetic but consistent history, for reporting's benchmark (reporting.sh),
// and waits for reporting to catch up with it.
//
//   partnerhub-feed-backlog generate --purchases=N [--customers=...] ...
//       Appends events to the outboxes of partner-registry, campaign and
//       customer-experience (their schemas, through common/events'
//       AppendEvents, exactly as the services do): partners with signed
//       agreements and KPI targets, customers, campaigns that ran in the
//       last 180 days with a target snapshot (10% held out) and issued codes,
//       N purchases over those 180 days by random customers at random
//       partners (10% during a campaign of their partner, with a coupon and
//       its redemption), the first purchase of a customer at a partner
//       reaching the PURCHASED funnel stage, and a page view per five
//       purchases. Deterministic for a --seed; a second run with a new seed
//       adds purchases to the same customers, partners and campaigns
//       (--base=0 skips the partners, customers and campaigns).
//
//   partnerhub-feed-backlog catch-up --reporting=HOST:PORT
//       Polls reporting's GetFeedStatus until every feed's lag is 0 and
//       prints the events applied per second since it started.
//
// The databases are given as --db_host, --db_port and, per producer schema
// (partner_registry, campaign, customer_experience, each with a user of the
// same name), PARTNERHUB_<SCHEMA>_PASSWORD in the environment.
#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/config/flags.h"
#include "common/events/outbox.h"
#include "common/grpc/downstream.h"
#include "common/grpc/proto_convert.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/transaction.h"
#include "partnerhub/events/v1/events.pb.h"
#include "partnerhub/reporting/v1/reporting.grpc.pb.h"

ABSL_FLAG(std::string, db_host, "127.0.0.1", "MariaDB of the producers");
ABSL_FLAG(int, db_port, 3307, "its port");
ABSL_FLAG(int64_t, purchases, 1'000'000, "purchases to generate");
ABSL_FLAG(int, customers, 100'000, "customers");
ABSL_FLAG(int, partners, 100, "partners");
ABSL_FLAG(int, campaigns, 100, "campaigns (one partner each, 14 days each)");
ABSL_FLAG(int, snapshot_members, 5'000, "members of each campaign's snapshot");
ABSL_FLAG(bool, base, true,
          "generate the partners, customers and campaigns (false: only "
          "purchases, for a second run)");
ABSL_FLAG(uint64_t, seed, 1, "random seed");
ABSL_FLAG(bool, journey, true,
          "also the funnel reaches and page views around the purchases "
          "(false: purchases and redemptions only)");
ABSL_FLAG(std::string, reporting, "127.0.0.1:50054", "catch-up: reporting");
ABSL_FLAG(absl::Duration, timeout, absl::Minutes(30),
          "catch-up: give up after");

namespace partnerhub::bench {
namespace {

namespace ev = ::partnerhub::events::v1;

constexpr int kDays = 180;
constexpr int kBatch = 5000;
constexpr const char* kCategories[] = {
    "food.burger",       "food.coffee",       "fashion.women",
    "fashion.men",       "beauty.skincare",   "beauty.makeup",
    "electronics.phone", "electronics.audio", "home.kitchen",
    "home.living",       "sports.outdoor",    "books",
    "kids.toys",         "travel.hotel",      "grocery.fresh",
    "grocery.snack"};
constexpr const char* kRegions[] = {"KR-11", "KR-26", "KR-27", "KR-28",
                                    "KR-29", "KR-30", "KR-31", "KR-41",
                                    "KR-43", "KR-44", "KR-47", "KR-48"};

// One producer's outbox, written kBatch events per transaction.
class Outbox {
 public:
  Outbox(const std::string& schema) : schema_(schema) {
    mysql::ConnectionOptions options;
    options.host = absl::GetFlag(FLAGS_db_host);
    options.port = absl::GetFlag(FLAGS_db_port);
    options.database = schema;
    options.user = schema;
    const std::string var =
        absl::AsciiStrToUpper(absl::StrCat("PARTNERHUB_", schema, "_PASSWORD"));
    const char* password = std::getenv(var.c_str());
    options.password = password != nullptr ? password : "";
    options.io_timeout = absl::Seconds(60);
    auto pool = mysql::ConnectionPool::Create(options, {});
    if (!pool.ok()) {
      std::fprintf(stderr, "%s: %s\n", schema.c_str(),
                   pool.status().ToString().c_str());
      std::exit(1);
    }
    pool_ = *std::move(pool);
  }
  ~Outbox() { Flush(); }

  void Add(ev::Event event) {
    pending_.push_back(std::move(event));
    if (pending_.size() >= kBatch) Flush();
  }

  void Flush() {
    if (pending_.empty()) return;
    absl::Status s = mysql::Transact(*pool_, [&](mysql::Connection& conn) {
      events::AppendEvents(conn, pending_);
      return absl::OkStatus();
    });
    if (!s.ok()) {
      std::fprintf(stderr, "%s: %s\n", schema_.c_str(), s.ToString().c_str());
      std::exit(1);
    }
    written_ += pending_.size();
    pending_.clear();
  }

  int64_t written() const { return written_; }

 private:
  std::string schema_;
  std::unique_ptr<mysql::ConnectionPool> pool_;
  std::vector<ev::Event> pending_;
  int64_t written_ = 0;
};

ev::Event At(absl::Time t) {
  ev::Event e;
  *e.mutable_event_time() = ToProtoTime(t);
  return e;
}

void Money(type::v1::Money* m, int64_t amount) {
  m->set_currency_code("KRW");
  m->set_amount_minor(amount);
}

std::string PartnerName(int p) { return absl::StrCat("partners/", p + 1); }
std::string CustomerName(int c) { return absl::StrCat("customers/bc", c); }
std::string CampaignName(int k) { return absl::StrCat("campaigns/", k + 1); }

struct CampaignPlan {
  int partner;
  absl::Time start, end;
};

int Generate() {
  std::mt19937_64 rng(absl::GetFlag(FLAGS_seed));
  const int partners = absl::GetFlag(FLAGS_partners);
  const int customers = absl::GetFlag(FLAGS_customers);
  const int campaigns = absl::GetFlag(FLAGS_campaigns);
  const int64_t purchases = absl::GetFlag(FLAGS_purchases);
  const absl::Time now = absl::Now();
  const absl::Time origin = now - absl::Hours(24 * kDays);
  Outbox registry("partner_registry"), campaign("campaign"),
      cx("customer_experience");

  // Campaigns: deterministic from the seed-independent layout, so that a
  // second run (another seed) sees the same windows.
  std::vector<CampaignPlan> plans;
  for (int k = 0; k < campaigns; ++k) {
    const absl::Time start =
        origin + absl::Hours(24 * ((k * 37) % (kDays - 20)) + 24);
    plans.push_back({k % partners, start, start + absl::Hours(24 * 14)});
  }

  if (absl::GetFlag(FLAGS_base)) {
    for (int p = 0; p < partners; ++p) {
      ev::Event e = At(origin - absl::Hours(48));
      auto* pc = e.mutable_partner_changed();
      pc->set_change(ev::PartnerChanged::CREATED);
      auto* partner = pc->mutable_partner();
      partner->set_name(PartnerName(p));
      partner->set_display_name(absl::StrCat("Partner ", p + 1));
      partner->set_state(partner_registry::v1::Partner::ACTIVE);
      registry.Add(e);
      ev::Event a = At(origin - absl::Hours(24));
      auto* ac = a.mutable_agreement_changed();
      ac->set_change(ev::AgreementChanged::SIGNED);
      auto* agreement = ac->mutable_agreement();
      agreement->set_name(absl::StrCat(PartnerName(p), "/agreements/1"));
      agreement->set_partner_discount_share_bps(5000);
      agreement->set_state(partner_registry::v1::Agreement::SIGNED);
      const absl::CivilDay first = absl::ToCivilDay(
          origin - absl::Hours(24), absl::FixedTimeZone(9 * 3600));
      *agreement->mutable_start_date() = ToProtoDate(first);
      *agreement->mutable_end_date() = ToProtoDate(first + 365);
      auto* kpi = agreement->mutable_kpi_targets();
      kpi->set_orders(purchases / partners);
      Money(kpi->mutable_gmv(), 30'000 * (purchases / partners));
      kpi->set_new_customers(customers / 10);
      kpi->set_repeat_purchase_rate_bps(3000);
      kpi->set_coupon_redemption_rate_bps(1000);
      registry.Add(a);
    }
    std::uniform_int_distribution<int> year(1950, 2008), gender(1, 3),
        region(0, std::size(kRegions) - 1);
    for (int c = 0; c < customers; ++c) {
      ev::Event e = At(origin - absl::Hours(72));
      auto* cc = e.mutable_customer_changed();
      cc->set_change(ev::CustomerChanged::CREATED);
      auto* customer = cc->mutable_customer();
      customer->set_name(CustomerName(c));
      customer->set_birth_year(year(rng));
      customer->set_gender(
          static_cast<customer_experience::v1::Customer::Gender>(gender(rng)));
      customer->set_region(kRegions[region(rng)]);
      customer->mutable_marketing_consent()->set_state(
          customer_experience::v1::MarketingConsent::GRANTED);
      cx.Add(e);
    }
    const int members =
        std::min(absl::GetFlag(FLAGS_snapshot_members), customers);
    for (int k = 0; k < campaigns; ++k) {
      const CampaignPlan& plan = plans[k];
      const std::string snapshot =
          absl::StrCat("segments/", k + 1, "/snapshots/1");
      ev::Event taken = At(plan.start - absl::Hours(1));
      taken.mutable_segment_snapshot_taken()->mutable_snapshot()->set_name(
          snapshot);
      taken.mutable_segment_snapshot_taken()
          ->mutable_snapshot()
          ->set_member_count(members);
      cx.Add(taken);
      for (int from = 0; from < members; from += 5000) {
        ev::Event chunk = At(plan.start - absl::Hours(1));
        auto* m = chunk.mutable_segment_snapshot_members();
        m->set_snapshot(snapshot);
        for (int i = from; i < std::min(members, from + 5000); ++i) {
          m->add_customers(CustomerName((k * 7919 + i * 13) % customers));
        }
        m->set_last(from + 5000 >= members);
        cx.Add(chunk);
      }
      campaign::v1::Campaign c;
      c.set_name(CampaignName(k));
      c.set_partner(PartnerName(plan.partner));
      c.set_display_name(absl::StrCat("Campaign ", k + 1));
      *c.mutable_start_time() = ToProtoTime(plan.start);
      *c.mutable_end_time() = ToProtoTime(plan.end);
      Money(c.mutable_budget(), 1'000'000'000);
      c.set_segment(absl::StrCat("segments/", k + 1));
      c.set_holdout_bps(1000);
      c.set_segment_snapshot(snapshot);
      c.set_partner_discount_share_bps(5000);
      for (auto [change, state, at] :
           {std::tuple{ev::CampaignChanged::CREATED,
                       campaign::v1::Campaign::DRAFT,
                       plan.start - absl::Hours(2)},
            std::tuple{ev::CampaignChanged::STATE_CHANGED,
                       campaign::v1::Campaign::RUNNING, plan.start},
            std::tuple{ev::CampaignChanged::STATE_CHANGED,
                       campaign::v1::Campaign::ENDED, plan.end}}) {
        if (at > now) break;
        ev::Event e = At(at);
        c.set_state(state);
        e.mutable_campaign_changed()->set_change(change);
        *e.mutable_campaign_changed()->mutable_campaign() = c;
        campaign.Add(e);
      }
      ev::Event issued = At(plan.start);
      auto* issuance = issued.mutable_code_issuance_changed();
      issuance->mutable_issuance()->set_name(
          absl::StrCat(CampaignName(k), "/offers/1/issuances/1"));
      issuance->mutable_issuance()->set_issued_count(members * 9 / 10);
      issuance->set_issued_in_chunk(members * 9 / 10);
      campaign.Add(issued);
    }
  }

  // Purchases, in time order over the kDays (as a replay of real feeds
  // delivers them: positions follow commit order); every tenth during a
  // running campaign, at that campaign's partner, with a coupon.
  std::uniform_int_distribution<int> pick_customer(0, customers - 1),
      pick_partner(0, partners - 1), items(1, 3),
      category(0, std::size(kCategories) - 1), tenth(0, 9), fifth(0, 4);
  std::uniform_int_distribution<int64_t> amount(50, 1000);  // × 100 won
  std::vector<std::vector<int>> running(kDays + 1);         // campaigns by day
  for (int k = 0; k < campaigns; ++k) {
    for (int d = 0; d <= kDays; ++d) {
      const absl::Time day = origin + absl::Hours(24 * d);
      if (plans[k].start <= day && day < plans[k].end) running[d].push_back(k);
    }
  }
  std::vector<std::vector<bool>> bought(partners,
                                        std::vector<bool>(customers, false));
  const uint64_t seed = absl::GetFlag(FLAGS_seed);
  const bool journey = absl::GetFlag(FLAGS_journey);
  const absl::Duration step =
      absl::Hours(24 * kDays) / std::max<int64_t>(purchases, 1);
  for (int64_t i = 0; i < purchases; ++i) {
    if (i > 0 && i % 1'000'000 == 0) {
      std::fprintf(stderr, "feed-backlog: %lld purchases\n",
                   static_cast<long long>(i));
    }
    const int c = pick_customer(rng);
    int p = pick_partner(rng);
    absl::Time at = origin + step * i;
    const int day = static_cast<int>((at - origin) / absl::Hours(24));
    std::string campaign_name, code;
    if (tenth(rng) == 0 && !running[day].empty()) {
      const int k = running[day][i % running[day].size()];
      p = plans[k].partner;
      campaign_name = CampaignName(k);
      code = absl::StrCat("BENCH", seed, "X", i);
    }
    if (at > now) at = now - absl::Seconds(1);
    const std::string id = absl::StrCat("b", seed, "-", i);
    ev::Event e = At(at);
    auto* purchase = e.mutable_purchase_recorded()->mutable_purchase();
    purchase->set_name(absl::StrCat("purchases/", id));
    purchase->set_customer(CustomerName(c));
    purchase->set_partner(PartnerName(p));
    int64_t total = 0;
    for (int n = items(rng); n > 0; --n) {
      auto* item = purchase->add_items();
      item->set_category(kCategories[category(rng)]);
      item->set_quantity(1);
      const int64_t a = amount(rng) * 100;
      Money(item->mutable_amount(), a);
      total += a;
    }
    Money(purchase->mutable_total(), total);
    purchase->set_campaign(campaign_name);
    purchase->set_coupon_code(code);
    *purchase->mutable_purchase_time() = ToProtoTime(at);
    cx.Add(e);
    if (!code.empty()) {
      ev::Event r = At(at);
      r.mutable_redemption_changed()->set_change(
          ev::RedemptionChanged::REDEEMED);
      auto* redemption = r.mutable_redemption_changed()->mutable_redemption();
      redemption->set_name(absl::StrCat(campaign_name, "/redemptions/", id));
      redemption->set_code(code);
      redemption->set_offer(absl::StrCat(campaign_name, "/offers/1"));
      redemption->set_customer(CustomerName(c));
      redemption->set_partner(PartnerName(p));
      redemption->set_order_id(id);
      Money(redemption->mutable_order_amount(), total + total / 9);
      Money(redemption->mutable_discount(), total / 9);
      Money(redemption->mutable_partner_cost(), total / 18);
      Money(redemption->mutable_platform_cost(), total / 9 - total / 18);
      redemption->set_state(campaign::v1::Redemption::REDEEMED);
      *redemption->mutable_redeem_time() = ToProtoTime(at);
      campaign.Add(r);
    }
    if (!journey) continue;
    if (!bought[p][c]) {
      bought[p][c] = true;
      ev::Event f = At(at);
      auto* reach = f.mutable_funnel_stages_reached()->add_reaches();
      reach->set_customer(CustomerName(c));
      reach->set_partner(PartnerName(p));
      reach->set_campaign(campaign_name);
      reach->set_stage(customer_experience::v1::FunnelProgress::PURCHASED);
      *reach->mutable_reach_time() = ToProtoTime(at);
      cx.Add(f);
    }
    if (fifth(rng) == 0) {
      ev::Event t = At(at - absl::Minutes(5));
      auto* tp = t.mutable_touchpoints_recorded()->add_touchpoints();
      tp->set_name(absl::StrCat(CustomerName(c), "/touchpoints/", id));
      tp->set_customer(CustomerName(c));
      tp->set_event_id(id);
      tp->set_type(customer_experience::v1::Touchpoint::PAGE_VIEW);
      *tp->mutable_occur_time() = ToProtoTime(at - absl::Minutes(5));
      tp->set_partner(PartnerName(p));
      tp->set_campaign(campaign_name);
      cx.Add(t);
    }
  }
  registry.Flush();
  campaign.Flush();
  cx.Flush();
  const int64_t total = registry.written() + campaign.written() + cx.written();
  std::printf(
      "feed-backlog: wrote %lld events (partner-registry %lld, campaign %lld, "
      "customer-experience %lld) for %lld purchases\n",
      static_cast<long long>(total), static_cast<long long>(registry.written()),
      static_cast<long long>(campaign.written()),
      static_cast<long long>(cx.written()), static_cast<long long>(purchases));
  return 0;
}

int CatchUp() {
  auto stub = reporting::v1::ReportingService::NewStub(
      DownstreamChannel(absl::GetFlag(FLAGS_reporting)));
  const absl::Time start = absl::Now();
  const absl::Time deadline = start + absl::GetFlag(FLAGS_timeout);
  int64_t first_total = -1;
  absl::Time last_print = start;
  while (absl::Now() < deadline) {
    reporting::v1::FeedStatusList status;
    auto ctx = DeadlineContext(absl::Seconds(5));
    const grpc::Status s = stub->GetFeedStatus(ctx.get(), {}, &status);
    if (s.ok() && status.feeds_size() > 0) {
      int64_t applied = 0, lag = 0;
      for (const auto& f : status.feeds()) {
        applied += f.position();
        lag += f.lag();
      }
      if (first_total < 0) first_total = applied;
      const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
      if (lag == 0 && applied > first_total) {
        const int64_t events = applied - first_total;
        std::printf(
            "catch-up: %lld events applied in %.1f s: %.0f events/s "
            "(target >= 20000)\n",
            static_cast<long long>(events), seconds, events / seconds);
        for (const auto& f : status.feeds()) {
          std::printf("  %-20s position %lld\n", f.feed().c_str(),
                      static_cast<long long>(f.position()));
        }
        return 0;
      }
      if (absl::Now() - last_print > absl::Seconds(10)) {
        std::fprintf(stderr, "catch-up: %.0f s, %lld applied, %lld to go\n",
                     seconds, static_cast<long long>(applied - first_total),
                     static_cast<long long>(lag));
        last_print = absl::Now();
      }
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  std::fprintf(stderr, "catch-up: not caught up within the timeout\n");
  return 1;
}

}  // namespace
}  // namespace partnerhub::bench

int main(int argc, char** argv) {
  const std::vector<std::string> args = partnerhub::ParseFlags(
      argc, argv, "usage: partnerhub-feed-backlog generate|catch-up [flags]");
  if (args.size() == 1 && args[0] == "generate") {
    return partnerhub::bench::Generate();
  }
  if (args.size() == 1 && args[0] == "catch-up") {
    return partnerhub::bench::CatchUp();
  }
  std::fprintf(stderr, "usage: partnerhub-feed-backlog generate|catch-up\n");
  return 2;
}
