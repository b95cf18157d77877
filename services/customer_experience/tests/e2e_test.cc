// The real customer-experience binary as a separate process, with its own
// schema and database user, driven through gRPC: migrate, serve, health,
// reflection, a journey from sign-up to a campaign's snapshot read back from
// the service's event feed, and graceful shutdown.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "partnerhub/customer_experience/v1/customer_experience.grpc.pb.h"
#include "partnerhub/events/v1/events.grpc.pb.h"
#include "tests/harness/harness.h"

namespace partnerhub::customer_experience {
namespace {

namespace v1 = ::partnerhub::customer_experience::v1;
namespace harness = ::partnerhub::testing;
using grpc::health::v1::HealthCheckResponse;

google::protobuf::Timestamp MinutesAgo(int minutes) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(absl::ToUnixSeconds(absl::Now() - absl::Minutes(minutes)));
  return ts;
}

class CustomerExperienceProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto options =
        harness::MariaDbServer::Shared().CreateSchema("customer_experience");
    ASSERT_TRUE(options.ok()) << options.status();
    db_flags_ = {absl::StrCat("--db_host=", options->host),
                 absl::StrCat("--db_port=", options->port),
                 absl::StrCat("--db_name=", options->database),
                 absl::StrCat("--db_user=", options->user),
                 absl::StrCat("--db_password=", options->password),
                 "--db_timeout=2s"};
    binary_ =
        harness::BuildPath("services/customer_experience/customer-experience");
  }

  absl::StatusOr<harness::CommandResult> Run(std::vector<std::string> args) {
    args.insert(args.end(), db_flags_.begin(), db_flags_.end());
    return harness::RunCommand(binary_, args);
  }

  std::unique_ptr<harness::ServiceProcess> Serve() {
    std::vector<std::string> args = {"serve", "--listen=127.0.0.1:0"};
    args.insert(args.end(), db_flags_.begin(), db_flags_.end());
    auto process = harness::ServiceProcess::Start(binary_, args);
    EXPECT_TRUE(process.ok()) << process.status();
    return process.ok() ? *std::move(process) : nullptr;
  }

  std::string binary_;
  std::vector<std::string> db_flags_;
};

TEST_F(CustomerExperienceProcessTest, MigrateIsIdempotent) {
  auto first = Run({"migrate"});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->exit_code, 0) << first->output;
  EXPECT_NE(first->output.find("8 applied"), std::string::npos)
      << first->output;
  auto second = Run({"migrate"});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->exit_code, 0) << second->output;
  EXPECT_NE(second->output.find("0 applied"), std::string::npos)
      << second->output;
}

TEST_F(CustomerExperienceProcessTest, FromSignUpToACampaignSnapshot) {
  ASSERT_EQ(Run({"migrate"})->exit_code, 0);
  auto process = Serve();
  ASSERT_NE(process, nullptr);
  const std::string address = process->address();
  auto channel =
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  {
    auto health = grpc::health::v1::Health::NewStub(channel);
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckRequest req;
    HealthCheckResponse resp;
    ASSERT_TRUE(health->Check(&ctx, req, &resp).ok());
    EXPECT_EQ(resp.status(), HealthCheckResponse::SERVING);
  }
  {
    auto reflection =
        grpc::reflection::v1alpha::ServerReflection::NewStub(channel);
    grpc::ClientContext ctx;
    auto stream = reflection->ServerReflectionInfo(&ctx);
    grpc::reflection::v1alpha::ServerReflectionRequest req;
    req.set_list_services("*");
    ASSERT_TRUE(stream->Write(req));
    stream->WritesDone();
    grpc::reflection::v1alpha::ServerReflectionResponse resp;
    ASSERT_TRUE(stream->Read(&resp));
    std::set<std::string> services;
    for (const auto& s : resp.list_services_response().service())
      services.insert(s.name());
    EXPECT_TRUE(services.count(
        "partnerhub.customer_experience.v1.CustomerExperienceService"));
    EXPECT_TRUE(services.count("partnerhub.events.v1.EventFeed"));
    EXPECT_TRUE(stream->Finish().ok());
  }

  auto stub = v1::CustomerExperienceService::NewStub(channel);
  // Ten customers in their twenties; odd ones consent.
  for (int i = 0; i < 10; ++i) {
    v1::CreateCustomerRequest req;
    req.set_customer_id(absl::StrCat("cx-", i));
    req.mutable_customer()->set_birth_year(2000);
    req.mutable_customer()->set_region("KR-11");
    req.mutable_customer()->mutable_marketing_consent()->set_state(
        i % 2 ? v1::MarketingConsent::GRANTED : v1::MarketingConsent::DENIED);
    v1::Customer resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub->CreateCustomer(&ctx, req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  // A batch with a duplicate and a malformed event; then the same batch again.
  v1::BatchRecordTouchpointsRequest batch;
  for (int i = 0; i < 10; ++i) {
    v1::Touchpoint* t = batch.add_touchpoints();
    t->set_customer(absl::StrCat("customers/cx-", i));
    t->set_event_id(absl::StrCat("view-", i));
    t->set_type(v1::Touchpoint::PAGE_VIEW);
    t->set_partner("partners/42");
    *t->mutable_occur_time() = MinutesAgo(30);
  }
  *batch.add_touchpoints() = batch.touchpoints(0);
  v1::Touchpoint* bad = batch.add_touchpoints();
  bad->set_customer("customers/cx-1");
  bad->set_event_id("no-type");
  for (int round = 0; round < 2; ++round) {
    v1::BatchRecordTouchpointsResponse resp;
    grpc::ClientContext ctx;
    ASSERT_TRUE(stub->BatchRecordTouchpoints(&ctx, batch, &resp).ok());
    EXPECT_EQ(resp.recorded_count(), round == 0 ? 10 : 0);
    EXPECT_EQ(resp.duplicate_count(), round == 0 ? 1 : 11);
    EXPECT_EQ(resp.rejected_count(), 1);
    EXPECT_EQ(resp.results(11).message(), "touchpoints[11].type is required");
  }

  // The service's funnel projector moves the funnel shortly after: the
  // customers' stage becomes INTERESTED.
  for (int i = 0; i < 10; ++i) {
    const absl::Time deadline = absl::Now() + absl::Seconds(10);
    v1::Customer c;
    while (true) {
      grpc::ClientContext ctx;
      v1::GetCustomerRequest get;
      get.set_name(absl::StrCat("customers/cx-", i));
      ASSERT_TRUE(stub->GetCustomer(&ctx, get, &c).ok());
      if (c.funnel_stage() == v1::FunnelProgress::INTERESTED ||
          absl::Now() > deadline) {
        break;
      }
      absl::SleepFor(absl::Milliseconds(50));
    }
    EXPECT_EQ(c.funnel_stage(), v1::FunnelProgress::INTERESTED) << c.name();
  }

  v1::CreateSegmentRequest create;
  create.mutable_segment()->set_display_name("20s who viewed partner 42");
  auto* all = create.mutable_segment()->mutable_condition()->mutable_all_of();
  all->add_conditions()->mutable_age_band()->add_age_bands(
      v1::Customer::TWENTIES);
  auto* viewed = all->add_conditions()->mutable_touchpoint();
  viewed->set_type(v1::Touchpoint::PAGE_VIEW);
  viewed->set_partner("partners/42");
  viewed->mutable_window()->set_last_days(7);
  v1::Segment segment;
  {
    grpc::ClientContext ctx;
    ASSERT_TRUE(stub->CreateSegment(&ctx, create, &segment).ok());
  }
  v1::CreateSegmentSnapshotRequest snap;
  snap.set_parent(segment.name());
  snap.set_request_id("campaign-7-target");
  v1::SegmentSnapshot snapshot;
  {
    grpc::ClientContext ctx;
    grpc::Status s = stub->CreateSegmentSnapshot(&ctx, snap, &snapshot);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  EXPECT_EQ(snapshot.member_count(), 5);
  std::vector<std::string> members;
  {
    grpc::ClientContext ctx;
    v1::StreamSegmentSnapshotMembersRequest req;
    req.set_parent(snapshot.name());
    auto reader = stub->StreamSegmentSnapshotMembers(&ctx, req);
    v1::SegmentSnapshotMember m;
    while (reader->Read(&m)) members.push_back(m.customer());
    ASSERT_TRUE(reader->Finish().ok());
  }
  EXPECT_EQ(members, (std::vector<std::string>{
                         "customers/cx-1", "customers/cx-3", "customers/cx-5",
                         "customers/cx-7", "customers/cx-9"}));

  // The feed, as a consumer reads it: every change above, once, in order.
  namespace ev = ::partnerhub::events::v1;
  std::vector<ev::Event> events;
  int64_t head = -1;
  {
    auto feed = ev::EventFeed::NewStub(channel);
    grpc::ClientContext ctx;
    ev::StreamEventsRequest req;
    req.set_max_events(7);  // several responses
    auto reader = feed->StreamEvents(&ctx, req);
    ev::StreamEventsResponse resp;
    while (reader->Read(&resp)) {
      for (const ev::Event& e : resp.events()) events.push_back(e);
      head = resp.head_position();
    }
    grpc::Status s = reader->Finish();
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  // 10 customers; one event with the 10 touchpoints (the repeated batch
  // stored nothing) and one with, for each customer, INTERESTED overall and
  // with partner 42; the snapshot and its members.
  ASSERT_EQ(events.size(), 14u);
  EXPECT_EQ(head, 14);
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].position(), static_cast<int64_t>(i) + 1);
    EXPECT_EQ(events[i].feed(), "customer-experience");
  }
  const ev::Event& touch = events[10];
  ASSERT_EQ(touch.touchpoints_recorded().touchpoints_size(), 10)
      << touch.DebugString();
  const ev::Event& reach = events[11];
  ASSERT_EQ(reach.funnel_stages_reached().reaches_size(), 20)
      << reach.DebugString();
  for (int i = 0; i < 10; ++i) {
    const ev::Event& created = events[i];
    ASSERT_TRUE(created.has_customer_changed()) << created.DebugString();
    EXPECT_EQ(created.customer_changed().change(),
              ev::CustomerChanged::CREATED);
    EXPECT_EQ(created.customer_changed().customer().name(),
              absl::StrCat("customers/cx-", i));
    EXPECT_EQ(touch.touchpoints_recorded().touchpoints(i).name(),
              absl::StrCat("customers/cx-", i, "/touchpoints/view-", i));
    for (int scope = 0; scope < 2; ++scope) {
      const auto& r = reach.funnel_stages_reached().reaches(2 * i + scope);
      EXPECT_EQ(r.customer(), absl::StrCat("customers/cx-", i));
      EXPECT_EQ(r.partner(), scope == 0 ? "" : "partners/42");
      EXPECT_EQ(r.stage(), v1::FunnelProgress::INTERESTED);
    }
  }
  ASSERT_TRUE(events[12].has_segment_snapshot_taken());
  EXPECT_EQ(events[12].segment_snapshot_taken().snapshot().name(),
            snapshot.name());
  ASSERT_TRUE(events[13].has_segment_snapshot_members());
  EXPECT_EQ(events[13].segment_snapshot_members().snapshot(), snapshot.name());
  EXPECT_TRUE(events[13].segment_snapshot_members().last());
  EXPECT_EQ(std::vector<std::string>(
                events[13].segment_snapshot_members().customers().begin(),
                events[13].segment_snapshot_members().customers().end()),
            members);

  EXPECT_EQ(process->Terminate(), 0) << process->LogText();
  EXPECT_NE(process->LogText().find(
                "/partnerhub.customer_experience.v1.CustomerExperienceService/"
                "CreateSegmentSnapshot code=OK"),
            std::string::npos)
      << process->LogText();
}

}  // namespace
}  // namespace partnerhub::customer_experience
