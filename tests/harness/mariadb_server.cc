// One file: one server process's lifecycle, whose steps share its state.
#include "tests/harness/mariadb_server.h"

#include <arpa/inet.h>
#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <mysql_driver.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/status/status_macros.h"
#include "tests/harness/process.h"

namespace partnerhub::testing {
namespace {

namespace fs = std::filesystem;

constexpr char kDirPrefix[] = "partnerhub-mariadb-";
// Not matched by kDirPrefix: templates outlive the processes that made them.
constexpr char kTemplatePrefix[] = "partnerhub-template-mariadb-";
constexpr absl::Duration kReadyTimeout = absl::Seconds(60);

std::string ErrnoText(int err) { return std::strerror(err); }

int CeilSeconds(absl::Duration d) {
  int64_t s = absl::ToInt64Seconds(absl::Ceil(d, absl::Seconds(1)));
  return s < 1 ? 1 : static_cast<int>(s);
}

// `name` in PATH or the usual sbin/bin directories (mariadbd lives in
// /usr/sbin, which a non-login PATH may lack); empty if not found.
std::string FindExecutable(const std::vector<std::string>& names) {
  std::vector<std::string> dirs;
  if (const char* path = std::getenv("PATH")) {
    for (absl::string_view dir : absl::StrSplit(path, ':')) {
      if (!dir.empty()) dirs.emplace_back(dir);
    }
  }
  for (const char* dir : {"/usr/sbin", "/usr/bin", "/usr/local/sbin",
                          "/usr/local/bin", "/sbin", "/bin"}) {
    dirs.emplace_back(dir);
  }
  for (const std::string& name : names) {
    for (const std::string& dir : dirs) {
      std::string candidate = absl::StrCat(dir, "/", name);
      if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
  }
  return "";
}

absl::StatusOr<int> PickFreePort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return absl::InternalError(absl::StrCat("socket: ", ErrnoText(errno)));
  sockaddr_in addr;
  std::memset(&addr, 0, sizeof(addr));
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    int err = errno;
    close(fd);
    return absl::InternalError(
        absl::StrCat("bind 127.0.0.1:0: ", ErrnoText(err)));
  }
  close(fd);
  return ntohs(addr.sin_port);
}

// False for a process that is gone or a zombie (a dead test process that
// its parent has not reaped yet).
bool ProcessAlive(pid_t pid) {
  if (kill(pid, 0) != 0) return errno != ESRCH;
  std::string stat =
      internal::ReadFileOrEmpty(absl::StrCat("/proc/", pid, "/stat"));
  // "pid (comm) STATE ...": the comm may hold spaces and parentheses.
  size_t close_paren = stat.rfind(')');
  if (close_paren == std::string::npos || close_paren + 2 >= stat.size()) {
    return true;
  }
  return stat[close_paren + 2] != 'Z';
}

// Removes data dirs left by test processes that died without cleaning up
// (their servers died with them: see PR_SET_PDEATHSIG in Spawn).
void RemoveStaleDirs() {
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator("/tmp", ec)) {
    const std::string name = entry.path().filename().string();
    if (!absl::StartsWith(name, kDirPrefix) || !entry.is_directory(ec))
      continue;
    std::string owner =
        internal::ReadFileOrEmpty((entry.path() / "owner.pid").string());
    int pid = 0;
    bool stale;
    if (absl::SimpleAtoi(absl::StripAsciiWhitespace(owner), &pid) && pid > 0) {
      stale = !ProcessAlive(pid);
    } else {
      // Being created right now, or very old debris.
      auto age = fs::file_time_type::clock::now() - entry.last_write_time(ec);
      stale = !ec && age > std::chrono::hours(1);
    }
    if (stale) fs::remove_all(entry.path(), ec);
  }
}

// A freshly initialised data directory to copy (mariadb-install-db takes
// seconds; a copy takes a fraction of one, and every test case runs in its
// own process with its own server). Made once per mariadbd build, by
// whichever process needs it first: it installs into a private directory and
// renames it into place, so concurrent processes never see a half-made one.
absl::StatusOr<std::string> TemplateDataDir(const std::string& install_db) {
  const std::string mariadbd = FindExecutable({"mariadbd", "mysqld"});
  std::error_code ec;
  const auto stamp = fs::last_write_time(mariadbd, ec).time_since_epoch();
  const std::string dir = absl::StrCat(
      "/tmp/", kTemplatePrefix, geteuid(), "-", fs::file_size(mariadbd, ec),
      "-", std::chrono::duration_cast<std::chrono::seconds>(stamp).count());
  if (fs::is_directory(dir + "/mysql", ec)) return dir;

  const std::string work = absl::StrCat(dir, ".tmp", getpid());
  fs::remove_all(work, ec);
  if (!fs::create_directories(work + "/tmp", ec)) {
    return absl::InternalError(
        absl::StrCat("mkdir ", work, "/tmp: ", ec.message()));
  }
  std::vector<std::string> install_args = {
      "--no-defaults",
      absl::StrCat("--datadir=", work, "/data"),
      // A private tmpdir: concurrent bootstraps sharing /tmp collide on
      // their temporary table names ("Unknown table 'mysql.tmp_user_sys'").
      absl::StrCat("--tmpdir=", work, "/tmp"),
      "--auth-root-authentication-method=normal",
      "--skip-test-db",
      "--skip-name-resolve",
  };
  if (geteuid() == 0) install_args.push_back("--user=root");
  absl::StatusOr<CommandResult> installed =
      RunCommand(install_db, install_args, absl::Seconds(120));
  if (!installed.ok() || installed->exit_code != 0) {
    fs::remove_all(work, ec);
    if (!installed.ok()) return installed.status();
    return absl::InternalError(
        absl::StrCat(install_db, " failed with status ", installed->exit_code,
                     ":\n", internal::Tail(installed->output, 60)));
  }
  // Another process may have won the race: then its directory is as good.
  fs::rename(work + "/data", dir, ec);
  fs::remove_all(work, ec);
  if (!fs::is_directory(dir + "/mysql", ec)) {
    return absl::InternalError(absl::StrCat("could not make ", dir));
  }
  return dir;
}

bool ValidSchemaName(absl::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(c) && c != '_') return false;
  }
  return true;
}

std::string RandomPassword() {
  std::random_device rd;
  std::mt19937_64 gen(rd());
  static constexpr char kAlphabet[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::uniform_int_distribution<int> pick(0, sizeof(kAlphabet) - 2);
  std::string out;
  for (int i = 0; i < 24; ++i) out.push_back(kAlphabet[pick(gen)]);
  return out;
}

absl::Status FromSqlException(const sql::SQLException& e,
                              absl::string_view what) {
  const int code = e.getErrorCode();
  std::string message = absl::StrCat(what, ": mysql error ", code, " (",
                                     e.getSQLStateCStr(), "): ", e.what());
  // 2000-2999 are client-side errors: cannot connect, server gone, timeout.
  if (code >= 2000 && code < 3000) return absl::UnavailableError(message);
  return absl::InternalError(message);
}

absl::StatusOr<std::unique_ptr<sql::Connection>> Connect(
    const mysql::ConnectionOptions& options) {
  try {
    // The driver singleton's first creation is not thread-safe; a static
    // local makes it so.
    static sql::mysql::MySQL_Driver* const driver =
        sql::mysql::get_mysql_driver_instance();
    sql::ConnectOptionsMap props;
    props["hostName"] =
        sql::SQLString(absl::StrCat("tcp://", options.host, ":", options.port));
    props["userName"] = sql::SQLString(options.user);
    props["password"] = sql::SQLString(options.password);
    if (!options.database.empty()) {
      props["schema"] = sql::SQLString(options.database);
    }
    props["OPT_CONNECT_TIMEOUT"] = CeilSeconds(options.connect_timeout);
    props["OPT_READ_TIMEOUT"] = CeilSeconds(options.io_timeout);
    props["OPT_WRITE_TIMEOUT"] = CeilSeconds(options.io_timeout);
    props["OPT_RECONNECT"] = false;
    props["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    return std::unique_ptr<sql::Connection>(driver->connect(props));
  } catch (const sql::SQLException& e) {
    return FromSqlException(
        e, absl::StrCat("connect to ", options.host, ":", options.port, " as ",
                        options.user));
  }
}

// "'name'@'127.0.0.1', 'name'@'localhost'" plus `suffix` after each.
std::string Accounts(absl::string_view name, absl::string_view suffix) {
  return absl::StrCat("'", name, "'@'127.0.0.1'", suffix, ", '", name,
                      "'@'localhost'", suffix);
}

}  // namespace

absl::StatusOr<std::vector<std::vector<std::string>>> Query(
    const mysql::ConnectionOptions& options, absl::string_view sql_text) {
  PH_ASSIGN_OR_RETURN(std::unique_ptr<sql::Connection> conn, Connect(options));
  std::vector<std::vector<std::string>> rows;
  try {
    std::unique_ptr<sql::Statement> stmt(conn->createStatement());
    if (stmt->execute(sql::SQLString(std::string(sql_text)))) {
      std::unique_ptr<sql::ResultSet> rs(stmt->getResultSet());
      const unsigned int columns = rs->getMetaData()->getColumnCount();
      while (rs->next()) {
        std::vector<std::string> row;
        row.reserve(columns);
        for (unsigned int i = 1; i <= columns; ++i) {
          row.push_back(rs->isNull(i) ? std::string("NULL")
                                      : std::string(rs->getString(i)));
        }
        rows.push_back(std::move(row));
      }
    }
  } catch (const sql::SQLException& e) {
    return FromSqlException(e, absl::StrCat("query \"", sql_text, "\""));
  }
  return rows;
}

absl::StatusOr<std::unique_ptr<MariaDbServer>> MariaDbServer::Start() {
  RemoveStaleDirs();
  const std::string install_db =
      FindExecutable({"mariadb-install-db", "mysql_install_db"});
  if (install_db.empty()) {
    return absl::FailedPreconditionError(
        "mariadb-install-db not found; install mariadb-server "
        "(tools/install-deps.sh)");
  }
  if (FindExecutable({"mariadbd", "mysqld"}).empty()) {
    return absl::FailedPreconditionError(
        "mariadbd not found; install mariadb-server (tools/install-deps.sh)");
  }

  std::string root_template = absl::StrCat("/tmp/", kDirPrefix, "XXXXXX");
  if (mkdtemp(root_template.data()) == nullptr) {
    return absl::InternalError(
        absl::StrCat("mkdtemp ", root_template, ": ", ErrnoText(errno)));
  }
  std::unique_ptr<MariaDbServer> server(new MariaDbServer());
  server->root_dir_ = root_template;  // from here on the destructor cleans up
  server->data_dir_ = server->root_dir_ + "/data";
  server->socket_path_ = server->root_dir_ + "/mysqld.sock";
  server->log_path_ = server->root_dir_ + "/mariadbd.log";
  // A private tmpdir for the server, as for the bootstrap above.
  server->tmp_dir_ = server->root_dir_ + "/tmp";
  if (mkdir(server->tmp_dir_.c_str(), 0700) != 0) {
    return absl::InternalError(
        absl::StrCat("mkdir ", server->tmp_dir_, ": ", ErrnoText(errno)));
  }
  {
    std::ofstream owner(server->root_dir_ + "/owner.pid");
    owner << getpid() << "\n";
  }

  PH_ASSIGN_OR_RETURN(const std::string template_dir,
                      TemplateDataDir(install_db));
  std::error_code ec;
  fs::copy(template_dir, server->data_dir_, fs::copy_options::recursive, ec);
  if (ec) {
    return absl::InternalError(absl::StrCat(
        "copy ", template_dir, " to ", server->data_dir_, ": ", ec.message()));
  }

  // A port picked free can be taken by someone else before mariadbd binds
  // it: try a few.
  absl::Status launched;
  for (int attempt = 0; attempt < 8; ++attempt) {
    PH_ASSIGN_OR_RETURN(server->port_, PickFreePort());
    launched = server->Launch();
    if (launched.ok()) return server;
    if (!absl::IsAborted(launched)) break;
  }
  return launched;
}

MariaDbServer& MariaDbServer::Shared() {
  static MariaDbServer* const shared = [] {
    MariaDbServer* server = nullptr;
    const char* external_port = std::getenv("PARTNERHUB_TEST_MYSQL_PORT");
    if (external_port != nullptr && *external_port != '\0') {
      int port = 0;
      if (!absl::SimpleAtoi(external_port, &port) || port <= 0 ||
          port > 65535) {
        std::fprintf(stderr,
                     "FATAL: PARTNERHUB_TEST_MYSQL_PORT=%s is not a port\n",
                     external_port);
        std::abort();
      }
      server = new MariaDbServer();
      server->external_ = true;
      server->port_ = port;
      absl::Status ready = server->WaitReady(absl::Seconds(10));
      if (!ready.ok()) {
        std::fprintf(stderr,
                     "FATAL: no usable MariaDB at 127.0.0.1:%d "
                     "(PARTNERHUB_TEST_MYSQL_PORT): %s\n",
                     port, ready.ToString().c_str());
        std::abort();
      }
    } else {
      absl::StatusOr<std::unique_ptr<MariaDbServer>> started = Start();
      if (!started.ok()) {
        std::fprintf(stderr,
                     "FATAL: the test harness could not start a private "
                     "MariaDB server: %s\n",
                     started.status().ToString().c_str());
        std::abort();
      }
      server = started->release();
    }
    std::atexit([] { delete shared; });
    return server;
  }();
  return *shared;
}

MariaDbServer::~MariaDbServer() {
  if (external_) return;
  if (pid_ > 0) {
    kill(pid_, SIGKILL);  // the data is thrown away: no clean shutdown needed
    Reap(0);
  }
  if (!root_dir_.empty()) {
    std::error_code ec;
    fs::remove_all(root_dir_, ec);
  }
}

mysql::ConnectionOptions MariaDbServer::RootOptions() const {
  mysql::ConnectionOptions options;
  options.host = host();
  options.port = port_;
  options.user = "root";
  options.password = "";
  options.database = "";
  options.connect_timeout = absl::Seconds(5);
  options.io_timeout = absl::Seconds(300);
  return options;
}

absl::StatusOr<mysql::ConnectionOptions> MariaDbServer::CreateSchema(
    absl::string_view name) {
  if (!ValidSchemaName(name)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "schema name \"", name, "\" must match [A-Za-z0-9_]{1,64}"));
  }
  const std::string password = RandomPassword();
  // In GRANT ... ON `db`.*, '_' is a wildcard: escape it so the grant covers
  // exactly this schema.
  const std::string grant_db = absl::StrReplaceAll(name, {{"_", "\\_"}});
  const std::vector<std::string> statements = {
      absl::StrCat("DROP DATABASE IF EXISTS `", name, "`"),
      absl::StrCat("CREATE DATABASE `", name,
                   "` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"),
      absl::StrCat("DROP USER IF EXISTS ", Accounts(name, "")),
      absl::StrCat(
          "CREATE USER ",
          Accounts(name, absl::StrCat(" IDENTIFIED BY '", password, "'"))),
      absl::StrCat("GRANT ALL PRIVILEGES ON `", grant_db, "`.* TO ",
                   Accounts(name, "")),
  };
  for (const std::string& statement : statements) {
    PH_RETURN_IF_ERROR(QueryAsRoot(statement).status());
  }
  mysql::ConnectionOptions options;
  options.host = host();
  options.port = port_;
  options.user = std::string(name);
  options.password = password;
  options.database = std::string(name);
  return options;
}

absl::StatusOr<std::vector<std::vector<std::string>>>
MariaDbServer::QueryAsRoot(absl::string_view sql_text) {
  return Query(RootOptions(), sql_text);
}

absl::Status MariaDbServer::Kill() {
  if (external_) {
    return absl::FailedPreconditionError(
        "Kill(): the server is external (PARTNERHUB_TEST_MYSQL_PORT)");
  }
  if (pid_ <= 0) return absl::OkStatus();
  kill(pid_, SIGKILL);
  Reap(0);
  return absl::OkStatus();
}

absl::Status MariaDbServer::Stop() {
  if (external_) {
    return absl::FailedPreconditionError(
        "Stop(): the server is external (PARTNERHUB_TEST_MYSQL_PORT)");
  }
  if (pid_ <= 0) return absl::OkStatus();
  kill(pid_, SIGTERM);
  Reap(60000);
  return absl::OkStatus();
}

absl::Status MariaDbServer::Restart() {
  if (external_) {
    return absl::FailedPreconditionError(
        "Restart(): the server is external (PARTNERHUB_TEST_MYSQL_PORT)");
  }
  PH_RETURN_IF_ERROR(Stop());
  // The port is ours, but a client may have grabbed it as its ephemeral
  // source port meanwhile: retry for a while.
  absl::Status launched;
  for (int attempt = 0; attempt < 20; ++attempt) {
    launched = Launch();
    if (launched.ok() || !absl::IsAborted(launched)) return launched;
    absl::SleepFor(absl::Milliseconds(250));
  }
  return launched;
}

std::string MariaDbServer::LogText() const {
  return internal::ReadFileOrEmpty(log_path_);
}

absl::Status MariaDbServer::Launch() {
  const std::string mariadbd = FindExecutable({"mariadbd", "mysqld"});
  if (mariadbd.empty()) {
    return absl::FailedPreconditionError("mariadbd not found");
  }
  const size_t log_offset = LogText().size();
  int log_fd =
      open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    return absl::InternalError(
        absl::StrCat("open ", log_path_, ": ", ErrnoText(errno)));
  }
  std::vector<std::string> args = {
      "--no-defaults",  // must come first
      absl::StrCat("--datadir=", data_dir_),
      absl::StrCat("--tmpdir=", tmp_dir_),
      absl::StrCat("--port=", port_),
      "--bind-address=127.0.0.1",
      absl::StrCat("--socket=", socket_path_),
      absl::StrCat("--pid-file=", root_dir_, "/mariadbd.pid"),
      "--skip-log-bin",
      "--skip-name-resolve",
      "--innodb-buffer-pool-size=256M",
      "--innodb-flush-log-at-trx-commit=2",  // tests only: no fsync per commit
      "--innodb-use-native-aio=0",  // many instances would exhaust aio-max-nr
      "--max-connections=500",
      "--character-set-server=utf8mb4",
      "--collation-server=utf8mb4_general_ci",
      "--default-time-zone=+00:00",
  };
  if (geteuid() == 0) args.push_back("--user=root");
  internal::SpawnOptions options;
  options.stdout_fd = log_fd;
  options.stderr_fd = log_fd;
  absl::StatusOr<pid_t> pid = internal::Spawn(mariadbd, args, options);
  close(log_fd);
  if (!pid.ok()) return pid.status();
  pid_ = *pid;

  absl::Status ready = WaitReady(kReadyTimeout);
  if (ready.ok()) return ready;
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    Reap(0);
  }
  const std::string log = LogText().substr(log_offset);
  if (absl::StrContains(log, "Address already in use") ||
      absl::StrContains(log, "Bind on TCP/IP port")) {
    // Aborted: the caller may retry (on another port).
    return absl::AbortedError(
        absl::StrCat("port ", port_, " is taken: ", internal::Tail(log, 5)));
  }
  return absl::UnavailableError(absl::StrCat(
      "mariadbd on port ", port_, " did not become ready: ", ready.message(),
      "; log tail:\n", internal::Tail(log, 30)));
}

absl::Status MariaDbServer::WaitReady(absl::Duration timeout) {
  mysql::ConnectionOptions options = RootOptions();
  options.connect_timeout = absl::Seconds(2);
  options.io_timeout = absl::Seconds(10);
  const absl::Time deadline = absl::Now() + timeout;
  absl::Status last;
  while (true) {
    if (!external_) {
      int status = 0;
      pid_t r = waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        pid_ = -1;
        return absl::UnavailableError(absl::StrCat(
            "mariadbd exited with status ", internal::ExitCodeOf(status)));
      }
    }
    absl::StatusOr<std::vector<std::vector<std::string>>> rows =
        Query(options, "SELECT 1");
    if (rows.ok()) return absl::OkStatus();
    last = rows.status();
    if (absl::Now() >= deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat("no answer within ", absl::FormatDuration(timeout), ": ",
                       last.message()));
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
}

void MariaDbServer::Reap(int grace_ms) {
  if (pid_ <= 0) return;
  const absl::Time deadline = absl::Now() + absl::Milliseconds(grace_ms);
  int status = 0;
  while (true) {
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_ || (r < 0 && errno == ECHILD)) break;
    if (absl::Now() >= deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  pid_ = -1;
}

int RunTestsWithSharedServer(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (!GTEST_FLAG_GET(list_tests)) MariaDbServer::Shared();
  return RUN_ALL_TESTS();
}

}  // namespace partnerhub::testing
