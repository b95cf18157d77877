#include "services/customer_experience/src/storage/batch_sql.h"

#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

namespace partnerhub::customer_experience {
namespace {

void Bind(sql::PreparedStatement& stmt, const mysql::Params& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    const unsigned index = static_cast<unsigned>(i + 1);
    const mysql::Param& p = params[i];
    if (std::holds_alternative<std::nullptr_t>(p)) {
      stmt.setNull(index, 0);
    } else if (const auto* v = std::get_if<int64_t>(&p)) {
      stmt.setInt64(index, *v);
    } else if (const auto* v = std::get_if<std::string>(&p)) {
      stmt.setString(index, *v);
    } else {
      stmt.setString(index, mysql::FormatDatetime(std::get<absl::Time>(p)));
    }
  }
}

}  // namespace

std::vector<int> ChunkSizes(int n) {
  static constexpr int kSizes[] = {500, 100, 20, 5, 1};
  std::vector<int> out;
  for (int size : kSizes) {
    while (n >= size) {
      out.push_back(size);
      n -= size;
    }
  }
  return out;
}

std::string RepeatRows(const char* head, const char* row, int count,
                       const char* tail) {
  std::string out(head);
  const size_t row_len = std::char_traits<char>::length(row);
  out.reserve(out.size() + count * (row_len + 2) + 64);
  for (int i = 0; i < count; ++i) {
    if (i > 0) out += ", ";
    out += row;
  }
  out += tail;
  return out;
}

std::unique_ptr<sql::ResultSet> QueryOnce(mysql::Connection& conn,
                                          const std::string& sql,
                                          const mysql::Params& params) {
  std::unique_ptr<sql::PreparedStatement> stmt(
      conn.raw().prepareStatement(sql));
  Bind(*stmt, params);
  return std::unique_ptr<sql::ResultSet>(stmt->executeQuery());
}

int64_t ExecuteOnce(mysql::Connection& conn, const std::string& sql,
                    const mysql::Params& params) {
  std::unique_ptr<sql::PreparedStatement> stmt(
      conn.raw().prepareStatement(sql));
  Bind(*stmt, params);
  return stmt->executeUpdate();
}

void RunPlain(mysql::Connection& conn, const std::string& sql) {
  std::unique_ptr<sql::Statement> stmt(conn.raw().createStatement());
  stmt->execute(sql);
}

}  // namespace partnerhub::customer_experience
