// Helpers for the statements customer-experience builds at run time:
// multi-row INSERTs in a few fixed row counts (so each connection prepares
// at most a handful of them), and one-off statements for segment queries,
// whose text varies with the condition and must not fill the per-connection
// statement cache. (Candidates for common/mysql.)
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_BATCH_SQL_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_BATCH_SQL_H_

#include <memory>
#include <string>
#include <vector>

#include "common/mysql/connection_pool.h"
#include "common/mysql/statement.h"

namespace sql {
class ResultSet;
}  // namespace sql

namespace partnerhub::customer_experience {

// Rows per statement: n split greedily into 500, 100, 20, 5 and 1.
std::vector<int> ChunkSizes(int n);

// head + `count` copies of `row` joined by ", " + tail.
std::string RepeatRows(const char* head, const char* row, int count,
                       const char* tail = "");

// Prepares, runs and discards a statement (not cached on the connection).
std::unique_ptr<sql::ResultSet> QueryOnce(mysql::Connection& conn,
                                          const std::string& sql,
                                          const mysql::Params& params);
int64_t ExecuteOnce(mysql::Connection& conn, const std::string& sql,
                    const mysql::Params& params);
// Runs a statement without parameters and result (SAVEPOINT, ...).
void RunPlain(mysql::Connection& conn, const std::string& sql);

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_BATCH_SQL_H_
