// The CampaignService through gRPC, over a real MariaDB, with fakes of the
// services it calls: campaigns (partner checks, validation, lifecycle, the
// clock, edits, listing) and offers. Coupons in handler_coupons_test.cc.
#include <gtest/gtest.h>

#include <functional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/grpc/proto_convert.h"
#include "services/campaign/src/domain/resource_names.h"
#include "services/campaign/src/domain/rules.h"
#include "services/campaign/tests/fixture.h"

namespace partnerhub::campaign {
namespace {

// ---- Campaigns ----

TEST_F(CampaignTest, CreateChecksThePartnerAndStoresADraft) {
  v1::CreateCampaignRequest req;
  *req.mutable_campaign() = ValidCampaign();
  req.set_request_id("create-1");
  v1::Campaign created;
  ASSERT_TRUE(Call(*stub_, &Stub::CreateCampaign, req, &created).ok());
  EXPECT_EQ(created.name(), "campaigns/1");
  EXPECT_EQ(created.state(), v1::Campaign::DRAFT);
  EXPECT_EQ(created.partner(), "partners/3");
  EXPECT_EQ(created.budget().amount_minor(), 1'000'000);
  EXPECT_EQ(created.spent().amount_minor(), 0);
  EXPECT_EQ(created.etag(), "1");
  // A retry returns the same campaign and creates nothing.
  v1::Campaign again;
  ASSERT_TRUE(Call(*stub_, &Stub::CreateCampaign, req, &again).ok());
  EXPECT_EQ(again.SerializeAsString(), created.SerializeAsString());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM campaigns"), 1);
  // The same id for another request is refused.
  req.mutable_campaign()->set_display_name("Other");
  EXPECT_CODE(Call(*stub_, &Stub::CreateCampaign, req, &again),
              INVALID_ARGUMENT);
}

TEST_F(CampaignTest, CreateRefusesPartnersThatCannotRunCampaigns) {
  v1::CreateCampaignRequest req;
  *req.mutable_campaign() = ValidCampaign();
  req.mutable_campaign()->set_partner("partners/99");
  v1::Campaign resp;
  grpc::Status s = Call(*stub_, &Stub::CreateCampaign, req, &resp);
  EXPECT_CODE(s, NOT_FOUND);
  EXPECT_NE(s.error_message().find("partners/99"), std::string::npos);
  partner_directory_.Set(5, "NEGOTIATING", std::nullopt);
  req.mutable_campaign()->set_partner("partners/5");
  s = Call(*stub_, &Stub::CreateCampaign, req, &resp);
  EXPECT_CODE(s, FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("NEGOTIATING"), std::string::npos);
  partner_directory_.Set(5, "CONTRACTED", std::nullopt);
  EXPECT_TRUE(Call(*stub_, &Stub::CreateCampaign, req, &resp).ok());
  partner_directory_.SetDown(true);
  EXPECT_CODE(Call(*stub_, &Stub::CreateCampaign, req, &resp), UNAVAILABLE);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM campaigns"), 1);
}

TEST_F(CampaignTest, BadFieldsAreRejectedByName) {
  struct Case {
    std::function<void(v1::Campaign&)> spoil;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](auto& c) { c.clear_display_name(); }, "campaign.display_name"},
      {[](auto& c) { c.set_partner("partner/3"); }, "campaign.partner"},
      {[](auto& c) { c.clear_objective(); }, "campaign.objective"},
      {[](auto& c) { c.set_channel(static_cast<v1::Campaign::Channel>(42)); },
       "campaign.channel"},
      {[](auto& c) { c.clear_start_time(); }, "campaign.start_time"},
      {[](auto& c) { *c.mutable_end_time() = c.start_time(); },
       "campaign.end_time"},
      {[](auto& c) { c.mutable_budget()->set_amount_minor(0); },
       "campaign.budget.amount_minor"},
      {[](auto& c) { c.mutable_budget()->set_currency_code("won"); },
       "campaign.budget.currency_code"},
      {[](auto& c) { c.set_holdout_bps(10001); }, "campaign.holdout_bps"},
      {[](auto& c) { c.set_segment("fashion-20s"); }, "campaign.segment"},
  };
  for (const Case& c : cases) {
    v1::CreateCampaignRequest req;
    *req.mutable_campaign() = ValidCampaign();
    c.spoil(*req.mutable_campaign());
    v1::Campaign resp;
    grpc::Status s = Call(*stub_, &Stub::CreateCampaign, req, &resp);
    EXPECT_CODE(s, INVALID_ARGUMENT);
    EXPECT_NE(s.error_message().find(c.field), std::string::npos)
        << c.field << ": " << s.error_message();
  }
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM campaigns"), 0);
}

TEST_F(CampaignTest, LifecycleFollowsTheRulesAndRecordsTheShareAtStart) {
  v1::Campaign c = CreateCampaign(ValidCampaign());
  v1::TransitionCampaignRequest t;
  t.set_name(c.name());
  t.set_state(v1::Campaign::SCHEDULED);
  v1::Campaign resp;
  // No offer yet.
  EXPECT_CODE(Call(*stub_, &Stub::TransitionCampaign, t, &resp),
              FAILED_PRECONDITION);
  CreateOffer(c.name(), ValidOffer());
  v1::Campaign scheduled = Transition(c.name(), v1::Campaign::SCHEDULED);
  EXPECT_EQ(scheduled.partner_discount_share_bps(), 0);
  // Before its start_time it cannot run.
  t.set_state(v1::Campaign::RUNNING);
  EXPECT_CODE(Call(*stub_, &Stub::TransitionCampaign, t, &resp),
              FAILED_PRECONDITION);
  clock_.Set(Start() + absl::Hours(2));
  // The partner lost its agreement: cannot start.
  partner_directory_.Set(kPartner, "ACTIVE", std::nullopt);
  EXPECT_CODE(Call(*stub_, &Stub::TransitionCampaign, t, &resp),
              FAILED_PRECONDITION);
  partner_directory_.Set(kPartner, "SUSPENDED", 4000);
  EXPECT_CODE(Call(*stub_, &Stub::TransitionCampaign, t, &resp),
              FAILED_PRECONDITION);
  partner_directory_.SetDown(true);
  EXPECT_CODE(Call(*stub_, &Stub::TransitionCampaign, t, &resp), UNAVAILABLE);
  partner_directory_.SetDown(false);
  partner_directory_.Set(kPartner, "ACTIVE", 4000);
  v1::Campaign running = Transition(c.name(), v1::Campaign::RUNNING);
  EXPECT_EQ(running.state(), v1::Campaign::RUNNING);
  EXPECT_EQ(running.partner_discount_share_bps(), 4000);
  // The share is fixed at start, whatever the agreement says later.
  partner_directory_.Set(kPartner, "ACTIVE", 9000);
  EXPECT_EQ(Transition(c.name(), v1::Campaign::PAUSED).state(),
            v1::Campaign::PAUSED);
  running = Transition(c.name(), v1::Campaign::RUNNING);
  EXPECT_EQ(running.partner_discount_share_bps(), 4000);
  // A stale etag is refused.
  t.set_state(v1::Campaign::PAUSED);
  t.set_etag(scheduled.etag());
  EXPECT_CODE(Call(*stub_, &Stub::TransitionCampaign, t, &resp), ABORTED);
  EXPECT_EQ(Transition(c.name(), v1::Campaign::ENDED).state(),
            v1::Campaign::ENDED);
  t.set_etag("");
  t.set_state(v1::Campaign::RUNNING);
  EXPECT_CODE(Call(*stub_, &Stub::TransitionCampaign, t, &resp),
              FAILED_PRECONDITION);
}

TEST_F(CampaignTest, RunningOnlyInsideTheWindow) {
  v1::Campaign c = CreateCampaign(ValidCampaign());
  CreateOffer(c.name(), ValidOffer());
  Transition(c.name(), v1::Campaign::SCHEDULED);
  clock_.Set(Start() + absl::Hours(24 * 11));
  v1::TransitionCampaignRequest t;
  t.set_name(c.name());
  t.set_state(v1::Campaign::RUNNING);
  v1::Campaign resp;
  EXPECT_CODE(Call(*stub_, &Stub::TransitionCampaign, t, &resp),
              FAILED_PRECONDITION);
  EXPECT_EQ(Transition(c.name(), v1::Campaign::CANCELLED).state(),
            v1::Campaign::CANCELLED);
}

TEST_F(CampaignTest, TheClockStartsAndEndsCampaigns) {
  v1::Campaign c = CreateCampaign(ValidCampaign());
  CreateOffer(c.name(), ValidOffer());
  Transition(c.name(), v1::Campaign::SCHEDULED);
  EXPECT_EQ(campaigns_->Sweep(), 0);
  clock_.Set(Start() + absl::Hours(1));
  EXPECT_EQ(campaigns_->Sweep(), 1);
  v1::Campaign running = GetCampaign(c.name());
  EXPECT_EQ(running.state(), v1::Campaign::RUNNING);
  EXPECT_EQ(running.partner_discount_share_bps(), 4000);
  Transition(c.name(), v1::Campaign::PAUSED);
  clock_.Set(Start() + absl::Hours(24 * 10));
  EXPECT_EQ(campaigns_->Sweep(), 1);
  EXPECT_EQ(GetCampaign(c.name()).state(), v1::Campaign::ENDED);
}

TEST_F(CampaignTest, EditsAreRestrictedOnceRunning) {
  v1::Campaign c = CreateCampaign(ValidCampaign());
  v1::Offer offer = CreateOffer(c.name(), ValidOffer());
  StartCampaign(c.name());
  v1::UpdateCampaignRequest u;
  *u.mutable_campaign() = GetCampaign(c.name());
  u.mutable_campaign()->mutable_budget()->set_amount_minor(2'000'000);
  u.mutable_campaign()->set_display_name("Extended");
  u.mutable_update_mask()->add_paths("budget");
  u.mutable_update_mask()->add_paths("display_name");
  v1::Campaign updated;
  ASSERT_TRUE(Call(*stub_, &Stub::UpdateCampaign, u, &updated).ok());
  EXPECT_EQ(updated.budget().amount_minor(), 2'000'000);
  EXPECT_EQ(updated.display_name(), "Extended");
  // Settings that define who and when are fixed once it runs.
  u.mutable_update_mask()->clear_paths();
  u.mutable_update_mask()->add_paths("holdout_bps");
  *u.mutable_campaign() = updated;
  u.mutable_campaign()->set_holdout_bps(0);
  EXPECT_CODE(Call(*stub_, &Stub::UpdateCampaign, u, &updated),
              FAILED_PRECONDITION);
  // The etag read before the first update is stale now.
  u.mutable_update_mask()->clear_paths();
  u.mutable_update_mask()->add_paths("display_name");
  u.mutable_campaign()->set_etag(c.etag());
  EXPECT_CODE(Call(*stub_, &Stub::UpdateCampaign, u, &updated), ABORTED);
  // Offers are fixed too.
  v1::UpdateOfferRequest uo;
  *uo.mutable_offer() = offer;
  uo.mutable_offer()->set_display_name("Changed");
  uo.mutable_update_mask()->add_paths("display_name");
  v1::Offer o;
  EXPECT_CODE(Call(*stub_, &Stub::UpdateOffer, uo, &o), FAILED_PRECONDITION);
  v1::CreateOfferRequest co;
  co.set_parent(c.name());
  *co.mutable_offer() = ValidOffer();
  EXPECT_CODE(Call(*stub_, &Stub::CreateOffer, co, &o), FAILED_PRECONDITION);
}

TEST_F(CampaignTest, ListsPage) {
  for (int i = 0; i < 5; ++i) CreateCampaign(ValidCampaign());
  v1::Campaign other = ValidCampaign();
  other.set_partner("partners/4");
  CreateCampaign(other);
  v1::ListCampaignsRequest req;
  req.set_page_size(2);
  req.set_partner("partners/3");
  std::vector<std::string> names;
  while (true) {
    v1::ListCampaignsResponse resp;
    ASSERT_TRUE(Call(*stub_, &Stub::ListCampaigns, req, &resp).ok());
    for (const auto& c : resp.campaigns()) names.push_back(c.name());
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(names.size(), 5u);
  req.set_partner("partners/4");  // a token of another list is refused
  v1::ListCampaignsResponse resp;
  req.set_page_token(resp.next_page_token());
  ASSERT_TRUE(Call(*stub_, &Stub::ListCampaigns, req, &resp).ok());
  EXPECT_EQ(resp.campaigns_size(), 1);
}

// ---- Offers ----

TEST_F(CampaignTest, OffersAreValidatedAgainstTheirCampaign) {
  v1::Campaign c = CreateCampaign(ValidCampaign());
  v1::CreateOfferRequest req;
  req.set_parent(c.name());
  v1::Offer resp;
  *req.mutable_offer() = ValidOffer();
  req.mutable_offer()->mutable_amount_off()->set_currency_code("KRW");
  EXPECT_CODE(Call(*stub_, &Stub::CreateOffer, req, &resp), INVALID_ARGUMENT);
  req.mutable_offer()->clear_amount_off();
  req.mutable_offer()->clear_percent_off();
  EXPECT_CODE(Call(*stub_, &Stub::CreateOffer, req, &resp), INVALID_ARGUMENT);
  req.mutable_offer()->mutable_amount_off()->set_currency_code("USD");
  req.mutable_offer()->mutable_amount_off()->set_amount_minor(500);
  EXPECT_CODE(Call(*stub_, &Stub::CreateOffer, req, &resp), INVALID_ARGUMENT);
  req.mutable_offer()->mutable_amount_off()->set_currency_code("KRW");
  req.mutable_offer()->mutable_min_purchase()->set_currency_code("USD");
  EXPECT_CODE(Call(*stub_, &Stub::CreateOffer, req, &resp), INVALID_ARGUMENT);
  req.mutable_offer()->mutable_min_purchase()->set_currency_code("KRW");
  req.mutable_offer()->mutable_min_purchase()->set_amount_minor(10000);
  req.mutable_offer()->set_redemption_cap(100);
  req.mutable_offer()->set_per_customer_limit(2);
  ASSERT_TRUE(Call(*stub_, &Stub::CreateOffer, req, &resp).ok());
  EXPECT_EQ(resp.name(), absl::StrCat(c.name(), "/offers/1"));
  EXPECT_EQ(resp.amount_off().amount_minor(), 500);
  EXPECT_EQ(resp.min_purchase().amount_minor(), 10000);
  EXPECT_EQ(GetOffer(resp.name()).SerializeAsString(),
            resp.SerializeAsString());
  // Switch it to a percentage while the campaign is a draft.
  v1::UpdateOfferRequest u;
  *u.mutable_offer() = resp;
  u.mutable_offer()->mutable_percent_off()->set_percent_bps(1500);
  u.mutable_update_mask()->add_paths("percent_off");
  v1::Offer updated;
  ASSERT_TRUE(Call(*stub_, &Stub::UpdateOffer, u, &updated).ok());
  EXPECT_EQ(updated.percent_off().percent_bps(), 1500);
  EXPECT_FALSE(updated.has_amount_off());
}
}  // namespace
}  // namespace partnerhub::campaign
