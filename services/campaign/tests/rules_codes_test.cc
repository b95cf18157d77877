// Unit tests of the campaign rules (no database, no network): coupon codes,
// their alphabet, check character and format.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/campaign/src/domain/rules.h"
#include "services/campaign/src/domain/secure_random.h"
#include "services/campaign/tests/rules_fixture.h"

namespace partnerhub::campaign {
namespace {

// A deterministic RandomSource for code tests.
class CountingRandom final : public RandomSource {
 public:
  uint64_t Next() override {
    return state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
  }

 private:
  uint64_t state_ = 1;
};

// ---- Codes ----

TEST(CodeTest, MadeCodesHavePrefixLengthAlphabetAndAValidCheckCharacter) {
  SecureRandom random;
  const CodeFormat format{.prefix = "BURGER", .length = 10};
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string code = MakeCode(format, random);
    ASSERT_EQ(code.size(), 6u + 10u + 1u);
    EXPECT_EQ(code.substr(0, 6), "BURGER");
    for (char c : code)
      EXPECT_NE(kCodeAlphabet.find(c), absl::string_view::npos) << code;
    auto normalized = NormalizeCode("code", code);
    ASSERT_TRUE(normalized.ok()) << normalized.status();
    EXPECT_EQ(*normalized, code);
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 2000u);
}

TEST(CodeTest, AlphabetHasNoLookAlikes) {
  for (char c : std::string("0O1IL")) {
    EXPECT_EQ(kCodeAlphabet.find(c), absl::string_view::npos) << c;
  }
  EXPECT_EQ(kCodeAlphabet.size(), 31u);
}

TEST(CodeTest, NormalizeAcceptsCaseSpacesAndDashes) {
  CountingRandom random;
  const std::string code = MakeCode({.prefix = "", .length = 8}, random);
  std::string typed = absl::AsciiStrToLower(code);
  typed.insert(4, "-");
  typed.insert(2, " ");
  auto normalized = NormalizeCode("use.code", typed);
  ASSERT_TRUE(normalized.ok()) << normalized.status();
  EXPECT_EQ(*normalized, code);
}

TEST(CodeTest, EverySingleMistypedCharacterIsCaught) {
  CountingRandom random;
  const std::string code = MakeCode({.prefix = "PH", .length = 12}, random);
  for (size_t i = 0; i < code.size(); ++i) {
    for (char c : kCodeAlphabet) {
      if (c == code[i]) continue;
      std::string typo = code;
      typo[i] = c;
      auto s = NormalizeCode("use.code", typo);
      EXPECT_TRUE(absl::IsInvalidArgument(s.status())) << typo;
    }
  }
}

TEST(CodeTest, EverySwapOfNeighboursIsCaught) {
  CountingRandom random;
  for (int n = 0; n < 50; ++n) {
    const std::string code = MakeCode({.prefix = "", .length = 14}, random);
    for (size_t i = 0; i + 2 < code.size(); ++i) {  // body characters
      if (code[i] == code[i + 1]) continue;
      std::string swapped = code;
      std::swap(swapped[i], swapped[i + 1]);
      EXPECT_FALSE(NormalizeCode("use.code", swapped).ok())
          << code << " " << swapped;
    }
  }
}

TEST(CodeTest, MistypedCodeSaysSoAndNamesTheField) {
  auto s = NormalizeCode("use.code", "ABCDEFGH2");
  if (s.ok()) s = NormalizeCode("use.code", "ABCDEFGH3");
  ASSERT_TRUE(absl::IsInvalidArgument(s.status()));
  EXPECT_NE(s.status().message().find("use.code"), std::string::npos);
  EXPECT_TRUE(absl::IsInvalidArgument(NormalizeCode("use.code", "").status()));
  EXPECT_TRUE(
      absl::IsInvalidArgument(NormalizeCode("use.code", "ABC").status()));
  EXPECT_TRUE(
      absl::IsInvalidArgument(NormalizeCode("use.code", "ABCDEF0GH").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      NormalizeCode("use.code", std::string(40, 'A')).status()));
}

TEST(CodeTest, FormatIsCheckedAndDefaulted) {
  auto f = ResolveCodeFormat("issuance.format",
                             {.prefix = "burger", .length = 0}, 1000);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->prefix, "BURGER");
  EXPECT_EQ(f->length, kDefaultBodyLength);
  EXPECT_TRUE(absl::IsInvalidArgument(
      ResolveCodeFormat("f", {.prefix = "LOTTE", .length = 10}, 1).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      ResolveCodeFormat("f", {.prefix = "ABCDEFGHJ", .length = 10}, 1)
          .status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      ResolveCodeFormat("f", {.prefix = "", .length = 5}, 1).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      ResolveCodeFormat("f", {.prefix = "", .length = 21}, 1).status()));
  // 31^6 ≈ 8.9e8 bodies: enough for 80,000 codes, not for a million.
  EXPECT_TRUE(ResolveCodeFormat("f", {.prefix = "", .length = 6}, 80000).ok());
  auto guessable = ResolveCodeFormat("f", {.prefix = "", .length = 6}, 1000000);
  EXPECT_TRUE(absl::IsInvalidArgument(guessable.status()));
  EXPECT_NE(guessable.status().message().find("guessable"), std::string::npos);
}
}  // namespace
}  // namespace partnerhub::campaign
