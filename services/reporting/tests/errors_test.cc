// One file (~480 lines): one table of the failures of reporting's seven RPCs,
// which share one fed server; the table is most of it.
// Reporting's errors as a client sees them (AIP-193): through the gRPC stub
// of a real server over a real MariaDB, whose read models are fed by real
// EventFeed services (tests/fixture.h). For each representative failure of
// every RPC: the code, ErrorInfo's reason and domain, the BadRequest's field
// paths (every bad field at once), the ResourceInfo, the
// PreconditionFailure's subject and whether a RetryInfo says that waiting
// helps. A refused request changes no row.
#include "services/reporting/src/domain/errors.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/grpc/downstream.h"
#include "common/grpc/proto_convert.h"
#include "common/server/server.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "partnerhub/reporting/v1/reporting.grpc.pb.h"
#include "services/reporting/src/clients/feed_follower.h"
#include "services/reporting/src/domain/feed_applier.h"
#include "services/reporting/src/domain/reports.h"
#include "services/reporting/src/handler/reporting_handler.h"
#include "services/reporting/src/storage/mysql_feed_lease.h"
#include "services/reporting/src/storage/mysql_read_model_store.h"
#include "services/reporting/src/storage/sql.h"
#include "services/reporting/tests/fixture.h"
#include "tests/harness/grpc_errors.h"
#include "tests/harness/harness.h"

namespace partnerhub::reporting {
namespace {

using ::partnerhub::testing::ErrorMatches;
using ::partnerhub::testing::ErrorOf;
using ::partnerhub::testing::ExpectedError;
using ::testing::HasSubstr;
using namespace ::partnerhub::reporting::testing;  // NOLINT

TEST(ErrorReasonTest, EnumListsEveryReason) {
  ::partnerhub::testing::ExpectReasonEnumMatches(
      *v1::ErrorReason_descriptor(),
      {std::begin(reason::kServiceReasons), std::end(reason::kServiceReasons)});
}

type::v1::Date Date(int y, int m, int d) {
  type::v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

// A reporting server on a fresh schema: store, domain, handler, a gRPC
// server on port 0 and a stub to it; followers of the feeds when asked.
class Service {
 public:
  explicit Service(const std::string& schema) {
    absl::StatusOr<mysql::ConnectionOptions> options = ReportingSchema(schema);
    EXPECT_TRUE(options.ok()) << options.status();
    if (!options.ok()) return;
    options_ = *options;
    absl::StatusOr<std::unique_ptr<mysql::ConnectionPool>> pool =
        mysql::ConnectionPool::Create(options_, {});
    EXPECT_TRUE(pool.ok()) << pool.status();
    if (!pool.ok()) return;
    pool_ = *std::move(pool);
    store_ = std::make_unique<MySqlReadModelStore>(*pool_);
    applier_ = std::make_unique<FeedApplier>(*store_);
    reports_ = std::make_unique<Reports>(*store_, clock_, [this] {
      std::vector<LocalFeedState> out(std::size(kFeeds));
      for (const auto& f : followers_) {
        for (size_t i = 0; i < std::size(kFeeds); ++i) {
          if (f->feed() == kFeeds[i]) out[i] = f->state();
        }
      }
      return out;
    });
    handler_ = std::make_unique<ReportingHandler>(*reports_);
    ServerOptions server_options;
    server_options.name = "reporting";
    server_options.listen_address = "127.0.0.1:0";
    server_options.log_requests = false;
    absl::StatusOr<std::unique_ptr<Server>> server =
        Server::Start(server_options, {handler_.get()});
    EXPECT_TRUE(server.ok()) << server.status();
    if (!server.ok()) return;
    server_ = *std::move(server);
    stub_ = v1::ReportingService::NewStub(grpc::CreateChannel(
        server_->address(), grpc::InsecureChannelCredentials()));
  }
  ~Service() {
    for (auto& f : followers_) f->Stop();
    if (server_ != nullptr) server_->Shutdown();
  }

  bool ok() const { return stub_ != nullptr; }
  v1::ReportingService::Stub& stub() { return *stub_; }
  MySqlReadModelStore& store() { return *store_; }
  FeedApplier& applier() { return *applier_; }

  void Follow(const Producers& producers, int feed) {
    FollowerOptions fo;
    fo.lease_interval = absl::Milliseconds(100);
    fo.max_backoff = absl::Milliseconds(200);
    followers_.push_back(std::make_unique<FeedFollower>(
        kFeeds[feed], DownstreamChannel(producers.address(feed)), *applier_,
        std::make_unique<MySqlFeedLease>(options_, kFeeds[feed]), fo));
    followers_.back()->Start();
  }

  // Polls until `feeds` are applied up to the producers' heads.
  ::testing::AssertionResult WaitCaughtUp(const Producers& producers,
                                          const std::vector<int>& feeds) {
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    while (absl::Now() < deadline) {
      absl::StatusOr<std::vector<StoredPosition>> positions =
          store_->Positions();
      if (positions.ok()) {
        bool done = true;
        for (int f : feeds) {
          for (const StoredPosition& p : *positions) {
            if (p.feed == kFeeds[f] && p.position != producers.head(f)) {
              done = false;
            }
          }
        }
        if (done) return ::testing::AssertionSuccess();
      }
      absl::SleepFor(absl::Milliseconds(20));
    }
    return ::testing::AssertionFailure() << "feeds not caught up in 60 s";
  }

  // Rows in all the read models and the feed positions: what a refused
  // request must leave as it was.
  std::string Rows() {
    std::string out;
    std::vector<std::string> tables(std::begin(kReadModelTables),
                                    std::end(kReadModelTables));
    tables.push_back("feed_positions");
    for (const std::string& table : tables) {
      absl::StatusOr<std::vector<std::vector<std::string>>> rows =
          ::partnerhub::testing::Query(
              options_,
              absl::StrCat("SELECT COUNT(*), COALESCE(SUM(",
                           table == "feed_positions" ? "position" : "0",
                           "), 0) FROM ", table));
      EXPECT_TRUE(rows.ok()) << table << ": " << rows.status();
      if (!rows.ok() || rows->empty()) continue;
      absl::StrAppend(&out, table, "=", (*rows)[0][0], "/", (*rows)[0][1], " ");
    }
    return out;
  }

 private:
  mysql::ConnectionOptions options_;
  std::unique_ptr<mysql::ConnectionPool> pool_;
  std::unique_ptr<MySqlReadModelStore> store_;
  std::unique_ptr<FeedApplier> applier_;
  SystemClock clock_;
  std::unique_ptr<Reports> reports_;
  std::unique_ptr<ReportingHandler> handler_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::ReportingService::Stub> stub_;
  std::vector<std::unique_ptr<FeedFollower>> followers_;
};

// One representative failure and what its error must carry.
struct Case {
  std::string name;
  std::function<grpc::Status(v1::ReportingService::Stub&)> call;
  // What the client must see; an empty domain is reporting's own.
  ExpectedError expect;
  std::string message = {};  // a part of the message
};

template <typename Request, typename Response>
std::function<grpc::Status(v1::ReportingService::Stub&)> Rpc(
    grpc::Status (v1::ReportingService::Stub::*method)(grpc::ClientContext*,
                                                       const Request&,
                                                       Response*),
    Request request) {
  return [method, request](v1::ReportingService::Stub& stub) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(30));
    Response response;
    return (stub.*method)(&context, request, &response);
  };
}

void ExpectError(const Case& c, const grpc::Status& got) {
  SCOPED_TRACE(c.name);
  ExpectedError expected = c.expect;
  if (expected.domain.empty()) {
    expected.domain = std::string(ReportingHandler::kErrorDomain);
  }
  EXPECT_TRUE(ErrorMatches(got, expected));
  EXPECT_NE(
      v1::ErrorReason_descriptor()->FindValueByName(ReasonOf(ErrorOf(got))),
      nullptr);
  if (!c.message.empty()) {
    EXPECT_THAT(got.error_message(), HasSubstr(c.message));
  }
}

class ErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Producers>> p =
        Producers::Start(absl::StrCat("re_", TestName()));
    ASSERT_TRUE(p.ok()) << p.status();
    producers_ = *std::move(p);
  }
  void TearDown() override {
    if (producers_ != nullptr) producers_->Stop();
  }

  std::unique_ptr<Producers> producers_;
};

// Partners 1 to 5 (partner 1 with a SIGNED agreement, partner 2 with a
// draft only), campaigns 1 (targets a snapshot), 2, 3 (no snapshot) and 4
// (a snapshot but no window), applied from the partner-registry and
// campaign feeds; the customer-experience feed (snapshot members) is not
// followed, so no lift is set up.
TEST_F(ErrorsTest, EveryFailureCarriesItsDetails) {
  const Dataset d = Generate(30, 40);
  ASSERT_TRUE(producers_->AppendAll(kRegistry, d.events[kRegistry]).ok());
  std::vector<events::v1::Event> campaigns = d.events[kCampaignFeed];
  {
    events::v1::Event e;
    *e.mutable_event_time() = ToProtoTime(absl::Now());
    auto* c = e.mutable_campaign_changed();
    c->set_change(events::v1::CampaignChanged::CREATED);
    c->mutable_campaign()->set_name("campaigns/4");
    c->mutable_campaign()->set_partner("partners/4");
    c->mutable_campaign()->set_segment_snapshot("segments/4/snapshots/4");
    campaigns.push_back(e);
  }
  ASSERT_TRUE(producers_->AppendAll(kCampaignFeed, campaigns).ok());
  Service service(absl::StrCat("re_", TestName()));
  ASSERT_TRUE(service.ok());
  service.Follow(*producers_, kRegistry);
  service.Follow(*producers_, kCampaignFeed);
  ASSERT_TRUE(service.WaitCaughtUp(*producers_, {kRegistry, kCampaignFeed}));
  const std::string rows_before = service.Rows();

  using Stub = v1::ReportingService::Stub;
  using grpc::StatusCode;
  constexpr absl::string_view kInvalid = ::partnerhub::reason::kInvalidField;
  std::vector<Case> cases;
  // ---- GetCampaignPerformance ----
  {
    v1::GetCampaignPerformanceRequest r;
    cases.push_back({.name = "performance: no campaign",
                     .call = Rpc(&Stub::GetCampaignPerformance, r),
                     .expect = {.code = StatusCode::INVALID_ARGUMENT,
                                .reason = kInvalid,
                                .fields = {"campaign"}}});
    r.set_campaign("bogus");
    *r.mutable_start_date() = Date(2026, 2, 30);
    cases.push_back(
        {.name = "performance: every bad field at once",
         .call = Rpc(&Stub::GetCampaignPerformance, r),
         .expect = {.code = StatusCode::INVALID_ARGUMENT,
                    .reason = kInvalid,
                    .fields = {"campaign", "start_date", "end_date"}},
         .message = "end_date is required"});
    r.set_campaign("campaigns/1");
    *r.mutable_start_date() = Date(2025, 1, 1);
    *r.mutable_end_date() = Date(2026, 1, 2);  // 367 days
    cases.push_back({.name = "performance: period too long",
                     .call = Rpc(&Stub::GetCampaignPerformance, r),
                     .expect = {.code = StatusCode::INVALID_ARGUMENT,
                                .reason = kInvalid,
                                .fields = {"end_date"}}});
    r.clear_start_date();
    r.clear_end_date();
    r.set_campaign("campaigns/404");
    cases.push_back({.name = "performance: unknown campaign",
                     .call = Rpc(&Stub::GetCampaignPerformance, r),
                     .expect = {.code = StatusCode::NOT_FOUND,
                                .reason = reason::kCampaignNotFound,
                                .resource = "campaigns/404"},
                     .message = "campaigns/404 is not known to reporting"});
  }
  // ---- GetPromotionLift ----
  {
    v1::GetPromotionLiftRequest r;
    cases.push_back({.name = "lift: no campaign",
                     .call = Rpc(&Stub::GetPromotionLift, r),
                     .expect = {.code = StatusCode::INVALID_ARGUMENT,
                                .reason = kInvalid,
                                .fields = {"campaign"}}});
    r.set_campaign("campaigns/404");
    cases.push_back({.name = "lift: unknown campaign",
                     .call = Rpc(&Stub::GetPromotionLift, r),
                     .expect = {.code = StatusCode::NOT_FOUND,
                                .reason = reason::kCampaignNotFound,
                                .resource = "campaigns/404"}});
    r.set_campaign("campaigns/3");
    cases.push_back({.name = "lift: no target snapshot",
                     .call = Rpc(&Stub::GetPromotionLift, r),
                     .expect = {.code = StatusCode::FAILED_PRECONDITION,
                                .reason = reason::kNoTargetSnapshot,
                                .subject = "campaigns/3"}});
    r.set_campaign("campaigns/4");
    cases.push_back({.name = "lift: no window",
                     .call = Rpc(&Stub::GetPromotionLift, r),
                     .expect = {.code = StatusCode::FAILED_PRECONDITION,
                                .reason = reason::kNoCampaignWindow,
                                .subject = "campaigns/4"}});
    r.set_campaign("campaigns/1");
    cases.push_back({.name = "lift: snapshot members not received yet",
                     .call = Rpc(&Stub::GetPromotionLift, r),
                     .expect = {.code = StatusCode::FAILED_PRECONDITION,
                                .reason = reason::kSnapshotNotReceived,
                                .subject = "segments/1/snapshots/1",
                                .retry = true},
                     .message = "have not all been received yet"});
  }
  // ---- GetPurchasePatterns ----
  {
    v1::GetPurchasePatternsRequest r;
    *r.mutable_start_date() = Date(2026, 13, 1);
    r.set_age_band(static_cast<v1::AgeBand>(42));
    r.set_gender(static_cast<v1::Gender>(-1));
    r.set_region("*");
    cases.push_back({.name = "patterns: every bad field at once",
                     .call = Rpc(&Stub::GetPurchasePatterns, r),
                     .expect = {.code = StatusCode::INVALID_ARGUMENT,
                                .reason = kInvalid,
                                .fields = {"start_date", "end_date", "top_n",
                                           "region", "age_band", "gender"}},
                     .message = "age_band 42 is not a known value"});
    *r.mutable_start_date() = Date(2026, 3, 1);
    *r.mutable_end_date() = Date(2026, 2, 1);
    r.set_age_band(v1::AGE_BAND_UNKNOWN);
    r.set_gender(v1::GENDER_UNKNOWN);
    r.set_region("KR-11");
    r.set_top_n(10);
    cases.push_back({.name = "patterns: end before start",
                     .call = Rpc(&Stub::GetPurchasePatterns, r),
                     .expect = {.code = StatusCode::INVALID_ARGUMENT,
                                .reason = kInvalid,
                                .fields = {"end_date"}},
                     .message = "end_date is before start_date"});
  }
  // ---- GetFunnel ----
  {
    v1::GetFunnelRequest r;
    *r.mutable_start_date() = Date(2026, 3, 1);
    *r.mutable_end_date() = Date(2026, 3, 31);
    cases.push_back({.name = "funnel: neither partner nor campaign",
                     .call = Rpc(&Stub::GetFunnel, r),
                     .expect = {.code = StatusCode::INVALID_ARGUMENT,
                                .reason = kInvalid,
                                .fields = {"partner"}},
                     .message = "partner or campaign is required"});
    r.set_partner("partner/1");
    r.set_campaign("campaigns/");
    r.clear_start_date();
    r.clear_end_date();
    cases.push_back({.name = "funnel: every bad field at once",
                     .call = Rpc(&Stub::GetFunnel, r),
                     .expect = {.code = StatusCode::INVALID_ARGUMENT,
                                .reason = kInvalid,
                                .fields = {"partner", "campaign", "start_date",
                                           "end_date"}}});
  }
  // ---- GetPartnerScorecard ----
  {
    v1::GetPartnerScorecardRequest r;
    *r.mutable_end_date() = Date(2026, 3, 31);
    cases.push_back({.name = "scorecard: no partner, half a period",
                     .call = Rpc(&Stub::GetPartnerScorecard, r),
                     .expect = {.code = StatusCode::INVALID_ARGUMENT,
                                .reason = kInvalid,
                                .fields = {"partner", "start_date"}}});
    r.set_partner("partners/404");
    *r.mutable_start_date() = Date(2026, 3, 1);
    cases.push_back({.name = "scorecard: unknown partner",
                     .call = Rpc(&Stub::GetPartnerScorecard, r),
                     .expect = {.code = StatusCode::NOT_FOUND,
                                .reason = reason::kPartnerNotFound,
                                .resource = "partners/404"}});
    r.set_partner("partners/2");
    r.clear_start_date();
    r.clear_end_date();
    cases.push_back({.name = "scorecard: no agreement in force, no period",
                     .call = Rpc(&Stub::GetPartnerScorecard, r),
                     .expect = {.code = StatusCode::FAILED_PRECONDITION,
                                .reason = reason::kNoAgreementInForce,
                                .subject = "partners/2"},
                     .message = "give start_date and end_date"});
  }
  // ---- RebuildReadModels ----
  {
    v1::RebuildReadModelsRequest r;
    cases.push_back({.name = "rebuild: not confirmed",
                     .call = Rpc(&Stub::RebuildReadModels, r),
                     .expect = {.code = StatusCode::INVALID_ARGUMENT,
                                .reason = kInvalid,
                                .fields = {"confirm"}},
                     .message = "confirm must be true"});
  }

  for (const Case& c : cases) ExpectError(c, c.call(service.stub()));

  // Nothing was written by any of them (the refused rebuild included), and
  // GetFeedStatus, which cannot fail but for the database, answers.
  EXPECT_EQ(service.Rows(), rows_before);
  grpc::ClientContext context;
  v1::FeedStatusList feeds;
  EXPECT_TRUE(service.stub().GetFeedStatus(&context, {}, &feeds).ok());
}

// NOT_FOUND carries a RetryInfo exactly while the feed that would bring the
// resource is behind its producer's head: the partner may exist, and not
// be applied yet.
TEST_F(ErrorsTest, NotFoundIsRetryableWhileItsFeedIsBehind) {
  const Dataset d = Generate(10, 10);
  std::vector<events::v1::Event> events = d.events[kRegistry];
  ASSERT_GE(events.size(), 2u);
  for (size_t i = 0; i < events.size(); ++i) {
    events[i].set_position(static_cast<int64_t>(i) + 1);
    events[i].set_feed(kFeeds[kRegistry]);
  }
  const int64_t head = static_cast<int64_t>(events.size());
  Service service(absl::StrCat("re_", TestName()));
  ASSERT_TRUE(service.ok());
  // The first event applied, the producer's head known to be further.
  ASSERT_TRUE(
      ApplyEvents(service.applier(), kFeeds[kRegistry], {events.front()}, head)
          .ok());

  v1::GetPartnerScorecardRequest scorecard;
  scorecard.set_partner("partners/404");
  *scorecard.mutable_start_date() = Date(2026, 3, 1);
  *scorecard.mutable_end_date() = Date(2026, 3, 31);
  v1::GetCampaignPerformanceRequest performance;
  performance.set_campaign("campaigns/404");
  using Stub = v1::ReportingService::Stub;
  ExpectError({.name = "partner feed behind",
               .expect = {.code = grpc::StatusCode::NOT_FOUND,
                          .reason = reason::kPartnerNotFound,
                          .resource = "partners/404",
                          .retry = true}},
              Rpc(&Stub::GetPartnerScorecard, scorecard)(service.stub()));
  // The campaign feed is not behind (nothing heard of it).
  ExpectError({.name = "campaign feed not behind",
               .expect = {.code = grpc::StatusCode::NOT_FOUND,
                          .reason = reason::kCampaignNotFound,
                          .resource = "campaigns/404"}},
              Rpc(&Stub::GetCampaignPerformance, performance)(service.stub()));

  // Caught up: the partner really is unknown.
  ASSERT_TRUE(ApplyEvents(service.applier(), kFeeds[kRegistry],
                          {events.begin() + 1, events.end()}, head)
                  .ok());
  ExpectError({.name = "partner feed caught up",
               .expect = {.code = grpc::StatusCode::NOT_FOUND,
                          .reason = reason::kPartnerNotFound,
                          .resource = "partners/404"}},
              Rpc(&Stub::GetPartnerScorecard, scorecard)(service.stub()));
}

}  // namespace
}  // namespace partnerhub::reporting

int main(int argc, char** argv) {
  return partnerhub::testing::RunTestsWithSharedServer(argc, argv);
}
