// Running prepared statements with typed parameters, and reading typed
// columns. Storage code calls these inside Transact()/WithConnection(), which
// turn Connector/C++ exceptions into absl::Status.
#ifndef PARTNERHUB_COMMON_MYSQL_STATEMENT_H_
#define PARTNERHUB_COMMON_MYSQL_STATEMENT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/mysql/connection_pool.h"

namespace sql {
class PreparedStatement;
class ResultSet;
}  // namespace sql

namespace partnerhub::mysql {

// One `?` parameter. Times are bound as UTC DATETIME(6).
using Param = std::variant<std::nullptr_t, int64_t, std::string, absl::Time>;
using Params = std::vector<Param>;

// Call sites write Query(conn, kSql, {id, name, now}); an optional value
// becomes NULL when empty.
template <typename T>
Param Optional(const std::optional<T>& v) {
  if (!v.has_value()) return nullptr;
  return Param(*v);
}

// Binds `params` to the statement's `?` in order.
void BindParams(sql::PreparedStatement& stmt, const Params& params);

// Runs a SELECT; the result set is fully buffered on the client.
std::unique_ptr<sql::ResultSet> Query(Connection& conn, const std::string& sql,
                                      const Params& params = {});

// Runs an INSERT/UPDATE/DELETE; returns the number of rows it changed.
int64_t Execute(Connection& conn, const std::string& sql,
                const Params& params = {});

// The AUTO_INCREMENT value of the last INSERT on this connection.
int64_t LastInsertId(Connection& conn);

// DATETIME(6) text ⇄ absl::Time, in UTC.
std::string FormatDatetime(absl::Time t);
absl::Time ParseDatetime(absl::string_view text);

// Typed column readers; NULL reads as the empty value / std::nullopt.
absl::Time GetTime(sql::ResultSet& rs, const char* column);
std::optional<absl::Time> GetOptionalTime(sql::ResultSet& rs,
                                          const char* column);
std::string GetString(sql::ResultSet& rs, const char* column);
int64_t GetInt64(sql::ResultSet& rs, const char* column);

}  // namespace partnerhub::mysql

#endif  // PARTNERHUB_COMMON_MYSQL_STATEMENT_H_
