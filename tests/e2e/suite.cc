#include "tests/e2e/suite.h"

#include <gtest/gtest.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/grpc/downstream.h"
#include "common/grpc/proto_convert.h"

namespace partnerhub::e2e {
namespace {

partnerhub::type::v1::Date Date(absl::CivilDay d) {
  partnerhub::type::v1::Date out;
  out.set_year(static_cast<int>(d.year()));
  out.set_month(d.month());
  out.set_day(d.day());
  return out;
}

// Runs a unary call with a deadline; fails the test (with the message) and
// returns false on error.
template <typename Stub, typename Req, typename Resp>
bool Ok(Stub& stub,
        grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
        const Req& req, Resp* resp) {
  auto ctx = Context();
  const grpc::Status s = (stub.*method)(ctx.get(), req, resp);
  EXPECT_TRUE(s.ok()) << s.error_code() << ": " << s.error_message() << "\n"
                      << req.DebugString();
  return s.ok();
}

}  // namespace

ServiceUnderTest::ServiceUnderTest(std::string binary,
                                   const std::string& schema)
    : binary_(testing::BuildPath(binary)) {
  absl::StatusOr<mysql::ConnectionOptions> options =
      testing::MariaDbServer::Shared().CreateSchema(schema);
  EXPECT_TRUE(options.ok()) << options.status();
  if (!options.ok()) return;
  db_flags_ = {absl::StrCat("--db_host=", options->host),
               absl::StrCat("--db_port=", options->port),
               absl::StrCat("--db_name=", options->database),
               absl::StrCat("--db_user=", options->user),
               absl::StrCat("--db_password=", options->password),
               "--db_timeout=3s"};
  std::vector<std::string> args = {"migrate"};
  args.insert(args.end(), db_flags_.begin(), db_flags_.end());
  absl::StatusOr<testing::CommandResult> migrated =
      testing::RunCommand(binary_, args);
  EXPECT_TRUE(migrated.ok()) << migrated.status();
  if (migrated.ok()) {
    EXPECT_EQ(migrated->exit_code, 0) << binary_ << " migrate:\n"
                                      << migrated->output;
  }
}

testing::ServiceProcess* ServiceUnderTest::Start(
    std::vector<std::string> flags) {
  std::vector<std::string> args = {"serve", "--listen=127.0.0.1:0"};
  args.insert(args.end(), db_flags_.begin(), db_flags_.end());
  args.insert(args.end(), flags.begin(), flags.end());
  absl::StatusOr<std::unique_ptr<testing::ServiceProcess>> process =
      testing::ServiceProcess::Start(binary_, args);
  EXPECT_TRUE(process.ok()) << process.status();
  if (!process.ok()) return nullptr;
  replicas_.push_back(*std::move(process));
  return replicas_.back().get();
}

std::string ServiceUnderTest::Address() const {
  std::vector<std::string> addresses;
  for (const auto& replica : replicas_) {
    if (replica->Running()) addresses.push_back(replica->address());
  }
  if (addresses.size() == 1) return addresses[0];
  return absl::StrCat("ipv4:", absl::StrJoin(addresses, ","));
}

std::shared_ptr<grpc::Channel> Channel(const std::string& address) {
  return DownstreamChannel(address);
}

std::unique_ptr<grpc::ClientContext> Context(absl::Duration timeout) {
  return DeadlineContext(timeout);
}

std::string RegistrationNumber(int n) {
  const std::string first9 = absl::StrFormat("2%08d", n);
  static constexpr int kWeights[9] = {1, 3, 7, 1, 3, 7, 1, 3, 5};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (first9[i] - '0') * kWeights[i];
  sum += ((first9[8] - '0') * 5) / 10;
  return absl::StrCat(first9, (10 - sum % 10) % 10);
}

prv1::Partner OnboardPartner(prv1::PartnerRegistryService::Stub& registry,
                             int n, const prv1::KpiTargets& kpi_targets) {
  using Stub = prv1::PartnerRegistryService::Stub;
  prv1::CreatePartnerRequest create;
  prv1::Partner* p = create.mutable_partner();
  p->set_display_name(absl::StrCat("Burger Town ", n));
  p->set_legal_name(absl::StrCat("버거타운", n, "(주)"));
  p->set_business_registration_number(RegistrationNumber(n));
  p->set_category(prv1::Partner::FOOD_AND_BEVERAGE);
  p->set_tier(prv1::Partner::STANDARD);
  p->set_account_manager("park.sora");
  create.set_request_id(absl::StrCat("e2e-partner-", n));
  prv1::Partner partner;
  if (!Ok(registry, &Stub::CreatePartner, create, &partner)) return partner;
  for (auto state : {prv1::Partner::NEGOTIATING, prv1::Partner::CONTRACTED}) {
    prv1::TransitionPartnerRequest t;
    t.set_name(partner.name());
    t.set_state(state);
    t.set_reason("e2e");
    if (!Ok(registry, &Stub::TransitionPartner, t, &partner)) return partner;
  }
  const absl::CivilDay today =
      absl::ToCivilDay(absl::Now(), absl::FixedTimeZone(9 * 3600));
  prv1::CreateAgreementRequest ca;
  ca.set_parent(partner.name());
  prv1::Agreement* a = ca.mutable_agreement();
  a->set_commission_rate_bps(1200);
  a->set_partner_discount_share_bps(5000);
  a->set_settlement_cycle(prv1::Agreement::MONTHLY);
  *a->mutable_start_date() = Date(today - 30);
  *a->mutable_end_date() = Date(today + 60);
  *a->mutable_kpi_targets() = kpi_targets;
  if (!a->kpi_targets().has_gmv()) {
    a->mutable_kpi_targets()->mutable_gmv()->set_currency_code("KRW");
  }
  prv1::Agreement agreement;
  if (!Ok(registry, &Stub::CreateAgreement, ca, &agreement)) return partner;
  prv1::SignAgreementRequest sign;
  sign.set_name(agreement.name());
  if (!Ok(registry, &Stub::SignAgreement, sign, &agreement)) return partner;
  prv1::TransitionPartnerRequest t;
  t.set_name(partner.name());
  t.set_state(prv1::Partner::ACTIVE);
  t.set_reason("e2e");
  Ok(registry, &Stub::TransitionPartner, t, &partner);
  return partner;
}

campaignv1::Campaign CreateCampaign(
    campaignv1::CampaignService::Stub& campaigns, const std::string& partner,
    absl::Time start, absl::Time end, int64_t budget_krw,
    const std::string& segment, int32_t holdout_bps) {
  campaignv1::CreateCampaignRequest create;
  campaignv1::Campaign* c = create.mutable_campaign();
  c->set_partner(partner);
  c->set_display_name("Burger Town: 20% off");
  c->set_objective(campaignv1::Campaign::ACQUISITION);
  c->set_channel(campaignv1::Campaign::PARTNER_STORE);
  *c->mutable_start_time() = ToProtoTime(start);
  *c->mutable_end_time() = ToProtoTime(end);
  c->mutable_budget()->set_currency_code("KRW");
  c->mutable_budget()->set_amount_minor(budget_krw);
  c->set_segment(segment);
  c->set_holdout_bps(holdout_bps);
  campaignv1::Campaign out;
  Ok(campaigns, &campaignv1::CampaignService::Stub::CreateCampaign, create,
     &out);
  return out;
}

campaignv1::Campaign Transition(campaignv1::CampaignService::Stub& campaigns,
                                const std::string& campaign,
                                campaignv1::Campaign::State state) {
  campaignv1::TransitionCampaignRequest t;
  t.set_name(campaign);
  t.set_state(state);
  campaignv1::Campaign out;
  Ok(campaigns, &campaignv1::CampaignService::Stub::TransitionCampaign, t,
     &out);
  return out;
}

campaignv1::CodeIssuance IssueCodes(
    campaignv1::CampaignService::Stub& campaigns,
    const campaignv1::CodeIssuance& issuance, const std::string& offer) {
  using Stub = campaignv1::CampaignService::Stub;
  campaignv1::CreateCodeIssuanceRequest create;
  create.set_parent(offer);
  *create.mutable_issuance() = issuance;
  campaignv1::CodeIssuance job;
  if (!Ok(campaigns, &Stub::CreateCodeIssuance, create, &job)) return job;
  const absl::Time deadline = absl::Now() + absl::Seconds(90);
  while (job.state() == campaignv1::CodeIssuance::RUNNING &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
    campaignv1::GetCodeIssuanceRequest get;
    get.set_name(job.name());
    if (!Ok(campaigns, &Stub::GetCodeIssuance, get, &job)) return job;
  }
  EXPECT_EQ(job.state(), campaignv1::CodeIssuance::SUCCEEDED) << job.error();
  return job;
}

std::vector<campaignv1::CouponCode> ListCodes(
    campaignv1::CampaignService::Stub& campaigns, const std::string& issuance) {
  std::vector<campaignv1::CouponCode> out;
  campaignv1::ListCouponCodesRequest list;
  list.set_parent(issuance);
  list.set_page_size(10000);
  do {
    campaignv1::ListCouponCodesResponse page;
    if (!Ok(campaigns, &campaignv1::CampaignService::Stub::ListCouponCodes,
            list, &page)) {
      break;
    }
    out.insert(out.end(), page.coupon_codes().begin(),
               page.coupon_codes().end());
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  return out;
}

}  // namespace partnerhub::e2e
