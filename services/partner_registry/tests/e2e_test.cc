// The real partner-registry binary as a separate process, with its own
// schema and database user, driven through gRPC: migrate, serve, health,
// reflection, the API, a database outage, and graceful shutdown.
#include <cppconn/resultset.h>
#include <fcntl.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/statement.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "partnerhub/events/v1/events.grpc.pb.h"
#include "partnerhub/partner_registry/v1/partner_registry.grpc.pb.h"
#include "tests/harness/harness.h"

namespace partnerhub::partner_registry {
namespace {

namespace v1 = ::partnerhub::partner_registry::v1;
namespace ev = ::partnerhub::events::v1;
namespace harness = ::partnerhub::testing;
using grpc::health::v1::HealthCheckResponse;

class PartnerRegistryProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto options =
        harness::MariaDbServer::Shared().CreateSchema("partner_registry");
    ASSERT_TRUE(options.ok()) << options.status();
    db_options_ = *options;
    db_flags_ = {absl::StrCat("--db_host=", options->host),
                 absl::StrCat("--db_port=", options->port),
                 absl::StrCat("--db_name=", options->database),
                 absl::StrCat("--db_user=", options->user),
                 absl::StrCat("--db_password=", options->password),
                 "--db_timeout=2s"};
    binary_ = harness::BuildPath("services/partner_registry/partner-registry");
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

  static HealthCheckResponse::ServingStatus Health(const std::string& address) {
    auto stub = grpc::health::v1::Health::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(5));
    grpc::health::v1::HealthCheckRequest req;
    HealthCheckResponse resp;
    grpc::Status s = stub->Check(&ctx, req, &resp);
    return s.ok() ? resp.status() : HealthCheckResponse::UNKNOWN;
  }

  // Polls health until it reports `want`, for at most `timeout`.
  static bool AwaitHealth(const std::string& address,
                          HealthCheckResponse::ServingStatus want,
                          absl::Duration timeout) {
    const absl::Time deadline = absl::Now() + timeout;
    while (absl::Now() < deadline) {
      if (Health(address) == want) return true;
      absl::SleepFor(absl::Milliseconds(100));
    }
    return false;
  }

  std::string binary_;
  std::vector<std::string> db_flags_;
  mysql::ConnectionOptions db_options_;
};

TEST_F(PartnerRegistryProcessTest, MigrateIsIdempotent) {
  auto first = Run({"migrate"});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->exit_code, 0) << first->output;
  EXPECT_NE(first->output.find("6 applied"), std::string::npos)
      << first->output;
  auto second = Run({"migrate"});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->exit_code, 0) << second->output;
  EXPECT_NE(second->output.find("0 applied"), std::string::npos)
      << second->output;
}

// SIGTERM to `migrate` (its pod deleted while the init container waits for
// another replica's migration lock) ends it within a second, with a failure
// and nothing applied; a later run applies everything.
TEST_F(PartnerRegistryProcessTest, MigrateStopsOnSigterm) {
  auto pool = mysql::ConnectionPool::Create(db_options_, {});
  ASSERT_TRUE(pool.ok()) << pool.status();
  auto holder = (*pool)->Acquire();
  ASSERT_TRUE(holder.ok()) << holder.status();
  {
    auto rs = mysql::Query(
        **holder, "SELECT GET_LOCK(CONCAT(DATABASE(), '.migrate'), 0)");
    ASSERT_TRUE(rs->next());
    ASSERT_EQ(rs->getInt(1), 1);
  }
  const std::string log_path = absl::StrCat(
      ::testing::TempDir(), "/partner-registry-migrate-sigterm.log");
  const int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  harness::internal::SpawnOptions spawn;
  spawn.stdout_fd = spawn.stderr_fd = fd;
  std::vector<std::string> args = {"migrate"};
  args.insert(args.end(), db_flags_.begin(), db_flags_.end());
  absl::StatusOr<pid_t> pid = harness::internal::Spawn(binary_, args, spawn);
  close(fd);
  ASSERT_TRUE(pid.ok()) << pid.status();

  // Until it waits for the lock: its GET_LOCK shows in the process list.
  ASSERT_TRUE(harness::WaitUntil(
      [&] {
        auto rows = harness::MariaDbServer::Shared().QueryAsRoot(
            "SELECT COUNT(*) FROM information_schema.PROCESSLIST "
            "WHERE INFO LIKE 'SELECT GET_LOCK(%'");
        return rows.ok() && !rows->empty() && (*rows)[0][0] != "0";
      },
      absl::Seconds(30)))
      << harness::internal::ReadFileOrEmpty(log_path);
  int status = 0;
  ASSERT_EQ(waitpid(*pid, &status, WNOHANG), 0)
      << harness::internal::ReadFileOrEmpty(log_path);
  const absl::Time sent = absl::Now();
  ASSERT_EQ(kill(*pid, SIGTERM), 0);
  pid_t done = 0;
  while ((done = waitpid(*pid, &status, WNOHANG)) == 0 &&
         absl::Now() - sent < absl::Seconds(15)) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  if (done == 0) {
    kill(*pid, SIGKILL);
    waitpid(*pid, &status, 0);
    FAIL() << "migrate still running 15 s after SIGTERM: "
           << harness::internal::ReadFileOrEmpty(log_path);
  }
  const absl::Duration took = absl::Now() - sent;
  const std::string log = harness::internal::ReadFileOrEmpty(log_path);
  EXPECT_LT(took, absl::Seconds(3)) << log;
  EXPECT_EQ(harness::internal::ExitCodeOf(status), 1) << log;
  EXPECT_NE(log.find("received SIGTERM"), std::string::npos) << log;
  EXPECT_NE(log.find("waiting for the migration lock"), std::string::npos)
      << log;
  unlink(log_path.c_str());

  // The lock released, migrate applies every file: the stopped run applied
  // none.
  mysql::Query(**holder, "SELECT RELEASE_LOCK(CONCAT(DATABASE(), '.migrate'))");
  auto after = Run({"migrate"});
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->exit_code, 0) << after->output;
  EXPECT_NE(after->output.find("6 applied"), std::string::npos)
      << after->output;
}

TEST_F(PartnerRegistryProcessTest, MissingConfigurationFailsFastNamingTheFlag) {
  auto result = harness::RunCommand(binary_, {"serve", "--db_user=x"});
  ASSERT_TRUE(result.ok());
  EXPECT_NE(result->exit_code, 0);
  EXPECT_NE(result->output.find("--db_name"), std::string::npos)
      << result->output;
  auto usage = harness::RunCommand(binary_, {"dance"});
  ASSERT_TRUE(usage.ok());
  EXPECT_EQ(usage->exit_code, 2);
  EXPECT_NE(usage->output.find("migrate|serve"), std::string::npos);
}

TEST_F(PartnerRegistryProcessTest, ServesHealthReflectionAndTheApi) {
  ASSERT_EQ(Run({"migrate"})->exit_code, 0);
  auto process = Serve();
  ASSERT_NE(process, nullptr);
  const std::string address = process->address();
  EXPECT_EQ(Health(address), HealthCheckResponse::SERVING);

  // Reflection lists the services, as grpcurl's `list` would.
  auto channel =
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
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
        "partnerhub.partner_registry.v1.PartnerRegistryService"));
    EXPECT_TRUE(services.count("grpc.health.v1.Health"));
    EXPECT_TRUE(services.count("partnerhub.events.v1.EventFeed"));
    EXPECT_TRUE(stream->Finish().ok());
  }

  auto stub = v1::PartnerRegistryService::NewStub(channel);
  v1::CreatePartnerRequest create;
  v1::Partner* p = create.mutable_partner();
  p->set_display_name("Burger Town");
  p->set_legal_name("버거타운(주)");
  p->set_business_registration_number("120-81-47521");
  p->set_category(v1::Partner::FOOD_AND_BEVERAGE);
  p->set_tier(v1::Partner::STANDARD);
  p->set_account_manager("park.sora");
  create.set_request_id("e2e-1");
  v1::Partner created;
  {
    grpc::ClientContext ctx;
    grpc::Status s = stub->CreatePartner(&ctx, create, &created);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  v1::ListPartnersRequest list;
  list.set_filter("category = FOOD_AND_BEVERAGE");
  v1::ListPartnersResponse listed;
  {
    grpc::ClientContext ctx;
    ASSERT_TRUE(stub->ListPartners(&ctx, list, &listed).ok());
  }
  ASSERT_EQ(listed.partners_size(), 1);
  EXPECT_EQ(listed.partners(0).name(), created.name());
  EXPECT_EQ(listed.partners(0).business_registration_number(), "1208147521");

  // The retry of the create changes nothing; a transition is one more event.
  {
    grpc::ClientContext ctx;
    v1::Partner again;
    ASSERT_TRUE(stub->CreatePartner(&ctx, create, &again).ok());
    EXPECT_EQ(again.name(), created.name());
  }
  v1::Partner negotiating;
  {
    grpc::ClientContext ctx;
    v1::TransitionPartnerRequest req;
    req.set_name(created.name());
    req.set_state(v1::Partner::NEGOTIATING);
    req.set_reason("first meeting went well");
    grpc::Status s = stub->TransitionPartner(&ctx, req, &negotiating);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  // The feed, read over gRPC to its head.
  auto feed = ev::EventFeed::NewStub(channel);
  std::vector<ev::Event> events;
  {
    grpc::ClientContext ctx;
    ev::StreamEventsRequest req;
    req.set_max_events(1);  // one event per response
    auto reader = feed->StreamEvents(&ctx, req);
    ev::StreamEventsResponse resp;
    while (reader->Read(&resp)) {
      EXPECT_EQ(resp.head_position(), 2);
      for (const ev::Event& e : resp.events()) events.push_back(e);
    }
    grpc::Status s = reader->Finish();
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].position(), 1);
  EXPECT_EQ(events[0].feed(), "partner-registry");
  EXPECT_EQ(events[0].partner_changed().change(), ev::PartnerChanged::CREATED);
  EXPECT_EQ(events[0].partner_changed().partner().SerializeAsString(),
            created.SerializeAsString());
  EXPECT_EQ(events[0].event_time().SerializeAsString(),
            created.create_time().SerializeAsString());
  EXPECT_EQ(events[1].position(), 2);
  EXPECT_EQ(events[1].partner_changed().change(),
            ev::PartnerChanged::STATE_CHANGED);
  EXPECT_EQ(events[1].partner_changed().partner().SerializeAsString(),
            negotiating.SerializeAsString());
  {
    grpc::ClientContext ctx;
    ev::FeedInfo info;
    ASSERT_TRUE(feed->GetFeedInfo(&ctx, ev::GetFeedInfoRequest(), &info).ok());
    EXPECT_EQ(info.feed(), "partner-registry");
    EXPECT_EQ(info.head_position(), 2);
  }

  // A consumer following the feed does not hold up shutdown: SIGTERM ends
  // its stream (UNAVAILABLE: resume elsewhere) and the process exits.
  grpc::ClientContext follow_ctx;
  ev::StreamEventsRequest follow;
  follow.set_after_position(2);
  follow.set_follow(true);
  auto follower = feed->StreamEvents(&follow_ctx, follow);
  ev::StreamEventsResponse heartbeat;
  ASSERT_TRUE(follower->Read(&heartbeat));
  EXPECT_EQ(heartbeat.head_position(), 2);

  const absl::Time term = absl::Now();
  ASSERT_EQ(::kill(process->pid(), SIGTERM), 0);
  while (follower->Read(&heartbeat)) {
  }
  EXPECT_EQ(follower->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_LT(absl::Now() - term, absl::Seconds(3));

  // A clean shutdown on SIGTERM.
  EXPECT_EQ(process->Terminate(), 0) << process->LogText();
  EXPECT_NE(
      process->LogText().find("rpc method=/partnerhub.partner_registry.v1."
                              "PartnerRegistryService/CreatePartner code=OK"),
      std::string::npos)
      << process->LogText();
}

TEST_F(PartnerRegistryProcessTest, DatabaseOutageIsUnavailableThenRecovers) {
  harness::MariaDbServer& db = harness::MariaDbServer::Shared();
  if (!db.owns_process()) GTEST_SKIP() << "external MariaDB: cannot kill it";
  ASSERT_EQ(Run({"migrate"})->exit_code, 0);
  auto process = Serve();
  ASSERT_NE(process, nullptr);
  const std::string address = process->address();
  auto stub = v1::PartnerRegistryService::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  auto get = [&]() {
    v1::GetPartnerRequest req;
    req.set_name("partners/1");
    v1::Partner resp;
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(10));
    return stub->GetPartner(&ctx, req, &resp);
  };
  EXPECT_EQ(get().error_code(), grpc::StatusCode::NOT_FOUND);

  ASSERT_TRUE(db.Kill().ok());
  EXPECT_TRUE(AwaitHealth(address, HealthCheckResponse::NOT_SERVING,
                          absl::Seconds(10)));
  grpc::Status during = get();
  EXPECT_EQ(during.error_code(), grpc::StatusCode::UNAVAILABLE)
      << during.error_message();
  EXPECT_EQ(during.error_message().find("SQL"), std::string::npos);

  ASSERT_TRUE(db.Restart().ok());
  EXPECT_TRUE(
      AwaitHealth(address, HealthCheckResponse::SERVING, absl::Seconds(15)));
  EXPECT_EQ(get().error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(process->Terminate(), 0);
}

}  // namespace
}  // namespace partnerhub::partner_registry
