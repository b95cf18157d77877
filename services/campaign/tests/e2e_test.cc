// The real binaries as separate processes, each with its own schema and
// database user: partner-registry and campaign, driven through gRPC. The
// campaign checks the partner and reads its agreement over the network;
// with partner-registry down (or unreachable) it answers UNAVAILABLE within
// its downstream deadline, never hangs, and keeps redeeming.
// Here: a campaign run with its partner checked over the network, and
// personal codes for a real segment snapshot; outages of partner-registry
// and missing addresses in e2e_outages_test.cc.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/grpc/proto_convert.h"
#include "services/campaign/tests/e2e_fixture.h"
#include "tests/harness/harness.h"

namespace partnerhub::campaign {
namespace {

TEST_F(CampaignProcessTest, ACampaignRunsWithItsPartnerCheckedOverTheNetwork) {
  auto registry = ServeRegistry();
  ASSERT_NE(registry, nullptr);
  const std::string partner = ActivePartner(registry->address());
  auto campaign = ServeCampaign(registry->address());
  ASSERT_NE(campaign, nullptr);
  auto channel = grpc::CreateChannel(campaign->address(),
                                     grpc::InsecureChannelCredentials());
  auto stub = v1::CampaignService::NewStub(channel);

  // Reflection lists the service, as grpcurl's `list` would.
  {
    auto reflection =
        grpc::reflection::v1alpha::ServerReflection::NewStub(channel);
    grpc::ClientContext ctx;
    auto stream = reflection->ServerReflectionInfo(&ctx);
    grpc::reflection::v1alpha::ServerReflectionRequest req;
    req.set_list_services("*");
    ASSERT_TRUE(stream->Write(req));
    stream->WritesDone();
    grpc::reflection::v1alpha::ServerReflectionResponse resp;
    ASSERT_TRUE(stream->Read(&resp));
    std::set<std::string> services;
    for (const auto& s : resp.list_services_response().service()) {
      services.insert(s.name());
    }
    EXPECT_TRUE(services.count("partnerhub.campaign.v1.CampaignService"));
    EXPECT_TRUE(services.count("partnerhub.events.v1.EventFeed"));
    EXPECT_TRUE(stream->Finish().ok());
  }

  // A partner partner-registry does not know is refused by name.
  v1::CreateCampaignRequest create;
  *create.mutable_campaign() = NewCampaign("partners/999");
  v1::Campaign c;
  EXPECT_CODE(Call(*stub, &Stub::CreateCampaign, create, &c), NOT_FOUND);
  *create.mutable_campaign() = NewCampaign(partner);
  create.set_request_id("e2e-campaign");
  grpc::Status s = Call(*stub, &Stub::CreateCampaign, create, &c);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const v1::Campaign created = c;
  {
    v1::Campaign retried;  // changes nothing, publishes nothing
    ASSERT_TRUE(Call(*stub, &Stub::CreateCampaign, create, &retried).ok());
    EXPECT_EQ(retried.name(), c.name());
  }
  v1::CreateOfferRequest co;
  co.set_parent(c.name());
  co.mutable_offer()->set_display_name("20% off");
  co.mutable_offer()->mutable_percent_off()->set_percent_bps(2000);
  v1::Offer offer;
  ASSERT_TRUE(Call(*stub, &Stub::CreateOffer, co, &offer).ok());
  for (auto state : {v1::Campaign::SCHEDULED, v1::Campaign::RUNNING}) {
    v1::TransitionCampaignRequest t;
    t.set_name(c.name());
    t.set_state(state);
    s = Call(*stub, &Stub::TransitionCampaign, t, &c);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  // The share of the agreement in force, read from partner-registry.
  EXPECT_EQ(c.partner_discount_share_bps(), 5000);

  // Codes are issued by the background worker.
  v1::CreateCodeIssuanceRequest ci;
  ci.set_parent(offer.name());
  ci.mutable_issuance()->set_kind(v1::CodeIssuance::BULK);
  ci.mutable_issuance()->set_count(3000);
  ci.mutable_issuance()->mutable_format()->set_prefix("BT");
  v1::CodeIssuance job;
  ASSERT_TRUE(Call(*stub, &Stub::CreateCodeIssuance, ci, &job).ok());
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (job.state() == v1::CodeIssuance::RUNNING && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
    v1::GetCodeIssuanceRequest g;
    g.set_name(job.name());
    ASSERT_TRUE(Call(*stub, &Stub::GetCodeIssuance, g, &job).ok());
  }
  ASSERT_EQ(job.state(), v1::CodeIssuance::SUCCEEDED) << job.error();
  v1::ListCouponCodesRequest lc;
  lc.set_parent(job.name());
  lc.set_page_size(2);
  v1::ListCouponCodesResponse codes;
  ASSERT_TRUE(Call(*stub, &Stub::ListCouponCodes, lc, &codes).ok());
  ASSERT_EQ(codes.coupon_codes_size(), 2);

  v1::RedeemCouponRequest redeem;
  v1::CouponUse* use = redeem.mutable_use();
  use->set_code(codes.coupon_codes(0).code());
  use->set_customer("customers/kim");
  use->set_partner(partner);
  use->set_store("hongdae");
  use->set_order_id("order-1");
  use->mutable_order_amount()->set_currency_code("KRW");
  use->mutable_order_amount()->set_amount_minor(15000);
  redeem.set_request_id("pos-hongdae-order-1");
  v1::Redemption r;
  s = Call(*stub, &Stub::RedeemCoupon, redeem, &r);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(r.discount().amount_minor(), 3000);
  EXPECT_EQ(r.partner_cost().amount_minor(), 1500);
  v1::Redemption again;
  ASSERT_TRUE(Call(*stub, &Stub::RedeemCoupon, redeem, &again).ok());
  EXPECT_EQ(again.name(), r.name());
  v1::VoidRedemptionRequest void_req;
  void_req.set_name(r.name());
  void_req.set_reason("order cancelled");
  v1::Redemption voided;
  ASSERT_TRUE(Call(*stub, &Stub::VoidRedemption, void_req, &voided).ok());

  // Personal codes with customer-experience down: the job waits, RUNNING.
  ci.mutable_issuance()->set_kind(v1::CodeIssuance::SEGMENT);
  ci.mutable_issuance()->set_count(0);
  v1::CodeIssuance personal;
  ASSERT_TRUE(Call(*stub, &Stub::CreateCodeIssuance, ci, &personal).ok());
  // The background job tries, fails to reach customer-experience, and says
  // it will retry.
  ASSERT_TRUE(harness::WaitUntil(
      [&] {
        return campaign->LogText().find(absl::StrCat(
                   "issuance ",
                   personal.name().substr(personal.name().rfind('/') + 1),
                   ": ")) != std::string::npos;
      },
      absl::Seconds(30)))
      << campaign->LogText();
  v1::GetCodeIssuanceRequest g;
  g.set_name(personal.name());
  ASSERT_TRUE(Call(*stub, &Stub::GetCodeIssuance, g, &personal).ok());
  EXPECT_EQ(personal.state(), v1::CodeIssuance::RUNNING);

  // The feed over gRPC, to its head: campaign created, offer created,
  // scheduled, started, two chunks of codes (2,000 + 1,000), redeemed,
  // voided; nothing for the retries nor for the waiting personal job.
  auto feed = ev::EventFeed::NewStub(channel);
  std::vector<ev::Event> events;
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(20));
    ev::StreamEventsRequest req;
    req.set_max_events(3);
    auto reader = feed->StreamEvents(&ctx, req);
    ev::StreamEventsResponse resp;
    while (reader->Read(&resp)) {
      for (const ev::Event& e : resp.events()) events.push_back(e);
    }
    s = reader->Finish();
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  ASSERT_EQ(events.size(), 8u);
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].position(), static_cast<int64_t>(i) + 1);
    EXPECT_EQ(events[i].feed(), "campaign");
  }
  EXPECT_EQ(events[0].campaign_changed().change(),
            ev::CampaignChanged::CREATED);
  EXPECT_EQ(events[0].campaign_changed().campaign().SerializeAsString(),
            created.SerializeAsString());
  EXPECT_EQ(events[1].offer_changed().change(), ev::OfferChanged::CREATED);
  EXPECT_EQ(events[1].offer_changed().offer().name(), offer.name());
  EXPECT_EQ(events[2].campaign_changed().campaign().state(),
            v1::Campaign::SCHEDULED);
  EXPECT_EQ(events[3].campaign_changed().change(),
            ev::CampaignChanged::STATE_CHANGED);
  EXPECT_EQ(events[3].campaign_changed().campaign().SerializeAsString(),
            c.SerializeAsString());
  EXPECT_EQ(events[4].code_issuance_changed().issued_in_chunk(), 2000);
  EXPECT_EQ(events[5].code_issuance_changed().issued_in_chunk(), 1000);
  EXPECT_EQ(events[5].code_issuance_changed().issuance().state(),
            v1::CodeIssuance::SUCCEEDED);
  EXPECT_EQ(events[6].redemption_changed().change(),
            ev::RedemptionChanged::REDEEMED);
  EXPECT_EQ(events[6].redemption_changed().redemption().SerializeAsString(),
            r.SerializeAsString());
  EXPECT_EQ(events[6].event_time().SerializeAsString(),
            r.redeem_time().SerializeAsString());
  EXPECT_EQ(events[7].redemption_changed().change(),
            ev::RedemptionChanged::VOIDED);
  EXPECT_EQ(events[7].redemption_changed().redemption().SerializeAsString(),
            voided.SerializeAsString());

  // A consumer following the feed does not hold up shutdown.
  grpc::ClientContext follow_ctx;
  ev::StreamEventsRequest follow;
  follow.set_after_position(8);
  follow.set_follow(true);
  auto follower = feed->StreamEvents(&follow_ctx, follow);
  ev::StreamEventsResponse heartbeat;
  ASSERT_TRUE(follower->Read(&heartbeat));

  // SIGTERM ends it at once (UNAVAILABLE: resume elsewhere).
  const absl::Time term = absl::Now();
  ASSERT_EQ(::kill(campaign->pid(), SIGTERM), 0);
  while (follower->Read(&heartbeat)) {
  }
  EXPECT_EQ(follower->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_LT(absl::Now() - term, absl::Seconds(3));
  EXPECT_EQ(campaign->Terminate(), 0) << campaign->LogText();
  EXPECT_NE(campaign->LogText().find("CampaignService/RedeemCoupon code=OK"),
            std::string::npos);
}
TEST_F(CampaignProcessTest, PersonalCodesForARealSegmentSnapshot) {
  const std::string cx_binary =
      harness::BuildPath("services/customer_experience/customer-experience");
  if (access(cx_binary.c_str(), X_OK) != 0) {
    GTEST_SKIP() << "customer-experience is not built (" << cx_binary
                 << "); issuing to a segment is covered against a fake in "
                    "campaign_integration_test";
  }
  const std::vector<std::string> cx_db = DbFlags("customer_experience");
  ASSERT_EQ(Run(cx_binary, {"migrate"}, cx_db), 0);
  auto cx = Serve(cx_binary, {"--listen=127.0.0.1:0"}, cx_db);
  ASSERT_NE(cx, nullptr);
  auto registry = ServeRegistry();
  ASSERT_NE(registry, nullptr);
  const std::string partner = ActivePartner(registry->address());
  auto campaign = ServeCampaign(registry->address(), cx->address());
  ASSERT_NE(campaign, nullptr);

  // 300 customers who agreed to marketing, 200 of them women; a segment of
  // the women.
  auto cxs = cxv1::CustomerExperienceService::NewStub(
      grpc::CreateChannel(cx->address(), grpc::InsecureChannelCredentials()));
  std::set<std::string> women;
  for (int i = 0; i < 300; ++i) {
    cxv1::CreateCustomerRequest req;
    req.set_customer_id(absl::StrCat("c", i));
    cxv1::Customer* c = req.mutable_customer();
    c->set_birth_year(1999);
    c->set_gender(i % 3 == 0 ? cxv1::Customer::MALE : cxv1::Customer::FEMALE);
    c->set_region("KR-11");
    *c->mutable_sign_up_time() = ToProtoTime(absl::Now() - absl::Hours(24));
    c->mutable_marketing_consent()->set_state(cxv1::MarketingConsent::GRANTED);
    cxv1::Customer created;
    grpc::Status s =
        Call(*cxs, &cxv1::CustomerExperienceService::Stub::CreateCustomer, req,
             &created);
    ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message() << "\n"
                        << cx->LogText();
    if (i % 3 != 0) women.insert(created.name());
  }
  cxv1::CreateSegmentRequest cs;
  cs.mutable_segment()->set_display_name("Women");
  cs.mutable_segment()->mutable_condition()->mutable_gender()->add_genders(
      cxv1::Customer::FEMALE);
  cxv1::Segment segment;
  grpc::Status s =
      Call(*cxs, &cxv1::CustomerExperienceService::Stub::CreateSegment, cs,
           &segment);
  ASSERT_TRUE(s.ok()) << s.error_message();

  auto stub = v1::CampaignService::NewStub(grpc::CreateChannel(
      campaign->address(), grpc::InsecureChannelCredentials()));
  v1::CreateCampaignRequest create;
  *create.mutable_campaign() = NewCampaign(partner);
  create.mutable_campaign()->set_segment(segment.name());
  create.mutable_campaign()->set_holdout_bps(2000);
  v1::Campaign c;
  ASSERT_TRUE(Call(*stub, &Stub::CreateCampaign, create, &c).ok());
  v1::CreateOfferRequest co;
  co.set_parent(c.name());
  co.mutable_offer()->set_display_name("15% off");
  co.mutable_offer()->mutable_percent_off()->set_percent_bps(1500);
  v1::Offer offer;
  ASSERT_TRUE(Call(*stub, &Stub::CreateOffer, co, &offer).ok());
  v1::CreateCodeIssuanceRequest ci;
  ci.set_parent(offer.name());
  ci.mutable_issuance()->set_kind(v1::CodeIssuance::SEGMENT);
  v1::CodeIssuance job;
  ASSERT_TRUE(Call(*stub, &Stub::CreateCodeIssuance, ci, &job).ok());
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (job.state() == v1::CodeIssuance::RUNNING && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
    v1::GetCodeIssuanceRequest g;
    g.set_name(job.name());
    ASSERT_TRUE(Call(*stub, &Stub::GetCodeIssuance, g, &job).ok());
  }
  ASSERT_EQ(job.state(), v1::CodeIssuance::SUCCEEDED) << job.error();
  EXPECT_EQ(job.member_count(), 200);
  EXPECT_EQ(job.issued_count() + job.holdout_count(), 200);
  EXPECT_GT(job.holdout_count(), 10);
  EXPECT_NE(job.segment_snapshot().find(segment.name() + "/snapshots/"),
            std::string::npos);
  v1::GetCampaignRequest gc;
  gc.set_name(c.name());
  ASSERT_TRUE(Call(*stub, &Stub::GetCampaign, gc, &c).ok());
  EXPECT_EQ(c.segment_snapshot(), job.segment_snapshot());

  // Every targeted woman has one personal code, and the holdout none.
  v1::ListCouponCodesRequest lc;
  lc.set_parent(job.name());
  v1::ListCouponCodesResponse codes;
  ASSERT_TRUE(Call(*stub, &Stub::ListCouponCodes, lc, &codes).ok());
  std::set<std::string> coded;
  for (const auto& code : codes.coupon_codes()) coded.insert(code.customer());
  EXPECT_EQ(static_cast<int64_t>(coded.size()), job.issued_count());
  for (const std::string& customer : coded) EXPECT_TRUE(women.count(customer));
}
}  // namespace
}  // namespace partnerhub::campaign
