// ProducerMigrations against a real MariaDB: a new schema gets common's
// tables first, and a schema migrated with the producers' former copies of
// them (testdata/former_producer_copies, the files as the producers had
// them) is renamed into common's names without running anything again.
#include "common/events/producer_schema.h"

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/mysql/migrator.h"
#include "common/mysql/mysql_test_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace partnerhub_former_producer_copies {
partnerhub::mysql::MigrationSet EmbeddedMigrations();
}  // namespace partnerhub_former_producer_copies

namespace partnerhub::events {
namespace {

using mysql::MigrationSet;
using ::testing::ElementsAre;

MigrationSet Own() {
  return {{"0002_create_things.sql", "CREATE TABLE things (id BIGINT);\n"},
          {"0007_fill_things.sql", "INSERT INTO things VALUES (1);\n"}};
}

class ProducerSchemaTest : public mysql::MysqlTest {};

TEST_F(ProducerSchemaTest, NewSchemaGetsCommonTablesFirst) {
  mysql::ConnectionOptions options = NewSchema();
  auto pool = NewPool(options);
  ASSERT_NE(pool, nullptr);
  absl::StatusOr<std::vector<std::string>> applied =
      mysql::Migrate(*pool, ProducerMigrations(Own()));
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_THAT(*applied,
              ElementsAre("common/mysql/0001_create_request_ids.sql",
                          "common/events/0001_create_outbox.sql",
                          "0002_create_things.sql", "0007_fill_things.sql"));
  EXPECT_EQ(Count(options, "request_ids"), 0);
  EXPECT_EQ(Count(options, "event_feed"), 1);
}

TEST_F(ProducerSchemaTest, FormerCopiesAreRenamedNotAppliedAgain) {
  mysql::ConnectionOptions options = NewSchema();
  auto pool = NewPool(options);
  ASSERT_NE(pool, nullptr);
  // A producer's schema from before: its own 0001 and 0006 copies.
  MigrationSet before = partnerhub_former_producer_copies::EmbeddedMigrations();
  before.push_back(Own()[0]);
  absl::StatusOr<std::vector<std::string>> applied =
      mysql::Migrate(*pool, before);
  ASSERT_TRUE(applied.ok()) << applied.status();
  ASSERT_THAT(*applied,
              ElementsAre("0001_create_request_ids.sql",
                          "0002_create_things.sql", "0006_create_outbox.sql"));

  // Creating the tables again would fail: they must be adopted.
  applied = mysql::Migrate(*pool, ProducerMigrations(Own()));
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_THAT(*applied, ElementsAre("0007_fill_things.sql"));
  EXPECT_THAT(
      Rows(options, "SELECT name FROM schema_migrations ORDER BY name"),
      ElementsAre(ElementsAre("0002_create_things.sql"),
                  ElementsAre("0007_fill_things.sql"),
                  ElementsAre("common/events/0001_create_outbox.sql"),
                  ElementsAre("common/mysql/0001_create_request_ids.sql")));
  applied = mysql::Migrate(*pool, ProducerMigrations(Own()));
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_THAT(*applied, ElementsAre());
}

}  // namespace
}  // namespace partnerhub::events
