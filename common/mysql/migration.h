// A service's schema as an ordered list of numbered migration files.
//
// A schema is made of parts: common's (e.g. "common/events/0001_..." for the
// outbox every producer has) and the service's own ("0002_..."). A part is
// what a name has before its last '/', empty for the service's own files;
// parts apply in the order they first appear in the set, and within a part
// the files apply in number order.
#ifndef PARTNERHUB_COMMON_MYSQL_MIGRATION_H_
#define PARTNERHUB_COMMON_MYSQL_MIGRATION_H_

#include <string>
#include <vector>

namespace partnerhub::mysql {

// A name a migration was recorded under before it moved, with the checksum
// (16 hex digits of the Fingerprint of its text) recorded then.
struct FormerRecord {
  std::string name;
  std::string checksum;
};

struct Migration {
  // File name, "NNNN_what_it_does.sql", with its part in front for a
  // migration of common ("common/events/0001_create_outbox.sql").
  std::string name;
  // The file's text: statements separated by ';' at the end of a line.
  std::string sql;
  // What this migration was recorded as before it moved (from a service's
  // own files into common's). A schema that recorded one of these has it
  // applied already: the migrator renames that record (and takes the
  // checksum of today's text, which may differ in its comments) instead of
  // running the file again.
  std::vector<FormerRecord> formerly;
};

using MigrationSet = std::vector<Migration>;

}  // namespace partnerhub::mysql

#endif  // PARTNERHUB_COMMON_MYSQL_MIGRATION_H_
