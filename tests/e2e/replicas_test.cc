// Services keep no state outside their database: two campaign replicas on
// one schema, called through one round-robin channel, redeem exactly as one
// process would — a single-use code once, a cap never exceeded — with both
// replicas taking calls.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/e2e/suite.h"

namespace partnerhub::e2e {
namespace {

using CampaignStub = campaignv1::CampaignService::Stub;

class CampaignReplicasTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registry_.Start();
    ASSERT_EQ(registry_.replicas().size(), 1u);
    for (int i = 0; i < 2; ++i) {
      ASSERT_NE(campaign_.Start({absl::StrCat("--partner_registry_address=",
                                              registry_.Address()),
                                 "--customer_experience_address=127.0.0.1:1",
                                 "--background_interval=200ms"}),
                nullptr);
    }
    auto registry =
        prv1::PartnerRegistryService::NewStub(Channel(registry_.Address()));
    partner_ = OnboardPartner(*registry, 1).name();
    ASSERT_FALSE(partner_.empty());
    stub_ = campaignv1::CampaignService::NewStub(Channel(campaign_.Address()));
  }

  // A RUNNING campaign with one offer (redemption_cap as given) and `count`
  // bulk codes of it.
  std::vector<campaignv1::CouponCode> RunningOfferCodes(int64_t cap,
                                                        int count) {
    const campaignv1::Campaign c =
        CreateCampaign(*stub_, partner_, absl::Now() - absl::Minutes(1),
                       absl::Now() + absl::Hours(2), 100'000'000);
    campaignv1::CreateOfferRequest co;
    co.set_parent(c.name());
    co.mutable_offer()->set_display_name("1,000 won off");
    co.mutable_offer()->mutable_amount_off()->set_currency_code("KRW");
    co.mutable_offer()->mutable_amount_off()->set_amount_minor(1000);
    co.mutable_offer()->set_redemption_cap(cap);
    campaignv1::Offer offer;
    auto ctx = Context();
    EXPECT_TRUE(stub_->CreateOffer(ctx.get(), co, &offer).ok());
    Transition(*stub_, c.name(), campaignv1::Campaign::SCHEDULED);
    EXPECT_EQ(
        Transition(*stub_, c.name(), campaignv1::Campaign::RUNNING).state(),
        campaignv1::Campaign::RUNNING);
    campaignv1::CodeIssuance bulk;
    bulk.set_kind(campaignv1::CodeIssuance::BULK);
    bulk.set_count(count);
    const campaignv1::CodeIssuance job = IssueCodes(*stub_, bulk, offer.name());
    return ListCodes(*stub_, job.name());
  }

  grpc::Status Redeem(const std::string& code, int n) {
    campaignv1::RedeemCouponRequest redeem;
    campaignv1::CouponUse* use = redeem.mutable_use();
    use->set_code(code);
    use->set_customer(absl::StrCat("customers/c", n));
    use->set_partner(partner_);
    use->set_store("hongdae");
    use->set_order_id(absl::StrCat("order-", n));
    use->mutable_order_amount()->set_currency_code("KRW");
    use->mutable_order_amount()->set_amount_minor(15000);
    redeem.set_request_id(absl::StrCat("redeem-", code, "-", n));
    campaignv1::Redemption r;
    auto ctx = Context();
    return stub_->RedeemCoupon(ctx.get(), redeem, &r);
  }

  // Runs `clients` threads at once, client i calling redeem(i); returns
  // how many succeeded and checks that every failure has `refusal`.
  int RedeemConcurrently(int clients,
                         const std::function<grpc::Status(int)>& redeem,
                         grpc::StatusCode refusal) {
    std::atomic<int> ok{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
      threads.emplace_back([&, i] {
        while (!go) std::this_thread::yield();
        const grpc::Status s = redeem(i);
        if (s.ok()) {
          ++ok;
        } else {
          EXPECT_EQ(s.error_code(), refusal) << s.error_message();
        }
      });
    }
    go = true;
    for (std::thread& t : threads) t.join();
    return ok;
  }

  // How many RedeemCoupon calls each replica logged.
  std::vector<int> RedeemCallsPerReplica() {
    std::vector<int> out;
    for (const auto& replica : campaign_.replicas()) {
      const std::string log = replica->LogText();
      int n = 0;
      for (size_t at = log.find("RedeemCoupon"); at != std::string::npos;
           at = log.find("RedeemCoupon", at + 1)) {
        ++n;
      }
      out.push_back(n);
    }
    return out;
  }

  ServiceUnderTest registry_{"services/partner_registry/partner-registry",
                             "partner_registry"};
  ServiceUnderTest campaign_{"services/campaign/campaign", "campaign"};
  std::string partner_;
  std::unique_ptr<CampaignStub> stub_;
};

TEST_F(CampaignReplicasTest, OneSingleUseCodeIsRedeemedOnceAcrossReplicas) {
  const std::vector<campaignv1::CouponCode> codes = RunningOfferCodes(0, 1);
  ASSERT_EQ(codes.size(), 1u);
  const int succeeded = RedeemConcurrently(
      64, [&](int i) { return Redeem(codes[0].code(), i); },
      grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(succeeded, 1);
  const std::vector<int> calls = RedeemCallsPerReplica();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_GT(calls[0], 0) << "replica 0 took no redemption";
  EXPECT_GT(calls[1], 0) << "replica 1 took no redemption";
  EXPECT_EQ(calls[0] + calls[1], 64);
}

TEST_F(CampaignReplicasTest, ACapHoldsAcrossReplicas) {
  const std::vector<campaignv1::CouponCode> codes = RunningOfferCodes(10, 48);
  ASSERT_EQ(codes.size(), 48u);
  const int succeeded = RedeemConcurrently(
      48, [&](int i) { return Redeem(codes[i].code(), i); },
      grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(succeeded, 10);
  const std::vector<int> calls = RedeemCallsPerReplica();
  EXPECT_GT(calls[0], 0);
  EXPECT_GT(calls[1], 0);
}

}  // namespace
}  // namespace partnerhub::e2e

int main(int argc, char** argv) {
  return partnerhub::testing::RunTestsWithSharedServer(argc, argv);
}
