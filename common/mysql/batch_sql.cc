#include "common/mysql/batch_sql.h"

#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

namespace partnerhub::mysql {

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

std::unique_ptr<sql::ResultSet> QueryOnce(Connection& conn,
                                          const std::string& sql,
                                          const Params& params) {
  std::unique_ptr<sql::PreparedStatement> stmt(
      conn.raw().prepareStatement(sql));
  BindParams(*stmt, params);
  return std::unique_ptr<sql::ResultSet>(stmt->executeQuery());
}

void RunPlain(Connection& conn, const std::string& sql) {
  std::unique_ptr<sql::Statement> stmt(conn.raw().createStatement());
  stmt->execute(sql);
}

}  // namespace partnerhub::mysql
