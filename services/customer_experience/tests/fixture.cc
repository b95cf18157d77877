#include "services/customer_experience/tests/fixture.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/events/producer_schema.h"
#include "common/grpc/proto_convert.h"
#include "tests/harness/harness.h"

namespace customer_experience_migrations {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}

namespace partnerhub::customer_experience {

absl::Time CxTest::Start() {
  return absl::FromCivil(absl::CivilSecond(2026, 11, 24, 10, 0, 0),
                         absl::UTCTimeZone());
}

void CxTest::SetUp() {
  absl::StatusOr<testing::MigratedSchema> schema =
      testing::CreateMigratedSchema(
          "customer_experience",
          events::ProducerMigrations(
              customer_experience_migrations::EmbeddedMigrations()));
  ASSERT_TRUE(schema.ok()) << schema.status();
  schema_ = schema->name;
  pool_ = std::move(schema->pool);
  store_ = std::make_unique<MySqlCxStore>(*pool_);
  handler_ = std::make_unique<CustomerExperienceHandler>(*store_, clock_);
  projector_ = std::make_unique<FunnelProjector>(*store_, clock_);
  auto server = testing::StartTestServer({.name = "customer-experience-test"},
                                         {handler_.get()});
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  stub_ = NewStub();
}

void CxTest::TearDown() {
  if (server_) server_->Shutdown();
}

std::unique_ptr<v1::CustomerExperienceService::Stub> CxTest::NewStub() {
  return v1::CustomerExperienceService::NewStub(
      testing::ConnectedChannel(server_->address()));
}

v1::RecordPurchaseRequest CxTest::PurchaseRequest(const std::string& order,
                                                  const std::string& customer,
                                                  int partner, int64_t amount,
                                                  int minutes_ago,
                                                  int campaign) {
  v1::RecordPurchaseRequest req;
  req.set_purchase_id(order);
  v1::Purchase* p = req.mutable_purchase();
  p->set_customer(absl::StrCat("customers/", customer));
  p->set_partner(absl::StrCat("partners/", partner));
  v1::PurchaseItem* item = p->add_items();
  item->set_category("fashion");
  item->set_quantity(1);
  item->mutable_amount()->set_currency_code("KRW");
  item->mutable_amount()->set_amount_minor(amount);
  p->mutable_total()->set_currency_code("KRW");
  p->mutable_total()->set_amount_minor(amount);
  if (campaign != 0) p->set_campaign(absl::StrCat("campaigns/", campaign));
  *p->mutable_purchase_time() =
      ToProtoTime(Start() - absl::Minutes(minutes_ago));
  return req;
}

v1::Customer CxTest::CreateCustomer(const std::string& id, int birth_year,
                                    v1::Customer::Gender gender,
                                    v1::MarketingConsent::State consent,
                                    const std::string& region) {
  v1::CreateCustomerRequest req;
  req.set_customer_id(id);
  v1::Customer* c = req.mutable_customer();
  c->set_birth_year(birth_year);
  c->set_gender(gender);
  c->set_region(region);
  c->mutable_marketing_consent()->set_state(consent);
  c->mutable_personal_data()->set_display_name("Kim Minji");
  c->mutable_personal_data()->set_email("minji.kim@example.com");
  c->mutable_personal_data()->set_phone("+82 10-1234-5678");
  v1::Customer resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->CreateCustomer(&ctx, req, &resp);
  EXPECT_TRUE(s.ok()) << id << ": " << s.error_message();
  return resp;
}

v1::Touchpoint CxTest::MakeTouchpoint(const std::string& customer,
                                      const std::string& event_id,
                                      v1::Touchpoint::Type type,
                                      int minutes_ago, int partner,
                                      int campaign) {
  v1::Touchpoint t;
  t.set_customer(absl::StrCat("customers/", customer));
  t.set_event_id(event_id);
  t.set_type(type);
  *t.mutable_occur_time() = ToProtoTime(Start() - absl::Minutes(minutes_ago));
  t.set_channel(v1::Touchpoint::APP);
  if (partner != 0) t.set_partner(absl::StrCat("partners/", partner));
  if (campaign != 0) t.set_campaign(absl::StrCat("campaigns/", campaign));
  return t;
}

int64_t CxTest::QueryInt(const std::string& sql) {
  auto rows = testing::MariaDbServer::Shared().QueryAsRoot(sql);
  EXPECT_TRUE(rows.ok()) << rows.status();
  int64_t n = -1;
  if (rows.ok() && !rows->empty()) {
    EXPECT_TRUE(absl::SimpleAtoi((*rows)[0][0], &n));
  }
  return n;
}

void CxTest::CatchUpFunnel() {
  absl::StatusOr<int64_t> passed = projector_->CatchUp();
  ASSERT_TRUE(passed.ok()) << passed.status();
}

int64_t CxTest::RowCount(const std::string& table) {
  return QueryInt(absl::StrCat("SELECT COUNT(*) FROM ", schema_, ".", table));
}

}  // namespace partnerhub::customer_experience
