// Statements built at run time: multi-row INSERTs in a few fixed row counts
// (so each connection prepares at most a handful of them), and one-off
// statements (e.g. segment queries) whose text varies and must not fill the
// per-connection statement cache.
#ifndef PARTNERHUB_COMMON_MYSQL_BATCH_SQL_H_
#define PARTNERHUB_COMMON_MYSQL_BATCH_SQL_H_

#include <memory>
#include <string>
#include <vector>

#include "common/mysql/connection_pool.h"
#include "common/mysql/statement.h"

namespace sql {
class ResultSet;
}  // namespace sql

namespace partnerhub::mysql {

// Rows per statement: n split greedily into 500, 100, 20, 5 and 1.
std::vector<int> ChunkSizes(int n);

// head + `count` copies of `row` joined by ", " + tail.
std::string RepeatRows(const char* head, const char* row, int count,
                       const char* tail = "");

// Prepares, runs and discards a statement (not cached on the connection).
std::unique_ptr<sql::ResultSet> QueryOnce(Connection& conn,
                                          const std::string& sql,
                                          const Params& params);
// Runs a statement without parameters and result (SAVEPOINT, ...).
void RunPlain(Connection& conn, const std::string& sql);

}  // namespace partnerhub::mysql

#endif  // PARTNERHUB_COMMON_MYSQL_BATCH_SQL_H_
