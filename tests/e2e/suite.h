// The PartnerHub suite as separate processes for end-to-end tests: each
// service its real binary, with its own schema and database user on the
// shared test MariaDB, and the scenario steps tests drive through gRPC
// (onboard a partner, run a campaign, issue codes, ...).
#ifndef PARTNERHUB_TESTS_E2E_SUITE_H_
#define PARTNERHUB_TESTS_E2E_SUITE_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "partnerhub/campaign/v1/campaign.grpc.pb.h"
#include "partnerhub/customer_experience/v1/customer_experience.grpc.pb.h"
#include "partnerhub/partner_registry/v1/partner_registry.grpc.pb.h"
#include "tests/harness/harness.h"

namespace partnerhub::e2e {

namespace campaignv1 = ::partnerhub::campaign::v1;
namespace cxv1 = ::partnerhub::customer_experience::v1;
namespace prv1 = ::partnerhub::partner_registry::v1;

// One service of the suite: its binary, and its schema's --db_* flags.
class ServiceUnderTest {
 public:
  // `binary` relative to the build directory; `schema` is created (fresh)
  // and migrated by running `<binary> migrate`.
  ServiceUnderTest(std::string binary, const std::string& schema);

  // Starts one more replica serving on a free port; `flags` are added to
  // `serve` and the database flags. Null (with a test failure) on error.
  testing::ServiceProcess* Start(std::vector<std::string> flags = {});

  // The replicas started, in order (stopped ones stay listed).
  std::vector<std::unique_ptr<testing::ServiceProcess>>& replicas() {
    return replicas_;
  }
  // "ipv4:host:port,host:port" of every running replica, the form a
  // round-robin channel balances over (a single one is host:port).
  std::string Address() const;
  const std::vector<std::string>& db_flags() const { return db_flags_; }

 private:
  std::string binary_;
  std::vector<std::string> db_flags_;
  std::vector<std::unique_ptr<testing::ServiceProcess>> replicas_;
};

// A channel like the services' own (common/grpc/downstream.h): round_robin
// over every address, retrying UNAVAILABLE.
std::shared_ptr<grpc::Channel> Channel(const std::string& address);

// A context with a deadline `timeout` from now.
std::unique_ptr<grpc::ClientContext> Context(
    absl::Duration timeout = absl::Seconds(20));

// A business registration number with a valid check digit, unique per n.
std::string RegistrationNumber(int n);

// An ACTIVE partner with a signed agreement in force for the next 60 days
// (partner discount share 5000 bps, the given KPI targets); returns it.
// Fails the test on error.
prv1::Partner OnboardPartner(prv1::PartnerRegistryService::Stub& registry,
                             int n, const prv1::KpiTargets& kpi_targets = {});

// A DRAFT campaign of `partner` over [start, end), budget in KRW.
campaignv1::Campaign CreateCampaign(
    campaignv1::CampaignService::Stub& campaigns, const std::string& partner,
    absl::Time start, absl::Time end, int64_t budget_krw,
    const std::string& segment = "", int32_t holdout_bps = 0);

// Moves a campaign to `state` (e.g. SCHEDULED, then RUNNING).
campaignv1::Campaign Transition(campaignv1::CampaignService::Stub& campaigns,
                                const std::string& campaign,
                                campaignv1::Campaign::State state);

// Creates a bulk or segment issuance and waits until it SUCCEEDED.
campaignv1::CodeIssuance IssueCodes(
    campaignv1::CampaignService::Stub& campaigns,
    const campaignv1::CodeIssuance& issuance, const std::string& offer);

// Every code of an issuance.
std::vector<campaignv1::CouponCode> ListCodes(
    campaignv1::CampaignService::Stub& campaigns, const std::string& issuance);

}  // namespace partnerhub::e2e

#endif  // PARTNERHUB_TESTS_E2E_SUITE_H_
