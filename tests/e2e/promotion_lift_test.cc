// One file: one scenario in one test case, and the fixture only it uses.
// The whole suite, four binaries as separate processes: onboard a partner,
// register customers, define a segment, run a campaign for it with a
// holdout, issue personal codes from a snapshot, record purchases before
// and during the campaign and redeem the codes at checkout — then read the
// campaign's performance, the promotion lift and the partner's scorecard
// from reporting, built only from the three services' event feeds.
// Reporting runs as two replicas; killing (SIGKILL) the one that applies
// the customer-experience feed while purchases keep arriving hands the feed
// to the other, and starting a new replica changes nothing: no event is
// lost or counted twice.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/grpc/proto_convert.h"
#include "partnerhub/events/v1/events.grpc.pb.h"
#include "partnerhub/reporting/v1/reporting.grpc.pb.h"
#include "tests/e2e/suite.h"

namespace partnerhub::e2e {
namespace {

namespace reportingv1 = ::partnerhub::reporting::v1;

constexpr int kCustomers = 60;
constexpr int64_t kBeforeAmount = 10'000;
constexpr int64_t kOrderAmount = 20'000;    // during, before the discount
constexpr int64_t kDiscount = 2'000;        // 10% off
constexpr int64_t kControlAmount = 10'000;  // a held-out customer, during

class PromotionLiftTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(registry_.Start(), nullptr);
    ASSERT_NE(cx_.Start(), nullptr);
    ASSERT_NE(
        campaign_.Start(
            {absl::StrCat("--partner_registry_address=", registry_.Address()),
             absl::StrCat("--customer_experience_address=", cx_.Address()),
             "--background_interval=200ms"}),
        nullptr);
    ASSERT_NE(StartReporting(), nullptr);
    ASSERT_NE(StartReporting(), nullptr);
    registry_stub_ =
        prv1::PartnerRegistryService::NewStub(Channel(registry_.Address()));
    cx_stub_ = cxv1::CustomerExperienceService::NewStub(Channel(cx_.Address()));
    campaign_stub_ =
        campaignv1::CampaignService::NewStub(Channel(campaign_.Address()));
  }

  // The running reporting replica that applies `feed`; null if none does.
  testing::ServiceProcess* ActiveReporting(const std::string& feed) {
    for (const auto& replica : reporting_.replicas()) {
      if (!replica->Running()) continue;
      auto stub =
          reportingv1::ReportingService::NewStub(Channel(replica->address()));
      reportingv1::FeedStatusList status;
      auto ctx = Context();
      if (!stub->GetFeedStatus(ctx.get(), {}, &status).ok()) continue;
      for (const reportingv1::FeedStatus& f : status.feeds()) {
        if (f.feed() == feed && f.active()) return replica.get();
      }
    }
    return nullptr;
  }

  testing::ServiceProcess* StartReporting() {
    testing::ServiceProcess* process = reporting_.Start(
        {absl::StrCat("--partner_registry_address=", registry_.Address()),
         absl::StrCat("--campaign_address=", campaign_.Address()),
         absl::StrCat("--customer_experience_address=", cx_.Address())});
    if (process != nullptr) {
      reporting_stub_ =
          reportingv1::ReportingService::NewStub(Channel(process->address()));
    }
    return process;
  }

  // Waits until reporting has applied every feed up to its head, and the
  // heads are at least `min_heads` (so that the events of calls made just
  // before are included). Returns the feeds' positions.
  std::map<std::string, int64_t> WaitCaughtUp(
      const std::map<std::string, int64_t>& min_heads) {
    std::map<std::string, int64_t> positions;
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    while (absl::Now() < deadline) {
      reportingv1::FeedStatusList status;
      auto ctx = Context();
      if (reporting_stub_->GetFeedStatus(ctx.get(), {}, &status).ok()) {
        bool done = status.feeds_size() == 3;
        for (const reportingv1::FeedStatus& f : status.feeds()) {
          positions[f.feed()] = f.position();
          auto min = min_heads.find(f.feed());
          if (f.lag() != 0 || f.head_position() == 0 ||
              (min != min_heads.end() && f.position() < min->second)) {
            done = false;
          }
        }
        if (done) return positions;
      }
      absl::SleepFor(absl::Milliseconds(100));
    }
    ADD_FAILURE() << "reporting did not catch up within 60 s:\n"
                  << reporting_.replicas().back()->LogText();
    return positions;
  }

  // Every producer's head now.
  std::map<std::string, int64_t> Heads() {
    std::map<std::string, int64_t> heads;
    for (ServiceUnderTest* s : {&registry_, &campaign_, &cx_}) {
      auto feed = events::v1::EventFeed::NewStub(Channel(s->Address()));
      events::v1::FeedInfo info;
      auto ctx = Context();
      EXPECT_TRUE(feed->GetFeedInfo(ctx.get(), {}, &info).ok());
      heads[info.feed()] = info.head_position();
    }
    return heads;
  }

  void CreateCustomer(int i) {
    cxv1::CreateCustomerRequest req;
    req.set_customer_id(absl::StrCat("c", i));
    cxv1::Customer* c = req.mutable_customer();
    c->set_birth_year(2001);
    c->set_gender(i % 3 == 0 ? cxv1::Customer::MALE : cxv1::Customer::FEMALE);
    c->set_region("KR-11");
    *c->mutable_sign_up_time() = ToProtoTime(absl::Now() - absl::Hours(48));
    c->mutable_marketing_consent()->set_state(cxv1::MarketingConsent::GRANTED);
    cxv1::Customer created;
    auto ctx = Context();
    grpc::Status s = cx_stub_->CreateCustomer(ctx.get(), req, &created);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  void RecordPurchase(const std::string& id, const std::string& customer,
                      int64_t amount, absl::Time at,
                      const std::string& campaign = "",
                      const std::string& code = "") {
    cxv1::RecordPurchaseRequest req;
    req.set_purchase_id(id);
    cxv1::Purchase* p = req.mutable_purchase();
    p->set_customer(customer);
    p->set_partner(partner_);
    cxv1::PurchaseItem* item = p->add_items();
    item->set_category("food.burger");
    item->set_quantity(1);
    item->mutable_amount()->set_currency_code("KRW");
    item->mutable_amount()->set_amount_minor(amount);
    p->mutable_total()->set_currency_code("KRW");
    p->mutable_total()->set_amount_minor(amount);
    p->set_campaign(campaign);
    p->set_coupon_code(code);
    *p->mutable_purchase_time() = ToProtoTime(at);
    cxv1::Purchase out;
    auto ctx = Context();
    grpc::Status s = cx_stub_->RecordPurchase(ctx.get(), req, &out);
    ASSERT_TRUE(s.ok()) << id << ": " << s.error_message();
  }

  void Redeem(const campaignv1::CouponCode& code, const std::string& order) {
    campaignv1::RedeemCouponRequest redeem;
    campaignv1::CouponUse* use = redeem.mutable_use();
    use->set_code(code.code());
    use->set_customer(code.customer());
    use->set_partner(partner_);
    use->set_store("gangnam");
    use->set_order_id(order);
    use->mutable_order_amount()->set_currency_code("KRW");
    use->mutable_order_amount()->set_amount_minor(kOrderAmount);
    redeem.set_request_id(absl::StrCat("checkout-", order));
    campaignv1::Redemption r;
    auto ctx = Context();
    grpc::Status s = campaign_stub_->RedeemCoupon(ctx.get(), redeem, &r);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_EQ(r.discount().amount_minor(), kDiscount);
  }

  reportingv1::PromotionLift Lift(const std::string& campaign) {
    reportingv1::GetPromotionLiftRequest req;
    req.set_campaign(campaign);
    reportingv1::PromotionLift lift;
    auto ctx = Context();
    grpc::Status s = reporting_stub_->GetPromotionLift(ctx.get(), req, &lift);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return lift;
  }

  reportingv1::CampaignPerformance Performance(const std::string& campaign) {
    reportingv1::GetCampaignPerformanceRequest req;
    req.set_campaign(campaign);
    reportingv1::CampaignPerformance out;
    auto ctx = Context();
    grpc::Status s =
        reporting_stub_->GetCampaignPerformance(ctx.get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  ServiceUnderTest registry_{"services/partner_registry/partner-registry",
                             "partner_registry"};
  ServiceUnderTest cx_{"services/customer_experience/customer-experience",
                       "customer_experience"};
  ServiceUnderTest campaign_{"services/campaign/campaign", "campaign"};
  ServiceUnderTest reporting_{"services/reporting/reporting", "reporting"};
  std::unique_ptr<prv1::PartnerRegistryService::Stub> registry_stub_;
  std::unique_ptr<cxv1::CustomerExperienceService::Stub> cx_stub_;
  std::unique_ptr<campaignv1::CampaignService::Stub> campaign_stub_;
  std::unique_ptr<reportingv1::ReportingService::Stub> reporting_stub_;
  std::string partner_;
};

const reportingv1::LiftPeriodFigures& Period(const reportingv1::LiftGroup& g,
                                             reportingv1::LiftPeriod period) {
  for (const auto& p : g.periods()) {
    if (p.period() == period) return p;
  }
  static const reportingv1::LiftPeriodFigures kNone;
  ADD_FAILURE() << "no period " << reportingv1::LiftPeriod_Name(period);
  return kNone;
}

TEST_F(PromotionLiftTest, ACampaignForASegmentWithAHoldoutShowsItsLift) {
  prv1::KpiTargets kpis;
  kpis.set_orders(30);
  kpis.mutable_gmv()->set_currency_code("KRW");
  kpis.mutable_gmv()->set_amount_minor(100'000);
  partner_ = OnboardPartner(*registry_stub_, 7, kpis).name();
  ASSERT_FALSE(partner_.empty());

  for (int i = 0; i < kCustomers; ++i) CreateCustomer(i);
  cxv1::CreateSegmentRequest cs;
  cs.mutable_segment()->set_display_name("Women in their 20s");
  cs.mutable_segment()->mutable_condition()->mutable_gender()->add_genders(
      cxv1::Customer::FEMALE);
  cxv1::Segment segment;
  {
    auto ctx = Context();
    ASSERT_TRUE(cx_stub_->CreateSegment(ctx.get(), cs, &segment).ok());
  }

  // A one-hour campaign that started a minute ago, 30% held out.
  const absl::Time start = absl::Now() - absl::Minutes(1);
  const absl::Time end = start + absl::Hours(1);
  campaignv1::Campaign campaign = CreateCampaign(
      *campaign_stub_, partner_, start, end, 10'000'000, segment.name(), 3000);
  ASSERT_FALSE(campaign.name().empty());
  campaignv1::CreateOfferRequest co;
  co.set_parent(campaign.name());
  co.mutable_offer()->set_display_name("10% off");
  co.mutable_offer()->mutable_percent_off()->set_percent_bps(1000);
  campaignv1::Offer offer;
  {
    auto ctx = Context();
    ASSERT_TRUE(campaign_stub_->CreateOffer(ctx.get(), co, &offer).ok());
  }
  Transition(*campaign_stub_, campaign.name(), campaignv1::Campaign::SCHEDULED);
  ASSERT_EQ(Transition(*campaign_stub_, campaign.name(),
                       campaignv1::Campaign::RUNNING)
                .state(),
            campaignv1::Campaign::RUNNING);
  campaignv1::CodeIssuance personal;
  personal.set_kind(campaignv1::CodeIssuance::SEGMENT);
  const campaignv1::CodeIssuance job =
      IssueCodes(*campaign_stub_, personal, offer.name());
  const std::vector<campaignv1::CouponCode> codes =
      ListCodes(*campaign_stub_, job.name());
  std::string snapshot;
  {
    campaignv1::GetCampaignRequest get;
    get.set_name(campaign.name());
    auto ctx = Context();
    ASSERT_TRUE(campaign_stub_->GetCampaign(ctx.get(), get, &campaign).ok());
    snapshot = campaign.segment_snapshot();
    ASSERT_FALSE(snapshot.empty());
  }

  // Who is who: the 40 women are the snapshot; those with a code are
  // treated, the rest held out.
  std::set<std::string> women, treated;
  for (int i = 0; i < kCustomers; ++i) {
    if (i % 3 != 0) women.insert(absl::StrCat("customers/c", i));
  }
  for (const auto& code : codes) treated.insert(code.customer());
  std::vector<std::string> holdout;
  for (const std::string& w : women) {
    if (!treated.count(w)) holdout.push_back(w);
  }
  ASSERT_EQ(job.member_count(), 40);
  ASSERT_EQ(treated.size() + holdout.size(), 40u);
  ASSERT_GT(treated.size(), 0u);
  ASSERT_GT(holdout.size(), 1u);

  // Before: every woman bought once, half an hour before the start.
  int n = 0;
  for (const std::string& w : women) {
    RecordPurchase(absl::StrCat("before-", n++), w, kBeforeAmount,
                   start - absl::Minutes(30));
  }
  // During: every treated customer redeems the code at checkout and buys;
  // every other held-out customer buys without a coupon.
  for (const auto& code : codes) {
    const std::string order = absl::StrCat("during-", n++);
    Redeem(code, order);
    RecordPurchase(order, code.customer(), kOrderAmount - kDiscount,
                   absl::Now(), campaign.name(), code.code());
  }
  int64_t control_buyers = 0;
  for (size_t i = 0; i < holdout.size(); i += 2, ++control_buyers) {
    RecordPurchase(absl::StrCat("control-", n++), holdout[i], kControlAmount,
                   absl::Now());
  }

  WaitCaughtUp(Heads());
  const int64_t t = treated.size();
  const int64_t h = holdout.size();

  reportingv1::PromotionLift lift = Lift(campaign.name());
  EXPECT_EQ(lift.segment_snapshot(), snapshot);
  EXPECT_EQ(lift.control_group(), reportingv1::PromotionLift::HOLDOUT);
  EXPECT_EQ(lift.treated().customers(), t);
  EXPECT_EQ(lift.control().customers(), h);
  const auto& tb = Period(lift.treated(), reportingv1::BEFORE);
  const auto& td = Period(lift.treated(), reportingv1::DURING);
  const auto& cb = Period(lift.control(), reportingv1::BEFORE);
  const auto& cd = Period(lift.control(), reportingv1::DURING);
  EXPECT_EQ(tb.buyers(), t);
  EXPECT_EQ(tb.sales().amount_minor(), t * kBeforeAmount);
  EXPECT_EQ(td.buyers(), t);
  EXPECT_EQ(td.orders(), t);
  EXPECT_EQ(td.sales().amount_minor(), t * (kOrderAmount - kDiscount));
  EXPECT_EQ(cb.buyers(), h);
  EXPECT_EQ(cd.buyers(), control_buyers);
  EXPECT_EQ(cd.sales().amount_minor(), control_buyers * kControlAmount);
  const double expected_did =
      (double(kOrderAmount - kDiscount) - kBeforeAmount) -
      (double(control_buyers * kControlAmount) / h - kBeforeAmount);
  EXPECT_NEAR(lift.did_during(), expected_did, 0.01);
  EXPECT_FALSE(lift.complete());

  reportingv1::CampaignPerformance perf = Performance(campaign.name());
  EXPECT_EQ(perf.partner(), partner_);
  EXPECT_EQ(perf.totals().redemptions(), t);
  EXPECT_EQ(perf.totals().voids(), 0);
  EXPECT_EQ(perf.totals().discount().amount_minor(), t * kDiscount);
  EXPECT_EQ(perf.totals().partner_cost().amount_minor(), t * kDiscount / 2);
  EXPECT_EQ(perf.totals().platform_cost().amount_minor(), t * kDiscount / 2);
  EXPECT_EQ(perf.totals().orders(), t);
  EXPECT_EQ(perf.totals().gmv().amount_minor(), t * (kOrderAmount - kDiscount));
  // Every treated customer had bought from the partner before.
  EXPECT_EQ(perf.totals().returning_customer_orders(), t);
  EXPECT_EQ(perf.budget_used().amount_minor(), t * kDiscount);

  reportingv1::GetPartnerScorecardRequest sreq;
  sreq.set_partner(partner_);
  reportingv1::PartnerScorecard card;
  {
    auto ctx = Context();
    grpc::Status s =
        reporting_stub_->GetPartnerScorecard(ctx.get(), sreq, &card);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  const int64_t orders = 40 + t + control_buyers;
  EXPECT_EQ(card.orders(), orders);
  EXPECT_EQ(card.buyers(), 40);
  EXPECT_EQ(card.new_customers(), 40);
  EXPECT_EQ(card.repeat_buyers(), t + control_buyers);
  EXPECT_EQ(card.redemptions(), t);
  EXPECT_EQ(card.codes_issued(), t);
  EXPECT_EQ(card.coupon_redemption_rate_bps(), 10000);
  EXPECT_EQ(card.gmv().amount_minor(), 40 * kBeforeAmount +
                                           t * (kOrderAmount - kDiscount) +
                                           control_buyers * kControlAmount);
  EXPECT_FALSE(card.kpis().empty());

  // SIGKILL the replica applying customer-experience's feed while
  // purchases keep coming: the other replica takes the feed over from the
  // stored position; a new replica joins. Nothing lost, nothing twice.
  testing::ServiceProcess* active = ActiveReporting("customer-experience");
  ASSERT_NE(active, nullptr);
  active->Kill();
  for (size_t i = 1; i < holdout.size(); i += 2) {
    RecordPurchase(absl::StrCat("control-", n++), holdout[i], kControlAmount,
                   absl::Now());
  }
  for (const auto& replica : reporting_.replicas()) {
    if (replica->Running()) {
      reporting_stub_ =
          reportingv1::ReportingService::NewStub(Channel(replica->address()));
    }
  }
  WaitCaughtUp(Heads());
  EXPECT_NE(ActiveReporting("customer-experience"), nullptr);
  ASSERT_NE(StartReporting(), nullptr);
  lift = Lift(campaign.name());
  const auto& cd2 = Period(lift.control(), reportingv1::DURING);
  EXPECT_EQ(cd2.buyers(), h);
  EXPECT_EQ(cd2.orders(), h);
  EXPECT_EQ(cd2.sales().amount_minor(), h * kControlAmount);
  EXPECT_EQ(Period(lift.treated(), reportingv1::DURING).sales().amount_minor(),
            t * (kOrderAmount - kDiscount));
  EXPECT_NEAR(lift.did_during(),
              (double(kOrderAmount - kDiscount) - kBeforeAmount) -
                  (double(kControlAmount) - kBeforeAmount),
              0.01);
  perf = Performance(campaign.name());
  EXPECT_EQ(perf.totals().redemptions(), t);
  EXPECT_EQ(perf.totals().orders(), t);
}

}  // namespace
}  // namespace partnerhub::e2e

int main(int argc, char** argv) {
  return partnerhub::testing::RunTestsWithSharedServer(argc, argv);
}
