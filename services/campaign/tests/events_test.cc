// The campaign service's event feed over a real MariaDB: every change of a
// campaign or offer, every committed chunk of codes and every redemption or
// void writes its event in the same transaction, carrying the resource as
// the API returns it after the change; retries and refused changes write
// none.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/campaign/tests/fixture.h"

namespace partnerhub::campaign {
namespace {

namespace ev = ::partnerhub::events::v1;

#define EXPECT_PROTO_EQ(a, b)                                 \
  EXPECT_EQ((a).SerializeAsString(), (b).SerializeAsString()) \
      << (a).ShortDebugString() << "\n vs " << (b).ShortDebugString()

class CampaignEventsTest : public CampaignTest {
 protected:
  int64_t Now() const { return absl::ToUnixSeconds(clock_.Now()); }
  int64_t Head() {
    std::vector<ev::Event> all = FeedEvents();
    return all.empty() ? 0 : all.back().position();
  }
};

TEST_F(CampaignEventsTest, CampaignAndOfferChangesIncludingTheClocks) {
  // Created with a request_id, then retried: one event.
  v1::CreateCampaignRequest create;
  *create.mutable_campaign() = ValidCampaign();
  create.set_request_id("campaign-1");
  v1::Campaign created, again;
  ASSERT_TRUE(Call(*stub_, &Stub::CreateCampaign, create, &created).ok());
  const int64_t t_create = Now();
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(Call(*stub_, &Stub::CreateCampaign, create, &again).ok());
  EXPECT_EQ(again.name(), created.name());
  // Refused: a partner that may not run campaigns.
  partner_directory_.Set(kOtherPartner, "SUSPENDED", std::nullopt);
  v1::CreateCampaignRequest refused;
  *refused.mutable_campaign() = ValidCampaign();
  refused.mutable_campaign()->set_partner(
      absl::StrCat("partners/", kOtherPartner));
  EXPECT_CODE(Call(*stub_, &Stub::CreateCampaign, refused, &again),
              FAILED_PRECONDITION);
  ASSERT_EQ(FeedEvents().size(), 1u);

  // Updated; a stale etag writes nothing.
  v1::UpdateCampaignRequest update;
  update.mutable_campaign()->set_name(created.name());
  update.mutable_campaign()->set_display_name("Renamed");
  update.mutable_campaign()->set_etag(created.etag());
  update.mutable_update_mask()->add_paths("display_name");
  v1::Campaign updated;
  ASSERT_TRUE(Call(*stub_, &Stub::UpdateCampaign, update, &updated).ok());
  const int64_t t_update = Now();
  clock_.Advance(absl::Minutes(1));
  EXPECT_CODE(Call(*stub_, &Stub::UpdateCampaign, update, &again), ABORTED);

  // An offer created (and retried) and updated.
  v1::CreateOfferRequest create_offer;
  create_offer.set_parent(created.name());
  create_offer.set_request_id("offer-1");
  *create_offer.mutable_offer() = ValidOffer();
  v1::Offer offer, offer_again;
  ASSERT_TRUE(Call(*stub_, &Stub::CreateOffer, create_offer, &offer).ok());
  const int64_t t_offer = Now();
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(
      Call(*stub_, &Stub::CreateOffer, create_offer, &offer_again).ok());
  EXPECT_EQ(offer_again.name(), offer.name());
  v1::UpdateOfferRequest update_offer;
  *update_offer.mutable_offer() = offer;
  update_offer.mutable_offer()->set_display_name("15% off");
  update_offer.mutable_offer()->mutable_percent_off()->set_percent_bps(1500);
  update_offer.mutable_update_mask()->add_paths("display_name");
  update_offer.mutable_update_mask()->add_paths("percent_off");
  v1::Offer offer_updated;
  ASSERT_TRUE(
      Call(*stub_, &Stub::UpdateOffer, update_offer, &offer_updated).ok());
  const int64_t t_offer_update = Now();
  clock_.Advance(absl::Minutes(1));

  // Scheduled by request; a move the lifecycle forbids writes nothing.
  v1::Campaign scheduled = Transition(created.name(), v1::Campaign::SCHEDULED);
  const int64_t t_scheduled = Now();
  v1::TransitionCampaignRequest to_ended;
  to_ended.set_name(created.name());
  to_ended.set_state(v1::Campaign::ENDED);
  EXPECT_CODE(Call(*stub_, &Stub::TransitionCampaign, to_ended, &again),
              FAILED_PRECONDITION);

  // The clock starts it, a person pauses it, the clock ends it.
  clock_.Set(Start() + absl::Hours(1));
  ASSERT_EQ(campaigns_->Sweep(), 1);
  const int64_t t_started = Now();
  const v1::Campaign started = GetCampaign(created.name());
  clock_.Advance(absl::Minutes(5));
  v1::Campaign paused = Transition(created.name(), v1::Campaign::PAUSED);
  const int64_t t_paused = Now();
  clock_.Set(Start() + absl::Hours(24 * 10));
  ASSERT_EQ(campaigns_->Sweep(), 1);
  const int64_t t_ended = Now();
  const v1::Campaign ended = GetCampaign(created.name());
  // Nothing left to move: no event.
  EXPECT_EQ(campaigns_->Sweep(), 0);

  std::vector<ev::Event> events = FeedEvents();
  ASSERT_EQ(events.size(), 8u);
  const struct {
    ev::CampaignChanged::Change change;
    int64_t time;
    v1::Campaign campaign;
    int index;
  } campaign_events[] = {
      {ev::CampaignChanged::CREATED, t_create, created, 0},
      {ev::CampaignChanged::UPDATED, t_update, updated, 1},
      {ev::CampaignChanged::STATE_CHANGED, t_scheduled, scheduled, 4},
      {ev::CampaignChanged::STATE_CHANGED, t_started, started, 5},
      {ev::CampaignChanged::STATE_CHANGED, t_paused, paused, 6},
      {ev::CampaignChanged::STATE_CHANGED, t_ended, ended, 7},
  };
  for (const auto& want : campaign_events) {
    SCOPED_TRACE(want.index);
    const ev::Event& e = events[want.index];
    ASSERT_TRUE(e.has_campaign_changed());
    EXPECT_EQ(e.campaign_changed().change(), want.change);
    EXPECT_EQ(e.event_time().seconds(), want.time);
    EXPECT_PROTO_EQ(e.campaign_changed().campaign(), want.campaign);
  }
  EXPECT_EQ(events[5].campaign_changed().campaign().state(),
            v1::Campaign::RUNNING);
  EXPECT_EQ(
      events[5].campaign_changed().campaign().partner_discount_share_bps(),
      4000);
  EXPECT_EQ(events[7].campaign_changed().campaign().state(),
            v1::Campaign::ENDED);

  ASSERT_TRUE(events[2].has_offer_changed());
  EXPECT_EQ(events[2].offer_changed().change(), ev::OfferChanged::CREATED);
  EXPECT_EQ(events[2].event_time().seconds(), t_offer);
  EXPECT_PROTO_EQ(events[2].offer_changed().offer(), offer);
  ASSERT_TRUE(events[3].has_offer_changed());
  EXPECT_EQ(events[3].offer_changed().change(), ev::OfferChanged::UPDATED);
  EXPECT_EQ(events[3].event_time().seconds(), t_offer_update);
  EXPECT_PROTO_EQ(events[3].offer_changed().offer(), offer_updated);
}

TEST_F(CampaignEventsTest, EveryCommittedChunkOfCodesIsAnEvent) {
  v1::Offer offer = RunningOffer(ValidOffer());
  const int64_t before = Head();
  // 2,500 bulk codes in chunks of 1,000 (this fixture's bulk_chunk).
  v1::CreateCodeIssuanceRequest req;
  req.set_parent(offer.name());
  req.set_request_id("bulk-1");
  req.mutable_issuance()->set_kind(v1::CodeIssuance::BULK);
  req.mutable_issuance()->set_count(2500);
  v1::CodeIssuance job, again;
  ASSERT_TRUE(Call(*stub_, &Stub::CreateCodeIssuance, req, &job).ok());
  ASSERT_TRUE(Call(*stub_, &Stub::CreateCodeIssuance, req, &again).ok());
  EXPECT_TRUE(FeedEvents(before).empty());  // creating a job issues nothing
  RunJobs();

  std::vector<ev::Event> events = FeedEvents(before);
  ASSERT_EQ(events.size(), 3u);
  const int64_t chunks[] = {1000, 1000, 500};
  int64_t issued = 0;
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    ASSERT_TRUE(events[i].has_code_issuance_changed());
    const ev::CodeIssuanceChanged& c = events[i].code_issuance_changed();
    issued += chunks[i];
    EXPECT_EQ(c.issued_in_chunk(), chunks[i]);
    EXPECT_EQ(c.issuance().name(), job.name());
    EXPECT_EQ(c.issuance().issued_count(), issued);
    EXPECT_EQ(c.issuance().state(),
              i < 2 ? v1::CodeIssuance::RUNNING : v1::CodeIssuance::SUCCEEDED);
    EXPECT_EQ(events[i].event_time().seconds(), Now());
  }
  v1::GetCodeIssuanceRequest get;
  get.set_name(job.name());
  v1::CodeIssuance done;
  ASSERT_TRUE(Call(*stub_, &Stub::GetCodeIssuance, get, &done).ok());
  EXPECT_PROTO_EQ(events[2].code_issuance_changed().issuance(), done);
}

TEST_F(CampaignEventsTest, PersonalIssuanceSetsTheSnapshotOnceThenChunks) {
  std::vector<std::string> members;
  for (int i = 0; i < 700; ++i)
    members.push_back(absl::StrCat("customers/m", i));
  segment_directory_.Set("segments/fashion-20s", members);
  v1::Offer offer = RunningOffer(ValidOffer());  // holdout 1000 bps
  const int64_t before = Head();
  v1::CreateCodeIssuanceRequest req;
  req.set_parent(offer.name());
  req.mutable_issuance()->set_kind(v1::CodeIssuance::SEGMENT);
  v1::CodeIssuance job;
  ASSERT_TRUE(Call(*stub_, &Stub::CreateCodeIssuance, req, &job).ok());
  RunJobs();

  // The campaign's snapshot set (UPDATED), then 3 pages of 300 members.
  std::vector<ev::Event> events = FeedEvents(before);
  ASSERT_EQ(events.size(), 4u);
  ASSERT_TRUE(events[0].has_campaign_changed());
  EXPECT_EQ(events[0].campaign_changed().change(),
            ev::CampaignChanged::UPDATED);
  const v1::Campaign campaign = GetCampaign("campaigns/1");
  EXPECT_EQ(campaign.segment_snapshot(), "segments/fashion-20s/snapshots/1");
  EXPECT_PROTO_EQ(events[0].campaign_changed().campaign(), campaign);
  int64_t issued = 0;
  for (int i = 1; i < 4; ++i) {
    SCOPED_TRACE(i);
    ASSERT_TRUE(events[i].has_code_issuance_changed());
    const ev::CodeIssuanceChanged& c = events[i].code_issuance_changed();
    issued += c.issued_in_chunk();
    EXPECT_EQ(c.issuance().issued_count(), issued);
    EXPECT_EQ(c.issuance().member_count(), std::min(300 * i, 700));
  }
  v1::GetCodeIssuanceRequest get;
  get.set_name(job.name());
  v1::CodeIssuance done;
  ASSERT_TRUE(Call(*stub_, &Stub::GetCodeIssuance, get, &done).ok());
  EXPECT_EQ(done.state(), v1::CodeIssuance::SUCCEEDED);
  EXPECT_EQ(issued, done.issued_count());
  EXPECT_EQ(done.issued_count() + done.holdout_count(), 700);
  EXPECT_PROTO_EQ(events[3].code_issuance_changed().issuance(), done);

  // A second personal issuance reuses the snapshot: no campaign event.
  const int64_t second_before = Head();
  ASSERT_TRUE(Call(*stub_, &Stub::CreateCodeIssuance, req, &job).ok());
  RunJobs();
  for (const ev::Event& e : FeedEvents(second_before)) {
    EXPECT_TRUE(e.has_code_issuance_changed()) << e.ShortDebugString();
  }
  EXPECT_EQ(FeedEvents(second_before).size(), 3u);
}

TEST_F(CampaignEventsTest, RedeemAndVoidOnceEachRetriesAndRefusalsNone) {
  v1::Offer o = ValidOffer();
  o.set_redemption_cap(1);
  v1::Offer offer = RunningOffer(o);
  std::vector<std::string> codes = IssueCodes(offer.name(), 2);
  const int64_t before = Head();

  v1::Redemption r, again;
  ASSERT_TRUE(Redeem(*stub_, Use(codes[0], 25000), "pos-1", &r).ok());
  const int64_t t_redeem = Now();
  clock_.Advance(absl::Minutes(1));
  // Retried: from this process's memory, then from the database.
  ASSERT_TRUE(Redeem(*stub_, Use(codes[0], 25000), "pos-1", &again).ok());
  Coupons without_cache(*store_, clock_, {.replay_cache_entries = 0});
  CouponUse use{.code = codes[0],
                .customer = "customers/c1",
                .partner_id = kPartner,
                .store = "gangnam-1",
                .order_id = Use(codes[0]).order_id(),
                .currency_code = "KRW",
                .order_amount_minor = 25000};
  ASSERT_TRUE(without_cache.Redeem("pos-1", use).ok());
  // Refused: the code is used up; the cap is reached; a wrong customer.
  EXPECT_FALSE(Redeem(*stub_, Use(codes[0], 25000), "pos-2", &again).ok());
  EXPECT_CODE(Redeem(*stub_, Use(codes[1], 25000), "pos-3", &again),
              RESOURCE_EXHAUSTED);
  // Validation writes nothing.
  v1::ValidateCouponRequest vreq;
  *vreq.mutable_use() = Use(codes[1], 25000);
  v1::CouponValidation validation;
  Call(*stub_, &Stub::ValidateCoupon, vreq, &validation);

  v1::VoidRedemptionRequest vr;
  vr.set_name(r.name());
  vr.set_reason("order refunded");
  v1::Redemption voided, twice;
  ASSERT_TRUE(Call(*stub_, &Stub::VoidRedemption, vr, &voided).ok());
  const int64_t t_void = Now();
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(Call(*stub_, &Stub::VoidRedemption, vr, &twice).ok());  // no-op
  // The freed cap redeems anew.
  v1::Redemption second;
  ASSERT_TRUE(Redeem(*stub_, Use(codes[1], 25000), "pos-4", &second).ok());
  const int64_t t_second = Now();

  std::vector<ev::Event> events = FeedEvents(before);
  ASSERT_EQ(events.size(), 3u);
  const struct {
    ev::RedemptionChanged::Change change;
    int64_t time;
    v1::Redemption redemption;
  } want[] = {
      {ev::RedemptionChanged::REDEEMED, t_redeem, r},
      {ev::RedemptionChanged::VOIDED, t_void, voided},
      {ev::RedemptionChanged::REDEEMED, t_second, second},
  };
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    ASSERT_TRUE(events[i].has_redemption_changed());
    EXPECT_EQ(events[i].redemption_changed().change(), want[i].change);
    EXPECT_EQ(events[i].event_time().seconds(), want[i].time);
    EXPECT_PROTO_EQ(events[i].redemption_changed().redemption(),
                    want[i].redemption);
  }
  EXPECT_EQ(
      events[0].redemption_changed().redemption().discount().amount_minor(),
      2500);
  EXPECT_EQ(events[1].redemption_changed().redemption().state(),
            v1::Redemption::VOIDED);
}

}  // namespace
}  // namespace partnerhub::campaign
