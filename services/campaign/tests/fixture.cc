#include "services/campaign/tests/fixture.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/events/feed_store.h"
#include "common/events/producer_schema.h"
#include "common/grpc/downstream.h"
#include "common/grpc/proto_convert.h"
#include "common/status/status_macros.h"
#include "tests/harness/harness.h"

namespace campaign_migrations {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}

namespace partnerhub::campaign {
namespace {

// What the real client gives while customer-experience is down.
absl::Status CustomerExperienceDown() {
  return FromDownstream("customer-experience",
                        grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                     "customer-experience is down (fake)"));
}

}  // namespace

absl::Status FakePartners::Failure() {
  if (down_) {
    return FromDownstream("partner-registry",
                          grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                       "partner-registry is down (fake)"));
  }
  if (!answer_.ok()) return FromDownstream("partner-registry", answer_);
  return absl::OkStatus();
}

absl::StatusOr<PartnerInfo> FakePartners::GetPartner(int64_t id) {
  absl::MutexLock lock(&mu_);
  PH_RETURN_IF_ERROR(Failure());
  auto it = partners_.find(id);
  if (it == partners_.end())
    return absl::NotFoundError("no such partner (fake)");
  return PartnerInfo{.state = it->second.state};
}

absl::StatusOr<int32_t> FakePartners::DiscountShareInForce(int64_t id) {
  absl::MutexLock lock(&mu_);
  PH_RETURN_IF_ERROR(Failure());
  auto it = partners_.find(id);
  if (it == partners_.end())
    return absl::NotFoundError("no such partner (fake)");
  if (!it->second.share.has_value()) {
    return absl::FailedPreconditionError("no agreement in force (fake)");
  }
  return *it->second.share;
}

absl::StatusOr<SegmentSnapshot> FakeSegments::CreateSnapshot(
    const std::string& segment, const std::string& request_id) {
  absl::MutexLock lock(&mu_);
  if (down_) return CustomerExperienceDown();
  auto it = segments_.find(segment);
  if (it == segments_.end())
    return absl::NotFoundError("no such segment (fake)");
  auto prior = by_request_.find(request_id);
  std::string name;
  if (prior != by_request_.end()) {
    name = prior->second;
  } else {
    name = absl::StrCat(segment, "/snapshots/", snapshots_.size() + 1);
    snapshots_[name] = it->second;
    by_request_[request_id] = name;
  }
  return SegmentSnapshot{
      .name = name,
      .member_count = static_cast<int64_t>(snapshots_[name].size())};
}

absl::StatusOr<MemberPage> FakeSegments::ListMembers(
    const std::string& snapshot, int page_size, const std::string& page_token) {
  absl::MutexLock lock(&mu_);
  if (down_) return CustomerExperienceDown();
  auto it = snapshots_.find(snapshot);
  if (it == snapshots_.end())
    return absl::NotFoundError("no such snapshot (fake)");
  size_t start = 0;
  if (!page_token.empty() && !absl::SimpleAtoi(page_token, &start)) {
    return absl::InvalidArgumentError("bad token (fake)");
  }
  MemberPage page;
  const size_t end = std::min(it->second.size(), start + page_size);
  page.customers.assign(it->second.begin() + start, it->second.begin() + end);
  if (end < it->second.size()) page.next_page_token = absl::StrCat(end);
  return page;
}

absl::Time CampaignTest::Start() {
  return absl::FromCivil(absl::CivilSecond(2026, 11, 24, 10, 0, 0),
                         absl::UTCTimeZone());
}

void CampaignTest::SetUp() {
  absl::StatusOr<testing::MigratedSchema> schema =
      testing::CreateMigratedSchema(
          "campaign",
          events::ProducerMigrations(campaign_migrations::EmbeddedMigrations()),
          {.max_size = 16, .acquire_timeout = absl::Seconds(10)});
  ASSERT_TRUE(schema.ok()) << schema.status();
  schema_ = schema->name;
  db_options_ = schema->options;
  pool_ = std::move(schema->pool);
  store_ = std::make_unique<MySqlCampaignStore>(*pool_);
  partner_directory_.Set(kPartner, "ACTIVE", 4000);
  partner_directory_.Set(kOtherPartner, "ACTIVE", 5000);
  campaigns_ = std::make_unique<Campaigns>(*store_, clock_, partner_directory_);
  offers_ = std::make_unique<Offers>(*store_, clock_);
  issuing_ = std::make_unique<Issuing>(
      *store_, clock_, segment_directory_,
      IssuingOptions{.bulk_chunk = 1000, .member_page = 300});
  coupons_ = std::make_unique<Coupons>(
      *store_, clock_, CouponsOptions{.void_window = absl::Hours(48)});
  handler_ = std::make_unique<CampaignHandler>(*campaigns_, *offers_, *issuing_,
                                               *coupons_);
  auto server = testing::StartTestServer(
      {.name = "campaign-test", .max_threads = 80}, {handler_.get()});
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  stub_ = NewStub();
}

void CampaignTest::TearDown() {
  if (server_) server_->Shutdown();
}

std::unique_ptr<Stub> CampaignTest::NewStub() {
  return v1::CampaignService::NewStub(
      testing::ConnectedChannel(server_->address()));
}

v1::Campaign CampaignTest::ValidCampaign(int64_t budget_minor) {
  v1::Campaign c;
  c.set_partner(absl::StrCat("partners/", kPartner));
  c.set_display_name("Burger Town: 10% off for new customers");
  c.set_description("Joint promotion, weekday afternoons");
  c.set_objective(v1::Campaign::ACQUISITION);
  c.set_channel(v1::Campaign::PARTNER_STORE);
  *c.mutable_start_time() = ToProtoTime(Start() + absl::Hours(1));
  *c.mutable_end_time() = ToProtoTime(Start() + absl::Hours(24 * 10));
  c.mutable_budget()->set_currency_code("KRW");
  c.mutable_budget()->set_amount_minor(budget_minor);
  c.set_segment("segments/fashion-20s");
  c.set_holdout_bps(1000);
  return c;
}

v1::Offer CampaignTest::ValidOffer() {
  v1::Offer o;
  o.set_display_name("10% off");
  o.mutable_percent_off()->set_percent_bps(1000);
  return o;
}

v1::Campaign CampaignTest::CreateCampaign(const v1::Campaign& campaign) {
  v1::CreateCampaignRequest req;
  *req.mutable_campaign() = campaign;
  v1::Campaign resp;
  grpc::Status s = Call(*stub_, &Stub::CreateCampaign, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp;
}

v1::Offer CampaignTest::CreateOffer(const std::string& campaign,
                                    const v1::Offer& offer) {
  v1::CreateOfferRequest req;
  req.set_parent(campaign);
  *req.mutable_offer() = offer;
  v1::Offer resp;
  grpc::Status s = Call(*stub_, &Stub::CreateOffer, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp;
}

v1::Campaign CampaignTest::Transition(const std::string& campaign,
                                      v1::Campaign::State to) {
  v1::TransitionCampaignRequest req;
  req.set_name(campaign);
  req.set_state(to);
  v1::Campaign resp;
  grpc::Status s = Call(*stub_, &Stub::TransitionCampaign, req, &resp);
  EXPECT_TRUE(s.ok()) << v1::Campaign::State_Name(to) << ": "
                      << s.error_message();
  return resp;
}

v1::Campaign CampaignTest::StartCampaign(const std::string& campaign) {
  Transition(campaign, v1::Campaign::SCHEDULED);
  clock_.Set(Start() + absl::Hours(2));
  return Transition(campaign, v1::Campaign::RUNNING);
}

v1::Offer CampaignTest::RunningOffer(const v1::Offer& offer,
                                     int64_t budget_minor) {
  v1::Campaign campaign = CreateCampaign(ValidCampaign(budget_minor));
  v1::Offer created = CreateOffer(campaign.name(), offer);
  StartCampaign(campaign.name());
  return created;
}

void CampaignTest::RunJobs() {
  for (int i = 0; i < 10000 && issuing_->RunPending(absl::Seconds(60)); ++i) {
  }
}

std::vector<std::string> CampaignTest::IssueCodes(const std::string& offer,
                                                  int count) {
  v1::CreateCodeIssuanceRequest req;
  req.set_parent(offer);
  req.mutable_issuance()->set_kind(v1::CodeIssuance::BULK);
  req.mutable_issuance()->set_count(count);
  v1::CodeIssuance issuance;
  grpc::Status s = Call(*stub_, &Stub::CreateCodeIssuance, req, &issuance);
  EXPECT_TRUE(s.ok()) << s.error_message();
  RunJobs();
  std::vector<std::string> codes;
  v1::ListCouponCodesRequest list;
  list.set_parent(issuance.name());
  list.set_page_size(10000);
  while (true) {
    v1::ListCouponCodesResponse page;
    s = Call(*stub_, &Stub::ListCouponCodes, list, &page);
    EXPECT_TRUE(s.ok()) << s.error_message();
    if (!s.ok()) break;
    for (const auto& c : page.coupon_codes()) codes.push_back(c.code());
    if (page.next_page_token().empty()) break;
    list.set_page_token(page.next_page_token());
  }
  EXPECT_EQ(static_cast<int>(codes.size()), count);
  return codes;
}

std::vector<events::v1::Event> CampaignTest::FeedEvents(int64_t after) {
  events::FeedStore store(*pool_, "campaign");
  std::vector<events::v1::Event> out;
  int64_t position = after;
  while (true) {
    absl::StatusOr<events::EventBatch> batch = store.ReadAfter(position, 500);
    EXPECT_TRUE(batch.ok()) << batch.status();
    if (!batch.ok() || batch->events.empty()) break;
    for (events::v1::Event& e : batch->events) {
      EXPECT_EQ(e.position(), position + 1) << "a gap in the feed";
      EXPECT_EQ(e.feed(), "campaign");
      position = e.position();
      out.push_back(std::move(e));
    }
  }
  return out;
}

std::vector<events::v1::Event> CampaignTest::FeedEventsOf(
    events::v1::Event::PayloadCase kind) {
  std::vector<events::v1::Event> out;
  for (events::v1::Event& e : FeedEvents()) {
    if (e.payload_case() == kind) out.push_back(std::move(e));
  }
  return out;
}

v1::CouponUse CampaignTest::Use(const std::string& code, int64_t amount_minor,
                                const std::string& customer) {
  v1::CouponUse u;
  u.set_code(code);
  u.set_customer(customer);
  u.set_partner(absl::StrCat("partners/", kPartner));
  u.set_store("gangnam-1");
  u.set_order_id(absl::StrCat("order-", code));
  u.mutable_order_amount()->set_currency_code("KRW");
  u.mutable_order_amount()->set_amount_minor(amount_minor);
  return u;
}

grpc::Status CampaignTest::Redeem(Stub& stub, const v1::CouponUse& use,
                                  const std::string& request_id,
                                  v1::Redemption* out) {
  v1::RedeemCouponRequest req;
  *req.mutable_use() = use;
  req.set_request_id(request_id);
  return Call(stub, &Stub::RedeemCoupon, req, out);
}

v1::Campaign CampaignTest::GetCampaign(const std::string& name) {
  v1::GetCampaignRequest req;
  req.set_name(name);
  v1::Campaign resp;
  grpc::Status s = Call(*stub_, &Stub::GetCampaign, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp;
}

v1::Offer CampaignTest::GetOffer(const std::string& name) {
  v1::GetOfferRequest req;
  req.set_name(name);
  v1::Offer resp;
  grpc::Status s = Call(*stub_, &Stub::GetOffer, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp;
}

int64_t CampaignTest::QueryInt(const std::string& sql) {
  auto rows = testing::Query(db_options_, sql);
  EXPECT_TRUE(rows.ok()) << rows.status();
  int64_t n = -1;
  if (rows.ok() && !rows->empty()) {
    EXPECT_TRUE(absl::SimpleAtoi((*rows)[0][0], &n)) << (*rows)[0][0];
  }
  return n;
}

}  // namespace partnerhub::campaign
