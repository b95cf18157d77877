// The real binaries as separate processes (e2e_fixture.h): with
// partner-registry down or unreachable the campaign answers UNAVAILABLE
// within its downstream deadline, never hangs, keeps redeeming and
// recovers; a missing address fails fast naming its flag.
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

TEST_F(CampaignProcessTest,
       PartnerRegistryDownIsUnavailableQuicklyAndRecovers) {
  auto registry = ServeRegistry();
  ASSERT_NE(registry, nullptr);
  const int port = registry->port();
  const std::string partner = ActivePartner(registry->address());
  auto campaign = ServeCampaign(registry->address());
  ASSERT_NE(campaign, nullptr);
  auto stub = v1::CampaignService::NewStub(grpc::CreateChannel(
      campaign->address(), grpc::InsecureChannelCredentials()));
  v1::CreateCampaignRequest create;
  *create.mutable_campaign() = NewCampaign(partner);
  v1::Campaign c;
  ASSERT_TRUE(Call(*stub, &Stub::CreateCampaign, create, &c).ok());
  v1::CreateOfferRequest co;
  co.set_parent(c.name());
  co.mutable_offer()->set_display_name("1,000 won off");
  co.mutable_offer()->mutable_amount_off()->set_currency_code("KRW");
  co.mutable_offer()->mutable_amount_off()->set_amount_minor(1000);
  v1::Offer offer;
  ASSERT_TRUE(Call(*stub, &Stub::CreateOffer, co, &offer).ok());
  // Down before the campaign is SCHEDULED: its start is due at once, and
  // the background sweep would start it while partner-registry drains.
  registry->Terminate();
  v1::TransitionCampaignRequest t;
  t.set_name(c.name());
  t.set_state(v1::Campaign::SCHEDULED);
  ASSERT_TRUE(Call(*stub, &Stub::TransitionCampaign, t, &c).ok());

  // Down: UNAVAILABLE, within the 1 s downstream deadline (and far sooner:
  // the connection is refused).
  for (int i = 0; i < 3; ++i) {
    const absl::Time start = absl::Now();
    v1::Campaign out;
    grpc::Status s = Call(*stub, &Stub::CreateCampaign, create, &out);
    EXPECT_CODE(s, UNAVAILABLE);
    EXPECT_NE(s.error_message().find("partner-registry"), std::string::npos);
    EXPECT_LT(absl::Now() - start, absl::Milliseconds(1500));
  }
  t.set_state(v1::Campaign::RUNNING);
  v1::Campaign still;
  EXPECT_CODE(Call(*stub, &Stub::TransitionCampaign, t, &still), UNAVAILABLE);

  // Back on the same port: the campaign service recovers by itself (our
  // transition or the background sweep starts the campaign, whichever
  // comes first: the loser sees FAILED_PRECONDITION or ABORTED).
  registry = ServeRegistry(port);
  ASSERT_NE(registry, nullptr);
  grpc::Status s;
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  do {
    absl::SleepFor(absl::Milliseconds(100));
    s = Call(*stub, &Stub::TransitionCampaign, t, &still);
    if (s.error_code() == grpc::StatusCode::FAILED_PRECONDITION ||
        s.error_code() == grpc::StatusCode::ABORTED) {
      v1::GetCampaignRequest get;
      get.set_name(c.name());
      s = Call(*stub, &Stub::GetCampaign, get, &still);
      break;
    }
  } while (s.error_code() == grpc::StatusCode::UNAVAILABLE &&
           absl::Now() < deadline);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(still.state(), v1::Campaign::RUNNING);
  EXPECT_EQ(still.partner_discount_share_bps(), 5000);
}

TEST_F(CampaignProcessTest,
       AnUnreachablePartnerRegistryCostsTheDeadlineNotAHang) {
  // A routable address that never answers (TEST-NET-1): the call waits for
  // its deadline, then UNAVAILABLE.
  auto campaign = ServeCampaign("192.0.2.1:50051");
  ASSERT_NE(campaign, nullptr);
  auto stub = v1::CampaignService::NewStub(grpc::CreateChannel(
      campaign->address(), grpc::InsecureChannelCredentials()));
  v1::CreateCampaignRequest create;
  *create.mutable_campaign() = NewCampaign("partners/1");
  const absl::Time start = absl::Now();
  v1::Campaign out;
  grpc::Status s = Call(*stub, &Stub::CreateCampaign, create, &out);
  EXPECT_CODE(s, UNAVAILABLE);
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  // Health does not depend on other services.
  auto health = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
      campaign->address(), grpc::InsecureChannelCredentials()));
  grpc::health::v1::HealthCheckRequest hreq;
  grpc::health::v1::HealthCheckResponse hresp;
  ASSERT_TRUE(
      Call(*health, &grpc::health::v1::Health::Stub::Check, hreq, &hresp).ok());
  EXPECT_EQ(hresp.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}
TEST_F(CampaignProcessTest, MissingAddressesFailFastNamingTheFlag) {
  std::vector<std::string> args = {"serve", "--listen=127.0.0.1:0",
                                   "--customer_experience_address=127.0.0.1:1"};
  args.insert(args.end(), campaign_db_.begin(), campaign_db_.end());
  auto result = harness::RunCommand(campaign_binary_, args);
  ASSERT_TRUE(result.ok());
  EXPECT_NE(result->exit_code, 0);
  EXPECT_NE(result->output.find("partner_registry_address"), std::string::npos)
      << result->output;
}
}  // namespace
}  // namespace partnerhub::campaign
