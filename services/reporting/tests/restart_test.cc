// The reporting binary as separate processes against feeds served by
// EventFeed services in this test process: killed with SIGKILL mid-stream
// and restarted, with a second replica standing by and taking over; the
// totals must equal the reference (nothing lost, nothing counted twice).
#include <grpcpp/create_channel.h>

#include <atomic>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/grpc/proto_convert.h"
#include "gtest/gtest.h"
#include "partnerhub/reporting/v1/reporting.grpc.pb.h"
#include "services/reporting/src/domain/rules.h"
#include "services/reporting/tests/fixture.h"
#include "tests/harness/harness.h"

namespace partnerhub::reporting {
namespace {

namespace harness = ::partnerhub::testing;
using namespace ::partnerhub::reporting::testing;  // NOLINT

class ReportingProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Producers>> p = Producers::Start("rp_e2e");
    ASSERT_TRUE(p.ok()) << p.status();
    producers_ = *std::move(p);
    auto options =
        harness::MariaDbServer::Shared().CreateSchema("reporting_e2e");
    ASSERT_TRUE(options.ok()) << options.status();
    flags_ = {absl::StrCat("--db_host=", options->host),
              absl::StrCat("--db_port=", options->port),
              absl::StrCat("--db_name=", options->database),
              absl::StrCat("--db_user=", options->user),
              absl::StrCat("--db_password=", options->password),
              "--db_timeout=2s",
              "--log_requests=false"};
    binary_ = harness::BuildPath("services/reporting/reporting");
    std::vector<std::string> args = {"migrate"};
    args.insert(args.end(), flags_.begin(), flags_.end());
    auto migrated = harness::RunCommand(binary_, args);
    ASSERT_TRUE(migrated.ok()) << migrated.status();
    ASSERT_EQ(migrated->exit_code, 0) << migrated->output;
  }

  std::unique_ptr<harness::ServiceProcess> Serve() {
    std::vector<std::string> args = {
        "serve",
        "--listen=127.0.0.1:0",
        "--feed_batch=150",
        "--lease_interval=200ms",
        absl::StrCat("--partner_registry_address=", producers_->address(0)),
        absl::StrCat("--campaign_address=", producers_->address(1)),
        absl::StrCat("--customer_experience_address=", producers_->address(2))};
    args.insert(args.end(), flags_.begin(), flags_.end());
    auto process = harness::ServiceProcess::Start(binary_, args);
    EXPECT_TRUE(process.ok()) << process.status();
    return process.ok() ? *std::move(process) : nullptr;
  }

  static std::unique_ptr<v1::ReportingService::Stub> Stub(
      const std::string& address) {
    return v1::ReportingService::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  }

  static absl::StatusOr<v1::FeedStatusList> Status(
      v1::ReportingService::Stub& stub) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(5));
    v1::FeedStatusList out;
    grpc::Status s = stub.GetFeedStatus(&context, {}, &out);
    if (!s.ok()) return absl::UnavailableError(s.error_message());
    return out;
  }

  bool CaughtUp(v1::ReportingService::Stub& stub) {
    absl::StatusOr<v1::FeedStatusList> s = Status(stub);
    if (!s.ok() || s->feeds_size() != 3) return false;
    for (int f = 0; f < 3; ++f) {
      if (s->feeds(f).position() != producers_->head(f)) return false;
    }
    return true;
  }

  std::unique_ptr<Producers> producers_;
  std::vector<std::string> flags_;
  std::string binary_;
};

TEST_F(ReportingProcessTest, KilledMidStreamLosesAndDoublesNothing) {
  const Dataset d = Generate(300, 6000);
  // A third of every feed before the replicas start.
  std::array<size_t, 3> appended{};
  for (int f = 0; f < 3; ++f) {
    appended[f] = d.events[f].size() / 3;
    std::vector<events::v1::Event> part(d.events[f].begin(),
                                        d.events[f].begin() + appended[f]);
    ASSERT_TRUE(producers_->AppendAll(f, part, 20).ok());
  }
  auto a = Serve();
  ASSERT_NE(a, nullptr);
  auto b = Serve();
  ASSERT_NE(b, nullptr);

  // The rest arrives while the replicas apply.
  std::atomic<bool> writer_ok{true};
  std::thread writer([&] {
    for (int f = 0; f < 3; ++f) {
      std::vector<events::v1::Event> rest(d.events[f].begin() + appended[f],
                                          d.events[f].end());
      for (size_t i = 0; i < rest.size(); i += 40) {
        std::vector<events::v1::Event> chunk(
            rest.begin() + i, rest.begin() + std::min(rest.size(), i + 40));
        if (!producers_->Append(f, chunk).ok()) writer_ok = false;
        absl::SleepFor(absl::Milliseconds(8));
      }
    }
  });

  // Kill -9 whichever replica applies customer-experience, as soon as it
  // has applied some of it; the other takes over; restart the killed one.
  auto stub_a = Stub(a->address());
  auto stub_b = Stub(b->address());
  int kills = 0;
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (kills < 2 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(300));
    for (const auto& [process, stub] :
         {std::pair{&a, &stub_a}, std::pair{&b, &stub_b}}) {
      absl::StatusOr<v1::FeedStatusList> s = Status(**stub);
      if (!s.ok() || s->feeds_size() != 3 || !s->feeds(2).active() ||
          s->feeds(2).position() == 0 ||
          s->feeds(2).position() >= producers_->head(kCx)) {
        continue;
      }
      // Mid-stream: applied some, more to come.
      std::cerr << "kill -9 at customer-experience position "
                << s->feeds(2).position() << " of " << producers_->head(kCx)
                << "\n";
      (*process)->Kill();
      ++kills;
      *process = Serve();
      ASSERT_NE(*process, nullptr);
      *stub = Stub((*process)->address());
      break;
    }
  }
  writer.join();
  ASSERT_TRUE(writer_ok);
  EXPECT_EQ(kills, 2);

  const absl::Time caught_deadline = absl::Now() + absl::Seconds(90);
  while (!CaughtUp(*stub_a) && absl::Now() < caught_deadline) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  ASSERT_TRUE(CaughtUp(*stub_a));

  // Feed status: one replica active per feed, no lag.
  absl::StatusOr<v1::FeedStatusList> sa = Status(*stub_a);
  absl::StatusOr<v1::FeedStatusList> sb = Status(*stub_b);
  ASSERT_TRUE(sa.ok() && sb.ok());
  for (int f = 0; f < 3; ++f) {
    EXPECT_EQ(sa->feeds(f).lag(), 0);
    EXPECT_EQ(sa->feeds(f).feed(), kFeeds[f]);
    EXPECT_NE(sa->feeds(f).active(), sb->feeds(f).active()) << kFeeds[f];
  }

  // Totals against the reference, through the API.
  for (const char* campaign : {"campaigns/1", "campaigns/2"}) {
    SCOPED_TRACE(campaign);
    grpc::ClientContext context;
    v1::GetPromotionLiftRequest req;
    req.set_campaign(campaign);
    v1::PromotionLift lift;
    ASSERT_TRUE(stub_a->GetPromotionLift(&context, req, &lift).ok());
    const LiftData want = ReferenceLift(d, campaign);
    EXPECT_EQ(lift.treated().customers(), want.treated_customers);
    for (int p = 0; p < 3; ++p) {
      EXPECT_EQ(lift.treated().periods(p).orders(), want.figures[0][p].orders);
      EXPECT_EQ(lift.treated().periods(p).buyers(), want.figures[0][p].buyers);
      EXPECT_EQ(lift.treated().periods(p).sales().amount_minor(),
                want.figures[0][p].sales);
      EXPECT_EQ(lift.control().periods(p).orders(), want.figures[1][p].orders);
      EXPECT_EQ(lift.control().periods(p).sales().amount_minor(),
                want.figures[1][p].sales);
    }
  }
  const Period whole{KstDayOf(d.first_day_start),
                     KstDayOf(d.first_day_start + absl::Hours(24 * 34))};
  {
    grpc::ClientContext context;
    v1::GetPurchasePatternsRequest req;
    *req.mutable_start_date() = ToProtoDate(whole.start);
    *req.mutable_end_date() = ToProtoDate(whole.end);
    req.set_top_n(100);
    v1::PurchasePatterns patterns;
    ASSERT_TRUE(stub_a->GetPurchasePatterns(&context, req, &patterns).ok());
    const PatternTotals want = ReferencePatterns(d, whole, {});
    int64_t lines = 0, amount = 0;
    for (const auto& [k, v] : want.by_category) {
      lines += v[0];
      amount += v[2];
    }
    EXPECT_EQ(patterns.total_lines(), lines);
    EXPECT_EQ(patterns.total_amount().amount_minor(), amount);
  }
  {
    grpc::ClientContext context;
    v1::GetPartnerScorecardRequest req;
    req.set_partner("partners/1");
    *req.mutable_start_date() = ToProtoDate(whole.start);
    *req.mutable_end_date() = ToProtoDate(whole.end);
    v1::PartnerScorecard card;
    ASSERT_TRUE(stub_a->GetPartnerScorecard(&context, req, &card).ok());
    const PartnerFigures want = ReferencePartner(d, "partners/1", whole);
    EXPECT_EQ(card.orders(), want.orders);
    EXPECT_EQ(card.gmv().amount_minor(), want.gmv);
    EXPECT_EQ(card.buyers(), want.buyers);
    EXPECT_EQ(card.repeat_buyers(), want.repeat_buyers);
    EXPECT_EQ(card.new_customers(), want.new_customers);
    EXPECT_EQ(card.redemptions(), want.redemptions);
    EXPECT_EQ(card.agreement(), "partners/1/agreements/1");
    EXPECT_EQ(card.kpis_size(), 5);
  }
  EXPECT_EQ(a->Terminate(), 0) << a->LogText();
  EXPECT_EQ(b->Terminate(), 0) << b->LogText();
}

}  // namespace
}  // namespace partnerhub::reporting

int main(int argc, char** argv) {
  return partnerhub::testing::RunTestsWithSharedServer(argc, argv);
}
