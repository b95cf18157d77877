#include "tests/harness/harness.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace partnerhub::testing {
namespace {

using Rows = std::vector<std::vector<std::string>>;

TEST(MariaDbServerTest, SharedStartsAndAnswers) {
  MariaDbServer& db = MariaDbServer::Shared();
  EXPECT_EQ(db.host(), "127.0.0.1");
  EXPECT_GT(db.port(), 0);
  absl::StatusOr<Rows> rows = db.QueryAsRoot("SELECT VERSION(), 1 + 1, NULL");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_TRUE(absl::StrContains((*rows)[0][0], "MariaDB")) << (*rows)[0][0];
  EXPECT_EQ((*rows)[0][1], "2");
  EXPECT_EQ((*rows)[0][2], "NULL");
  EXPECT_EQ(&db, &MariaDbServer::Shared());
}

TEST(MariaDbServerTest, QueryReportsSqlErrors) {
  absl::StatusOr<Rows> rows =
      MariaDbServer::Shared().QueryAsRoot("SELECT * FROM no_such_db.t");
  ASSERT_FALSE(rows.ok());
  EXPECT_TRUE(absl::StrContains(rows.status().message(), "1049") ||
              absl::StrContains(rows.status().message(), "1146"))
      << rows.status();
}

TEST(MariaDbServerTest, CreateSchemaGivesAUserConfinedToItsSchema) {
  MariaDbServer& db = MariaDbServer::Shared();
  absl::StatusOr<mysql::ConnectionOptions> a = db.CreateSchema("harness_a");
  ASSERT_TRUE(a.ok()) << a.status();
  absl::StatusOr<mysql::ConnectionOptions> b = db.CreateSchema("harness_b");
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(a->user, "harness_a");
  EXPECT_EQ(a->database, "harness_a");
  EXPECT_EQ(a->port, db.port());
  EXPECT_FALSE(a->password.empty());

  // Its own schema: full use.
  ASSERT_TRUE(
      Query(*a, "CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(10))").ok());
  ASSERT_TRUE(Query(*a, "INSERT INTO t VALUES (1, 'x'), (2, NULL)").ok());
  absl::StatusOr<Rows> rows = Query(*a, "SELECT id, s FROM t ORDER BY id");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(*rows, (Rows{{"1", "x"}, {"2", "NULL"}}));

  // Another schema: nothing.
  ASSERT_TRUE(db.QueryAsRoot("CREATE TABLE harness_b.secret (id INT)").ok());
  for (const char* sql :
       {"SELECT * FROM harness_b.secret",
        "CREATE TABLE harness_b.mine (id INT)",
        "INSERT INTO harness_b.secret VALUES (1)", "CREATE DATABASE harness_c",
        // '_' is a GRANT wildcard; the grant must not
        // cover look-alike schemas.
        "CREATE DATABASE harnessXa", "SELECT * FROM mysql.user"}) {
    absl::StatusOr<Rows> denied = Query(*a, sql);
    ASSERT_FALSE(denied.ok()) << sql;
    EXPECT_TRUE(absl::StrContains(denied.status().message(), "denied"))
        << sql << ": " << denied.status();
  }
  // Nor can it see the other schema exists.
  rows = Query(*a, "SHOW DATABASES LIKE 'harness_b'");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_TRUE(rows->empty());
}

TEST(MariaDbServerTest, CreateSchemaStartsOver) {
  MariaDbServer& db = MariaDbServer::Shared();
  absl::StatusOr<mysql::ConnectionOptions> first = db.CreateSchema("harness_r");
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(Query(*first, "CREATE TABLE t (id INT)").ok());
  absl::StatusOr<mysql::ConnectionOptions> second =
      db.CreateSchema("harness_r");
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_NE(first->password, second->password);
  EXPECT_FALSE(Query(*first, "SELECT 1").ok()) << "old password still works";
  absl::StatusOr<Rows> tables = Query(*second, "SHOW TABLES");
  ASSERT_TRUE(tables.ok()) << tables.status();
  EXPECT_TRUE(tables->empty());
}

TEST(MariaDbServerTest, CreateSchemaRejectsBadNames) {
  MariaDbServer& db = MariaDbServer::Shared();
  for (const char* name : {"", "a-b", "a`b", "a'b", "x y"}) {
    EXPECT_EQ(db.CreateSchema(name).status().code(),
              absl::StatusCode::kInvalidArgument)
        << name;
  }
}

TEST(MariaDbServerTest, KillAndRestartKeepCommittedData) {
  absl::StatusOr<std::unique_ptr<MariaDbServer>> started =
      MariaDbServer::Start();
  ASSERT_TRUE(started.ok()) << started.status();
  MariaDbServer& db = **started;
  EXPECT_NE(db.port(), MariaDbServer::Shared().port());
  const int port = db.port();
  absl::StatusOr<mysql::ConnectionOptions> app = db.CreateSchema("harness_k");
  ASSERT_TRUE(app.ok()) << app.status();
  ASSERT_TRUE(Query(*app, "CREATE TABLE t (id INT PRIMARY KEY)").ok());
  ASSERT_TRUE(Query(*app, "INSERT INTO t VALUES (7)").ok());

  ASSERT_TRUE(db.Kill().ok());
  absl::StatusOr<Rows> down = db.QueryAsRoot("SELECT 1");
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.status().code(), absl::StatusCode::kUnavailable)
      << down.status();

  absl::Status restarted = db.Restart();
  ASSERT_TRUE(restarted.ok()) << restarted;
  EXPECT_EQ(db.port(), port);
  absl::StatusOr<Rows> rows = Query(*app, "SELECT id FROM t");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(*rows, (Rows{{"7"}}));

  // Restart of a running server: clean stop, then start.
  restarted = db.Restart();
  ASSERT_TRUE(restarted.ok()) << restarted;
  rows = Query(*app, "SELECT id FROM t");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(*rows, (Rows{{"7"}}));
}

TEST(MariaDbServerTest, DestructorRemovesEverything) {
  absl::StatusOr<std::unique_ptr<MariaDbServer>> started =
      MariaDbServer::Start();
  ASSERT_TRUE(started.ok()) << started.status();
  mysql::ConnectionOptions root = (*started)->RootOptions();
  absl::StatusOr<Rows> datadir = (*started)->QueryAsRoot("SELECT @@datadir");
  ASSERT_TRUE(datadir.ok()) << datadir.status();
  const std::string dir = (*datadir)[0][0];
  ASSERT_EQ(access(dir.c_str(), F_OK), 0) << dir;
  started->reset();
  EXPECT_NE(access(dir.c_str(), F_OK), 0) << dir << " still exists";
  EXPECT_FALSE(Query(root, "SELECT 1").ok()) << "server still answers";
}

TEST(RunCommandTest, CapturesOutputAndExitCode) {
  absl::StatusOr<CommandResult> echo =
      RunCommand("/bin/echo", {"hello", "world"});
  ASSERT_TRUE(echo.ok()) << echo.status();
  EXPECT_EQ(echo->exit_code, 0);
  EXPECT_EQ(echo->output, "hello world\n");

  absl::StatusOr<CommandResult> sh =
      RunCommand("/bin/sh", {"-c", "echo out; echo err >&2; exit 3"});
  ASSERT_TRUE(sh.ok()) << sh.status();
  EXPECT_EQ(sh->exit_code, 3);
  EXPECT_TRUE(absl::StrContains(sh->output, "out\n")) << sh->output;
  EXPECT_TRUE(absl::StrContains(sh->output, "err\n")) << sh->output;

  absl::StatusOr<CommandResult> signaled =
      RunCommand("/bin/sh", {"-c", "kill -KILL $$"});
  ASSERT_TRUE(signaled.ok()) << signaled.status();
  EXPECT_EQ(signaled->exit_code, 128 + SIGKILL);
}

TEST(RunCommandTest, SearchesPathAndReportsMissingBinaries) {
  absl::StatusOr<CommandResult> echo = RunCommand("echo", {"x"});
  ASSERT_TRUE(echo.ok()) << echo.status();
  EXPECT_EQ(echo->output, "x\n");
  EXPECT_EQ(RunCommand("/no/such/binary", {}).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(RunCommandTest, KillsCommandsThatRunTooLong) {
  const absl::Time start = absl::Now();
  absl::StatusOr<CommandResult> slow = RunCommand(
      "/bin/sh", {"-c", "echo started; sleep 30"}, absl::Milliseconds(300));
  EXPECT_EQ(slow.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_TRUE(absl::StrContains(slow.status().message(), "started"))
      << slow.status();
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
}

TEST(ServiceProcessTest, WaitsForServingLineAndTerminates) {
  absl::StatusOr<std::unique_ptr<ServiceProcess>> process =
      ServiceProcess::Start(
          "/bin/sh",
          {"-c",
           "echo starting >&2; sleep 0.2; "
           "echo 'x serving on 127.0.0.1:1234' >&2; exec sleep 1000"});
  ASSERT_TRUE(process.ok()) << process.status();
  EXPECT_EQ((*process)->address(), "127.0.0.1:1234");
  EXPECT_EQ((*process)->port(), 1234);
  EXPECT_GT((*process)->pid(), 0);
  EXPECT_TRUE((*process)->Running());
  EXPECT_TRUE(absl::StrContains((*process)->LogText(), "starting"));
  EXPECT_EQ((*process)->Terminate(), 128 + SIGTERM);
  EXPECT_FALSE((*process)->Running());
  EXPECT_EQ((*process)->Terminate(), 128 + SIGTERM);  // idempotent
}

TEST(ServiceProcessTest, CleanExitOnSigtermGivesZero) {
  absl::StatusOr<std::unique_ptr<ServiceProcess>> process =
      ServiceProcess::Start("/bin/sh",
                            {"-c",
                             "trap 'echo draining >&2; exit 0' TERM; "
                             "echo 'svc serving on 0.0.0.0:4321' >&2; "
                             "while :; do sleep 0.05; done"});
  ASSERT_TRUE(process.ok()) << process.status();
  EXPECT_EQ((*process)->address(), "127.0.0.1:4321");
  EXPECT_EQ((*process)->Terminate(), 0);
  EXPECT_TRUE(absl::StrContains((*process)->LogText(), "draining"));
}

TEST(ServiceProcessTest, SigkillsAfterGrace) {
  absl::StatusOr<std::unique_ptr<ServiceProcess>> process =
      ServiceProcess::Start(
          "/bin/sh", {"-c",
                      "trap '' TERM; echo 'svc serving on 127.0.0.1:1' >&2; "
                      "while :; do sleep 0.05; done"});
  ASSERT_TRUE(process.ok()) << process.status();
  const absl::Time start = absl::Now();
  EXPECT_EQ((*process)->Terminate(absl::Milliseconds(300)), 128 + SIGKILL);
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
}

TEST(ServiceProcessTest, ReportsEarlyExitWithLog) {
  absl::StatusOr<std::unique_ptr<ServiceProcess>> process =
      ServiceProcess::Start("/bin/sh",
                            {"-c", "echo 'bad flag --db_port' >&2; exit 4"});
  ASSERT_FALSE(process.ok());
  EXPECT_EQ(process.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(absl::StrContains(process.status().message(), "bad flag"))
      << process.status();
  EXPECT_TRUE(absl::StrContains(process.status().message(), "status 4"))
      << process.status();
}

TEST(ServiceProcessTest, TimesOutWhenNeverServing) {
  absl::StatusOr<std::unique_ptr<ServiceProcess>> process =
      ServiceProcess::Start("/bin/sh", {"-c", "echo waiting >&2; sleep 30"},
                            absl::Milliseconds(300));
  ASSERT_FALSE(process.ok());
  EXPECT_EQ(process.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_TRUE(absl::StrContains(process.status().message(), "waiting"))
      << process.status();
}

TEST(ServiceProcessTest, DestructorKills) {
  int pid = 0;
  {
    absl::StatusOr<std::unique_ptr<ServiceProcess>> process =
        ServiceProcess::Start(
            "/bin/sh",
            {"-c", "echo 'a serving on 127.0.0.1:9' >&2; exec sleep 1000"});
    ASSERT_TRUE(process.ok()) << process.status();
    pid = (*process)->pid();
  }
  EXPECT_NE(kill(pid, 0), 0) << "process " << pid << " survived";
}

TEST(BuildPathTest, JoinsBuildDir) {
  const char* saved = std::getenv("PARTNERHUB_BUILD_DIR");
  std::string saved_value = saved ? saved : "";
  setenv("PARTNERHUB_BUILD_DIR", "/some/build", 1);
  EXPECT_EQ(BuildPath("services/x/x"), "/some/build/services/x/x");
  EXPECT_EQ(BuildPath("/services/x/x"), "/some/build/services/x/x");
  if (saved) {
    setenv("PARTNERHUB_BUILD_DIR", saved_value.c_str(), 1);
  } else {
    unsetenv("PARTNERHUB_BUILD_DIR");
  }
}

}  // namespace
}  // namespace partnerhub::testing
