#include "services/partner_registry/tests/fixture.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/events/producer_schema.h"
#include "tests/harness/harness.h"

namespace partner_registry_migrations {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}

namespace partnerhub::partner_registry {

absl::Time RegistryTest::Start() {
  return absl::FromCivil(absl::CivilSecond(2026, 11, 24, 10, 0, 0),
                         absl::UTCTimeZone());
}

void RegistryTest::SetUp() {
  absl::StatusOr<testing::MigratedSchema> schema =
      testing::CreateMigratedSchema(
          "partner_registry",
          events::ProducerMigrations(
              partner_registry_migrations::EmbeddedMigrations()));
  ASSERT_TRUE(schema.ok()) << schema.status();
  schema_ = schema->name;
  pool_ = std::move(schema->pool);
  store_ = std::make_unique<MySqlPartnerStore>(*pool_);
  handler_ = std::make_unique<PartnerRegistryHandler>(*store_, clock_);
  auto server = testing::StartTestServer({.name = "partner-registry-test"},
                                         {handler_.get()});
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  stub_ = NewStub();
}

void RegistryTest::TearDown() {
  if (server_) server_->Shutdown();
}

std::unique_ptr<v1::PartnerRegistryService::Stub> RegistryTest::NewStub() {
  return v1::PartnerRegistryService::NewStub(
      testing::ConnectedChannel(server_->address()));
}

std::string RegistryTest::RegistrationNumber(int n) {
  const std::string first9 = absl::StrFormat("1%08d", n);
  static constexpr int kWeights[9] = {1, 3, 7, 1, 3, 7, 1, 3, 5};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (first9[i] - '0') * kWeights[i];
  sum += ((first9[8] - '0') * 5) / 10;
  return absl::StrCat(first9, (10 - sum % 10) % 10);
}

v1::Partner RegistryTest::ValidPartner(int n) {
  v1::Partner p;
  p.set_display_name(absl::StrCat("Partner ", n));
  p.set_legal_name(absl::StrCat("(주)파트너", n));
  p.set_business_registration_number(RegistrationNumber(n));
  p.set_category(v1::Partner::FASHION);
  p.set_tier(v1::Partner::PREMIUM);
  p.set_account_manager("kim.minsu");
  p.set_needs("More young customers");
  p.set_value_proposition("Coupons for customers in their 20s");
  return p;
}

v1::Partner RegistryTest::CreatePartner(int n) {
  grpc::ClientContext ctx;
  v1::CreatePartnerRequest req;
  *req.mutable_partner() = ValidPartner(n);
  v1::Partner resp;
  grpc::Status s = stub_->CreatePartner(&ctx, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp;
}

v1::Partner RegistryTest::MoveTo(
    const std::string& name, std::initializer_list<v1::Partner::State> states) {
  v1::Partner resp;
  for (v1::Partner::State state : states) {
    grpc::ClientContext ctx;
    v1::TransitionPartnerRequest req;
    req.set_name(name);
    req.set_state(state);
    req.set_reason(absl::StrCat("to ", v1::Partner::State_Name(state)));
    grpc::Status s = stub_->TransitionPartner(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << v1::Partner::State_Name(state) << ": "
                        << s.error_message();
  }
  return resp;
}

v1::Agreement RegistryTest::SignAgreement(const std::string& partner,
                                          int before, int after) {
  const absl::CivilDay today =
      absl::ToCivilDay(clock_.Now(), absl::FixedTimeZone(9 * 3600));
  auto date = [](absl::CivilDay d) {
    partnerhub::type::v1::Date out;
    out.set_year(static_cast<int>(d.year()));
    out.set_month(d.month());
    out.set_day(d.day());
    return out;
  };
  v1::CreateAgreementRequest req;
  req.set_parent(partner);
  v1::Agreement* a = req.mutable_agreement();
  a->set_commission_rate_bps(1200);
  a->set_partner_discount_share_bps(5000);
  a->set_settlement_cycle(v1::Agreement::MONTHLY);
  *a->mutable_start_date() = date(today - before);
  *a->mutable_end_date() = date(today + after);
  a->mutable_kpi_targets()->set_new_customers(1000);
  a->mutable_kpi_targets()->mutable_gmv()->set_currency_code("KRW");
  a->mutable_kpi_targets()->mutable_gmv()->set_amount_minor(500000000);
  v1::Agreement created;
  {
    grpc::ClientContext ctx;
    grpc::Status s = stub_->CreateAgreement(&ctx, req, &created);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }
  v1::SignAgreementRequest sign;
  sign.set_name(created.name());
  v1::Agreement signed_agreement;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->SignAgreement(&ctx, sign, &signed_agreement);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return signed_agreement;
}

int64_t RegistryTest::RowCount(const std::string& table) {
  auto rows = testing::MariaDbServer::Shared().QueryAsRoot(
      absl::StrCat("SELECT COUNT(*) FROM ", schema_, ".", table));
  EXPECT_TRUE(rows.ok()) << rows.status();
  int64_t n = -1;
  if (rows.ok() && !rows->empty()) {
    EXPECT_TRUE(absl::SimpleAtoi((*rows)[0][0], &n));
  }
  return n;
}

}  // namespace partnerhub::partner_registry
