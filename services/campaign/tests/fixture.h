// A campaign handler served in-process over a real MariaDB schema made from
// the real migrations, with fakes of partner-registry and
// customer-experience, a manual clock, and helpers that set up a running
// campaign with codes.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_TESTS_FIXTURE_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_TESTS_FIXTURE_H_

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "common/mysql/connection_pool.h"
#include "common/server/server.h"
#include "common/time/clock.h"
#include "partnerhub/campaign/v1/campaign.grpc.pb.h"
#include "partnerhub/events/v1/events.pb.h"
#include "services/campaign/src/domain/campaigns.h"
#include "services/campaign/src/domain/coupons.h"
#include "services/campaign/src/domain/directories.h"
#include "services/campaign/src/domain/issuing.h"
#include "services/campaign/src/domain/offers.h"
#include "services/campaign/src/handler/campaign_handler.h"
#include "services/campaign/src/storage/mysql_campaign_store.h"

namespace partnerhub::campaign {

namespace v1 = ::partnerhub::campaign::v1;

#define EXPECT_CODE(status, code_name)                          \
  EXPECT_EQ((status).error_code(), grpc::StatusCode::code_name) \
      << (status).error_message()

// partner-registry as the tests want it. Its errors are made as the real
// client makes them (FromDownstream). Thread-safe.
class FakePartners final : public PartnerDirectory {
 public:
  void Set(int64_t id, std::string state, std::optional<int32_t> share) {
    absl::MutexLock lock(&mu_);
    partners_[id] = {std::move(state), share};
  }
  void SetDown(bool down) {
    absl::MutexLock lock(&mu_);
    down_ = down;
  }
  // Every call is answered with this error of partner-registry (OK: as
  // set up); the client maps it with FromDownstream.
  void SetAnswer(grpc::Status answer) {
    absl::MutexLock lock(&mu_);
    answer_ = std::move(answer);
  }
  absl::StatusOr<PartnerInfo> GetPartner(int64_t id) override;
  absl::StatusOr<int32_t> DiscountShareInForce(int64_t id) override;

 private:
  struct Entry {
    std::string state;
    std::optional<int32_t> share;
  };
  // The error of a call, as the real client would give it, or OK.
  absl::Status Failure() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  absl::Mutex mu_;
  std::map<int64_t, Entry> partners_ ABSL_GUARDED_BY(mu_);
  bool down_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Status answer_ ABSL_GUARDED_BY(mu_);
};

// customer-experience's segments as the tests want them. Thread-safe.
class FakeSegments final : public SegmentDirectory {
 public:
  void Set(const std::string& segment, std::vector<std::string> members) {
    absl::MutexLock lock(&mu_);
    segments_[segment] = std::move(members);
  }
  void SetDown(bool down) {
    absl::MutexLock lock(&mu_);
    down_ = down;
  }
  int snapshots_taken() {
    absl::MutexLock lock(&mu_);
    return static_cast<int>(snapshots_.size());
  }
  absl::StatusOr<SegmentSnapshot> CreateSnapshot(
      const std::string& segment, const std::string& request_id) override;
  absl::StatusOr<MemberPage> ListMembers(
      const std::string& snapshot, int page_size,
      const std::string& page_token) override;

 private:
  absl::Mutex mu_;
  std::map<std::string, std::vector<std::string>> segments_
      ABSL_GUARDED_BY(mu_);
  // Snapshot name → members at the time.
  std::map<std::string, std::vector<std::string>> snapshots_
      ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string> by_request_ ABSL_GUARDED_BY(mu_);
  bool down_ ABSL_GUARDED_BY(mu_) = false;
};

class CampaignTest : public ::testing::Test {
 protected:
  static constexpr int64_t kPartner = 3;
  static constexpr int64_t kOtherPartner = 4;

  // 2026-11-24 10:00 UTC.
  static absl::Time Start();

  void SetUp() override;
  void TearDown() override;

  // A new stub on its own channel (for concurrency tests).
  std::unique_ptr<v1::CampaignService::Stub> NewStub();

  // A valid campaign of kPartner from Start() + 1h for 10 days.
  static v1::Campaign ValidCampaign(int64_t budget_minor = 1'000'000);
  // A 10%-off offer (no cap, no limit).
  static v1::Offer ValidOffer();

  v1::Campaign CreateCampaign(const v1::Campaign& campaign);
  v1::Offer CreateOffer(const std::string& campaign, const v1::Offer& offer);
  v1::Campaign Transition(const std::string& campaign, v1::Campaign::State to);
  // Schedules and starts `campaign`: the clock moves into its window.
  v1::Campaign StartCampaign(const std::string& campaign);
  // A RUNNING campaign with one offer; returns the offer.
  v1::Offer RunningOffer(const v1::Offer& offer,
                         int64_t budget_minor = 1'000'000);
  // Issues `count` bulk codes for `offer` (running the job here) and
  // returns them.
  std::vector<std::string> IssueCodes(const std::string& offer, int count);
  // Runs the issuance jobs until none is left.
  void RunJobs();

  // A use of `code` at kPartner.
  static v1::CouponUse Use(const std::string& code,
                           int64_t amount_minor = 20000,
                           const std::string& customer = "customers/c1");
  grpc::Status Redeem(v1::CampaignService::Stub& stub, const v1::CouponUse& use,
                      const std::string& request_id, v1::Redemption* out);

  v1::Campaign GetCampaign(const std::string& name);
  v1::Offer GetOffer(const std::string& name);

  // One value of a query on this test's schema, e.g. "SELECT COUNT(*) FROM x".
  int64_t QueryInt(const std::string& sql);

  // Every event of the "campaign" feed after position `after`, checking
  // (EXPECT) that positions are consecutive and the feed named.
  std::vector<events::v1::Event> FeedEvents(int64_t after = 0);
  // The feed's events of one kind (Event::kRedemptionChanged, ...).
  std::vector<events::v1::Event> FeedEventsOf(
      events::v1::Event::PayloadCase kind);

  std::string schema_;
  mysql::ConnectionOptions db_options_;
  ManualClock clock_{Start()};
  FakePartners partner_directory_;
  FakeSegments segment_directory_;
  std::unique_ptr<mysql::ConnectionPool> pool_;
  std::unique_ptr<MySqlCampaignStore> store_;
  std::unique_ptr<Campaigns> campaigns_;
  std::unique_ptr<Offers> offers_;
  std::unique_ptr<Issuing> issuing_;
  std::unique_ptr<Coupons> coupons_;
  std::unique_ptr<CampaignHandler> handler_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::CampaignService::Stub> stub_;
};

// Calls `method` on `stub` with a fresh context.
template <typename Stub, typename Req, typename Resp>
grpc::Status Call(Stub& stub,
                  grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&,
                                               Resp*),
                  const Req& req, Resp* resp) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return (stub.*method)(&ctx, req, resp);
}

using Stub = v1::CampaignService::Stub;

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_TESTS_FIXTURE_H_
