// A service's schema as an ordered list of numbered migration files.
#ifndef PARTNERHUB_COMMON_MYSQL_MIGRATION_H_
#define PARTNERHUB_COMMON_MYSQL_MIGRATION_H_

#include <string>
#include <vector>

namespace partnerhub::mysql {

struct Migration {
  // File name, "NNNN_what_it_does.sql".
  std::string name;
  // The file's text: statements separated by ';' at the end of a line.
  std::string sql;
};

using MigrationSet = std::vector<Migration>;

}  // namespace partnerhub::mysql

#endif  // PARTNERHUB_COMMON_MYSQL_MIGRATION_H_
