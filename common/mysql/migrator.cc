#include "common/mysql/migrator.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/api/fingerprint.h"
#include "common/log/log.h"
#include "common/mysql/sql_error.h"
#include "common/mysql/statement.h"
#include "common/mysql/transaction.h"

namespace partnerhub::mysql {
namespace {

constexpr char kCreateTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " name VARCHAR(255) NOT NULL PRIMARY KEY,"
    " checksum CHAR(16) NOT NULL,"
    " applied_time DATETIME(6) NOT NULL"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
constexpr char kSelectApplied[] =
    "SELECT name, checksum FROM schema_migrations";
constexpr char kInsertApplied[] =
    "INSERT INTO schema_migrations (name, checksum, applied_time) "
    "VALUES (?, ?, UTC_TIMESTAMP(6))";
constexpr char kRenameApplied[] =
    "UPDATE schema_migrations SET name = ?, checksum = ? WHERE name = ?";
// One migrator at a time per schema, across processes. Asked for a second
// at a time (up to kLockWaitSeconds), so that a stop request is noticed.
constexpr char kGetLock[] =
    "SELECT GET_LOCK(CONCAT(DATABASE(), '.migrate'), 1)";
constexpr int kLockWaitSeconds = 60;
constexpr char kReleaseLock[] =
    "SELECT RELEASE_LOCK(CONCAT(DATABASE(), '.migrate'))";

std::string Checksum(absl::string_view sql) {
  return absl::StrFormat("%016x", Fingerprint(sql));
}

// What `name` has before its last '/': "" for a service's own file.
absl::string_view PartOf(absl::string_view name) {
  size_t slash = name.rfind('/');
  return slash == absl::string_view::npos ? absl::string_view()
                                          : name.substr(0, slash);
}

// The file name without its part.
absl::string_view FileOf(absl::string_view name) {
  return name.substr(name.rfind('/') + 1);
}

// "0001_create_partners.sql": four digits, an underscore, a name, ".sql".
bool IsValidFileName(absl::string_view name) {
  if (name.size() < 10 || !absl::EndsWith(name, ".sql") || name[4] != '_') {
    return false;
  }
  return std::all_of(name.begin(), name.begin() + 4, absl::ascii_isdigit);
}

// Statements end with ';' at the end of a line; lines starting with "--"
// are comments.
std::vector<std::string> SplitStatements(absl::string_view sql) {
  std::vector<std::string> statements;
  std::string current;
  for (absl::string_view line : absl::StrSplit(sql, '\n')) {
    absl::string_view trimmed = absl::StripAsciiWhitespace(line);
    if (trimmed.empty() || absl::StartsWith(trimmed, "--")) continue;
    absl::StrAppend(&current, line, "\n");
    if (absl::EndsWith(trimmed, ";")) {
      current.erase(current.find_last_of(';'));
      statements.push_back(std::move(current));
      current.clear();
    }
  }
  if (!absl::StripAsciiWhitespace(current).empty()) {
    statements.push_back(std::move(current));
  }
  return statements;
}

// The set in the order it applies: parts in the order they first appear,
// each in number order.
MigrationSet InApplyOrder(const MigrationSet& unsorted) {
  std::vector<absl::string_view> parts;
  for (const Migration& m : unsorted) {
    if (std::find(parts.begin(), parts.end(), PartOf(m.name)) == parts.end()) {
      parts.push_back(PartOf(m.name));
    }
  }
  auto rank = [&](const Migration& m) {
    return std::find(parts.begin(), parts.end(), PartOf(m.name)) -
           parts.begin();
  };
  MigrationSet migrations = unsorted;
  std::stable_sort(migrations.begin(), migrations.end(),
                   [&](const Migration& a, const Migration& b) {
                     return std::make_pair(rank(a), FileOf(a.name)) <
                            std::make_pair(rank(b), FileOf(b.name));
                   });
  return migrations;
}

absl::Status CheckSet(const MigrationSet& migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (!IsValidFileName(FileOf(migrations[i].name))) {
      return absl::InvalidArgumentError(absl::StrCat(
          "migration file name '", migrations[i].name,
          "' is not NNNN_name.sql (with an optional part/ in front)"));
    }
    if (i > 0 && PartOf(migrations[i - 1].name) == PartOf(migrations[i].name) &&
        FileOf(migrations[i - 1].name).substr(0, 4) >=
            FileOf(migrations[i].name).substr(0, 4)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "migrations must have distinct increasing numbers: '",
          migrations[i - 1].name, "' then '", migrations[i].name, "'"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<std::string>> Migrate(
    ConnectionPool& pool, const MigrationSet& unsorted,
    const std::function<bool()>& stop_requested) {
  auto stopping = [&] { return stop_requested && stop_requested(); };
  const MigrationSet migrations = InApplyOrder(unsorted);
  if (absl::Status s = CheckSet(migrations); !s.ok()) return s;

  std::vector<std::string> applied_now;
  absl::Status status =
      WithConnection(pool, [&](Connection& conn) -> absl::Status {
        applied_now.clear();
        std::unique_ptr<sql::Statement> stmt(conn.raw().createStatement());
        for (int waited = 0;; ++waited) {
          if (stopping()) {
            return absl::CancelledError(
                "migrate stopped while waiting for the migration lock; nothing "
                "applied");
          }
          std::unique_ptr<sql::ResultSet> lock(stmt->executeQuery(kGetLock));
          if (!lock->next() || lock->isNull(1)) {
            return absl::UnavailableError(
                "GET_LOCK of the migration lock failed");
          }
          if (lock->getInt(1) == 1) break;
          if (waited + 1 >= kLockWaitSeconds) {
            return absl::UnavailableError(
                "another migrate run holds the migration lock");
          }
        }
        // Released on every path: the lock belongs to this connection.
        struct Unlock {
          sql::Statement* stmt;
          ~Unlock() {
            try {
              std::unique_ptr<sql::ResultSet> rs(
                  stmt->executeQuery(kReleaseLock));
            } catch (const sql::SQLException&) {
            }
          }
        } unlock{stmt.get()};

        stmt->execute(kCreateTable);
        std::map<std::string, std::string> applied;
        {
          std::unique_ptr<sql::ResultSet> rs(
              stmt->executeQuery(kSelectApplied));
          while (rs->next())
            applied[GetString(*rs, "name")] = GetString(*rs, "checksum");
        }
        for (const Migration& m : migrations) {
          const std::string checksum = Checksum(m.sql);
          auto it = applied.find(m.name);
          for (const FormerRecord& former : m.formerly) {
            if (it != applied.end()) break;
            auto old = applied.find(former.name);
            if (old == applied.end()) continue;
            if (old->second != former.checksum) {
              return absl::FailedPreconditionError(absl::StrCat(
                  "migration ", m.name, " was applied as ", former.name,
                  " with other text (checksum ", old->second, ", expected ",
                  former.checksum, ")"));
            }
            Execute(conn, kRenameApplied, {m.name, checksum, former.name});
            LogInfo("migration renamed from=", former.name, " to=", m.name);
            it = applied.emplace(m.name, checksum).first;
            applied.erase(old);
          }
          if (it != applied.end()) {
            if (it->second != checksum) {
              return absl::FailedPreconditionError(absl::StrCat(
                  "migration ", m.name,
                  " was changed after it was applied (checksum ", it->second,
                  ", file now ", checksum,
                  "); add a new migration instead of editing an applied one"));
            }
            continue;
          }
          if (stopping()) {
            return absl::CancelledError(absl::StrCat(
                "migrate stopped before ", m.name,
                applied_now.empty()
                    ? std::string("; nothing applied")
                    : absl::StrCat("; applied and recorded: ",
                                   absl::StrJoin(applied_now, ", "))));
          }
          // MySQL commits DDL implicitly, so a migration is not atomic: keep
          // each file to one concern, and record it once all of it ran.
          for (const std::string& statement : SplitStatements(m.sql)) {
            stmt->execute(statement);
          }
          Execute(conn, kInsertApplied, {m.name, checksum});
          LogInfo("migration applied name=", m.name);
          applied_now.push_back(m.name);
        }
        for (const auto& [name, checksum] : applied) {
          const bool known = std::any_of(
              migrations.begin(), migrations.end(),
              [&name = name](const Migration& m) { return m.name == name; });
          if (!known) {
            LogWarning("schema has migration ", name,
                       " that this binary does not know (newer schema?)");
          }
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return applied_now;
}

}  // namespace partnerhub::mysql
