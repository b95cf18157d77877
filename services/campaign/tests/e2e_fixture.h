// The fixture of the campaign end-to-end tests (e2e_*_test.cc): the real
// binaries, partner-registry and campaign, as separate processes, each with
// its own schema and database user, driven through gRPC.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_TESTS_E2E_FIXTURE_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_TESTS_E2E_FIXTURE_H_

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/grpc/proto_convert.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "partnerhub/campaign/v1/campaign.grpc.pb.h"
#include "partnerhub/customer_experience/v1/customer_experience.grpc.pb.h"
#include "partnerhub/events/v1/events.grpc.pb.h"
#include "partnerhub/partner_registry/v1/partner_registry.grpc.pb.h"
#include "tests/harness/harness.h"

namespace partnerhub::campaign {

namespace prv1 = ::partnerhub::partner_registry::v1;
namespace cxv1 = ::partnerhub::customer_experience::v1;
namespace ev = ::partnerhub::events::v1;
namespace harness = ::partnerhub::testing;

#define EXPECT_CODE(status, code_name)                          \
  EXPECT_EQ((status).error_code(), grpc::StatusCode::code_name) \
      << (status).error_message()

template <typename Stub, typename Req, typename Resp>
grpc::Status Call(Stub& stub,
                  grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&,
                                               Resp*),
                  const Req& req, Resp* resp) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return (stub.*method)(&ctx, req, resp);
}

// A registration number with a valid check digit.
inline std::string RegistrationNumber(int n) {
  const std::string first9 = absl::StrFormat("2%08d", n);
  static constexpr int kWeights[9] = {1, 3, 7, 1, 3, 7, 1, 3, 5};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (first9[i] - '0') * kWeights[i];
  sum += ((first9[8] - '0') * 5) / 10;
  return absl::StrCat(first9, (10 - sum % 10) % 10);
}

inline partnerhub::type::v1::Date Date(absl::CivilDay d) {
  partnerhub::type::v1::Date out;
  out.set_year(static_cast<int>(d.year()));
  out.set_month(d.month());
  out.set_day(d.day());
  return out;
}

class CampaignProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registry_db_ = DbFlags("partner_registry");
    campaign_db_ = DbFlags("campaign");
    registry_binary_ =
        harness::BuildPath("services/partner_registry/partner-registry");
    campaign_binary_ = harness::BuildPath("services/campaign/campaign");
    ASSERT_EQ(Run(registry_binary_, {"migrate"}, registry_db_), 0);
    ASSERT_EQ(Run(campaign_binary_, {"migrate"}, campaign_db_), 0);
  }

  static std::vector<std::string> DbFlags(const std::string& schema) {
    auto options = harness::MariaDbServer::Shared().CreateSchema(schema);
    EXPECT_TRUE(options.ok()) << options.status();
    if (!options.ok()) return {};
    return {absl::StrCat("--db_host=", options->host),
            absl::StrCat("--db_port=", options->port),
            absl::StrCat("--db_name=", options->database),
            absl::StrCat("--db_user=", options->user),
            absl::StrCat("--db_password=", options->password),
            "--db_timeout=2s"};
  }

  static int Run(const std::string& binary, std::vector<std::string> args,
                 const std::vector<std::string>& db) {
    args.insert(args.end(), db.begin(), db.end());
    auto result = harness::RunCommand(binary, args);
    EXPECT_TRUE(result.ok()) << result.status();
    if (!result.ok()) return -1;
    EXPECT_EQ(result->exit_code, 0) << result->output;
    return result->exit_code;
  }

  std::unique_ptr<harness::ServiceProcess> Serve(
      const std::string& binary, std::vector<std::string> args,
      const std::vector<std::string>& db) {
    args.insert(args.begin(), "serve");
    args.insert(args.end(), db.begin(), db.end());
    auto process = harness::ServiceProcess::Start(binary, args);
    EXPECT_TRUE(process.ok()) << process.status();
    return process.ok() ? *std::move(process) : nullptr;
  }

  std::unique_ptr<harness::ServiceProcess> ServeRegistry(int port = 0) {
    return Serve(registry_binary_, {absl::StrCat("--listen=127.0.0.1:", port)},
                 registry_db_);
  }

  std::unique_ptr<harness::ServiceProcess> ServeCampaign(
      const std::string& registry_address,
      // By default nothing listens there: customer-experience is down.
      const std::string& cx_address = "127.0.0.1:1") {
    return Serve(campaign_binary_,
                 {"--listen=127.0.0.1:0",
                  absl::StrCat("--partner_registry_address=", registry_address),
                  absl::StrCat("--customer_experience_address=", cx_address),
                  "--downstream_timeout=1s", "--background_interval=200ms"},
                 campaign_db_);
  }

  // An ACTIVE partner with a signed agreement in force (partner share
  // 5000 bps), made through partner-registry's API; returns its name.
  static std::string ActivePartner(const std::string& registry_address) {
    auto stub = prv1::PartnerRegistryService::NewStub(grpc::CreateChannel(
        registry_address, grpc::InsecureChannelCredentials()));
    prv1::CreatePartnerRequest create;
    prv1::Partner* p = create.mutable_partner();
    p->set_display_name("Burger Town");
    p->set_legal_name("버거타운(주)");
    p->set_business_registration_number(RegistrationNumber(1));
    p->set_category(prv1::Partner::FOOD_AND_BEVERAGE);
    p->set_tier(prv1::Partner::STANDARD);
    p->set_account_manager("park.sora");
    prv1::Partner partner;
    EXPECT_TRUE(Call(*stub, &prv1::PartnerRegistryService::Stub::CreatePartner,
                     create, &partner)
                    .ok());
    for (auto state : {prv1::Partner::NEGOTIATING, prv1::Partner::CONTRACTED}) {
      prv1::TransitionPartnerRequest t;
      t.set_name(partner.name());
      t.set_state(state);
      t.set_reason("e2e");
      grpc::Status s =
          Call(*stub, &prv1::PartnerRegistryService::Stub::TransitionPartner, t,
               &partner);
      EXPECT_TRUE(s.ok()) << s.error_message();
    }
    const absl::CivilDay today =
        absl::ToCivilDay(absl::Now(), absl::FixedTimeZone(9 * 3600));
    prv1::CreateAgreementRequest ca;
    ca.set_parent(partner.name());
    prv1::Agreement* a = ca.mutable_agreement();
    a->set_commission_rate_bps(1200);
    a->set_partner_discount_share_bps(5000);
    a->set_settlement_cycle(prv1::Agreement::MONTHLY);
    *a->mutable_start_date() = Date(today - 1);
    *a->mutable_end_date() = Date(today + 60);
    a->mutable_kpi_targets()->mutable_gmv()->set_currency_code("KRW");
    prv1::Agreement agreement;
    grpc::Status s =
        Call(*stub, &prv1::PartnerRegistryService::Stub::CreateAgreement, ca,
             &agreement);
    EXPECT_TRUE(s.ok()) << s.error_message();
    prv1::SignAgreementRequest sign;
    sign.set_name(agreement.name());
    s = Call(*stub, &prv1::PartnerRegistryService::Stub::SignAgreement, sign,
             &agreement);
    EXPECT_TRUE(s.ok()) << s.error_message();
    prv1::TransitionPartnerRequest t;
    t.set_name(partner.name());
    t.set_state(prv1::Partner::ACTIVE);
    t.set_reason("e2e");
    s = Call(*stub, &prv1::PartnerRegistryService::Stub::TransitionPartner, t,
             &partner);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return partner.name();
  }

  static v1::Campaign NewCampaign(const std::string& partner) {
    v1::Campaign c;
    c.set_partner(partner);
    c.set_display_name("Burger Town: 20% off");
    c.set_objective(v1::Campaign::ACQUISITION);
    c.set_channel(v1::Campaign::PARTNER_STORE);
    *c.mutable_start_time() = ToProtoTime(absl::Now() - absl::Minutes(1));
    *c.mutable_end_time() = ToProtoTime(absl::Now() + absl::Hours(24));
    c.mutable_budget()->set_currency_code("KRW");
    c.mutable_budget()->set_amount_minor(1'000'000);
    c.set_segment("segments/burger-lovers");
    return c;
  }

  std::vector<std::string> registry_db_, campaign_db_;
  std::string registry_binary_, campaign_binary_;
};

using Stub = v1::CampaignService::Stub;

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_TESTS_E2E_FIXTURE_H_
