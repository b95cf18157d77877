// The holdout assignment shared by campaign and reporting.
#include "common/api/holdout.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"

namespace partnerhub {
namespace {

TEST(HoldoutTest, FollowsTheDocumentedFormula) {
  // FNV-1a-64 of "campaigns/7|customers/abc", written out as in the proto.
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : std::string("campaigns/7|customers/abc")) {
    h ^= c;
    h *= 1099511628211ull;
  }
  const int32_t bucket = static_cast<int32_t>(h % 10000);
  EXPECT_TRUE(IsHoldout("campaigns/7", "customers/abc", bucket + 1));
  EXPECT_FALSE(IsHoldout("campaigns/7", "customers/abc", bucket));
}

TEST(HoldoutTest, IsDeterministicAndHoldsTheShareOut) {
  int held = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const std::string customer = absl::StrCat("customers/c", i);
    const bool h = IsHoldout("campaigns/12", customer, 1500);
    EXPECT_EQ(h, IsHoldout("campaigns/12", customer, 1500));
    EXPECT_FALSE(IsHoldout("campaigns/12", customer, 0));
    EXPECT_TRUE(IsHoldout("campaigns/12", customer, 10000));
    held += h;
  }
  EXPECT_NEAR(held / static_cast<double>(n), 0.15, 0.01);
  // Another campaign holds out other customers.
  int both = 0;
  for (int i = 0; i < n; ++i) {
    const std::string customer = absl::StrCat("customers/c", i);
    both += IsHoldout("campaigns/12", customer, 1500) &&
            IsHoldout("campaigns/13", customer, 1500);
  }
  EXPECT_NEAR(both / static_cast<double>(n), 0.15 * 0.15, 0.01);
}

}  // namespace
}  // namespace partnerhub
