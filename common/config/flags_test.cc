#include "common/config/flags.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

ABSL_FLAG(std::string, ph_test_color, "red", "a test-only flag");
ABSL_FLAG(int, ph_test_count, 1, "a test-only flag");

namespace partnerhub {
namespace {

using ::testing::ElementsAre;

class ParseFlagsTest : public testing::Test {
 protected:
  void TearDown() override {
    unsetenv("PARTNERHUB_PH_TEST_COLOR");
    unsetenv("PARTNERHUB_PH_TEST_COUNT");
  }

  // ParseFlags takes a mutable argv, as main() has.
  std::vector<std::string> Parse(std::vector<std::string> args) {
    args.insert(args.begin(), "flags_test");
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    return ParseFlags(static_cast<int>(argv.size()), argv.data(), "test");
  }

  absl::FlagSaver saver_;  // restores the flags after each test
};

TEST_F(ParseFlagsTest, DefaultWhenNeitherIsSet) {
  Parse({});
  EXPECT_EQ(absl::GetFlag(FLAGS_ph_test_color), "red");
  EXPECT_EQ(absl::GetFlag(FLAGS_ph_test_count), 1);
}

TEST_F(ParseFlagsTest, EnvironmentBeatsDefault) {
  setenv("PARTNERHUB_PH_TEST_COLOR", "blue", 1);
  setenv("PARTNERHUB_PH_TEST_COUNT", "42", 1);
  Parse({});
  EXPECT_EQ(absl::GetFlag(FLAGS_ph_test_color), "blue");
  EXPECT_EQ(absl::GetFlag(FLAGS_ph_test_count), 42);
}

TEST_F(ParseFlagsTest, CommandLineBeatsEnvironment) {
  setenv("PARTNERHUB_PH_TEST_COLOR", "blue", 1);
  setenv("PARTNERHUB_PH_TEST_COUNT", "42", 1);
  Parse({"--ph_test_color=green"});
  EXPECT_EQ(absl::GetFlag(FLAGS_ph_test_color), "green");
  // Not on the command line, so the environment still applies.
  EXPECT_EQ(absl::GetFlag(FLAGS_ph_test_count), 42);
}

TEST_F(ParseFlagsTest, CommandLineBeatsEnvironmentEvenWithDefaultValue) {
  setenv("PARTNERHUB_PH_TEST_COLOR", "blue", 1);
  Parse({"--ph_test_color=red"});
  EXPECT_EQ(absl::GetFlag(FLAGS_ph_test_color), "red");
}

TEST_F(ParseFlagsTest, ReturnsPositionalArgumentsWithoutProgramName) {
  EXPECT_THAT(Parse({"migrate", "--ph_test_count=3", "extra"}),
              ElementsAre("migrate", "extra"));
  EXPECT_EQ(absl::GetFlag(FLAGS_ph_test_count), 3);
}

TEST_F(ParseFlagsTest, BadEnvironmentValueExitsNamingTheVariable) {
  setenv("PARTNERHUB_PH_TEST_COUNT", "many", 1);
  EXPECT_EXIT(Parse({}), testing::ExitedWithCode(1),
              "PARTNERHUB_PH_TEST_COUNT");
}

TEST(FlagEnvVarNameTest, UppercasesWithPrefix) {
  EXPECT_EQ(FlagEnvVarName("db_pool_size"), "PARTNERHUB_DB_POOL_SIZE");
}

TEST(RequireNonEmptyTest, NamesFlagAndVariable) {
  EXPECT_TRUE(RequireNonEmpty("db_user", "partner").ok());
  absl::Status status = RequireNonEmpty("db_user", "");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "flag --db_user (env PARTNERHUB_DB_USER) is required");
}

}  // namespace
}  // namespace partnerhub
