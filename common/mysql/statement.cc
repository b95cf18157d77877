#include "common/mysql/statement.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace partnerhub::mysql {
void BindParams(sql::PreparedStatement& stmt, const Params& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    const unsigned index = static_cast<unsigned>(i + 1);
    const Param& p = params[i];
    if (std::holds_alternative<std::nullptr_t>(p)) {
      stmt.setNull(index, 0);
    } else if (const auto* v = std::get_if<int64_t>(&p)) {
      stmt.setInt64(index, *v);
    } else if (const auto* v = std::get_if<std::string>(&p)) {
      stmt.setString(index, *v);
    } else {
      stmt.setString(index, FormatDatetime(std::get<absl::Time>(p)));
    }
  }
}

std::unique_ptr<sql::ResultSet> Query(Connection& conn, const std::string& sql,
                                      const Params& params) {
  sql::PreparedStatement& stmt = conn.Prepare(sql);
  BindParams(stmt, params);
  return std::unique_ptr<sql::ResultSet>(stmt.executeQuery());
}

int64_t Execute(Connection& conn, const std::string& sql,
                const Params& params) {
  sql::PreparedStatement& stmt = conn.Prepare(sql);
  BindParams(stmt, params);
  return stmt.executeUpdate();
}

int64_t LastInsertId(Connection& conn) {
  std::unique_ptr<sql::ResultSet> rs = Query(conn, "SELECT LAST_INSERT_ID()");
  rs->next();
  return rs->getInt64(1);
}

std::string FormatDatetime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone());
}

absl::Time ParseDatetime(absl::string_view text) {
  absl::Time t;
  std::string err;
  // Fractional seconds are optional in what the server sends back.
  if (absl::ParseTime("%Y-%m-%d %H:%M:%E*S", text, absl::UTCTimeZone(), &t,
                      &err)) {
    return t;
  }
  return absl::InfinitePast();
}

absl::Time GetTime(sql::ResultSet& rs, const char* column) {
  return ParseDatetime(std::string(rs.getString(column)));
}

std::optional<absl::Time> GetOptionalTime(sql::ResultSet& rs,
                                          const char* column) {
  if (rs.isNull(column)) return std::nullopt;
  return GetTime(rs, column);
}

std::string GetString(sql::ResultSet& rs, const char* column) {
  return std::string(rs.getString(column));
}

int64_t GetInt64(sql::ResultSet& rs, const char* column) {
  return rs.getInt64(column);
}

}  // namespace partnerhub::mysql
