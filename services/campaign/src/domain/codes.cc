// Coupon code format: alphabet, check character, generation (rules.h).
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/campaign/src/domain/rules.h"

namespace partnerhub::campaign {
namespace {

constexpr int kRadix = 31;
static_assert(kCodeAlphabet.size() == kRadix);
// Every position's weight (1..29) must stay below the radix, a prime.
static_assert(kMaxPrefixLength + kMaxBodyLength + 1 < kRadix);

// Position of `c` in the alphabet, or -1.
int IndexOf(char c) {
  const size_t i = kCodeAlphabet.find(c);
  return i == absl::string_view::npos ? -1 : static_cast<int>(i);
}

}  // namespace

absl::StatusOr<CodeFormat> ResolveCodeFormat(absl::string_view field,
                                             CodeFormat format, int64_t count) {
  if (format.length == 0) format.length = kDefaultBodyLength;
  format.prefix = absl::AsciiStrToUpper(format.prefix);
  if (static_cast<int>(format.prefix.size()) > kMaxPrefixLength) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ".prefix must be at most ", kMaxPrefixLength, " characters"));
  }
  for (char c : format.prefix) {
    if (IndexOf(c) < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ".prefix may use only the code alphabet ", kCodeAlphabet,
          " (no 0, O, 1, I, L); \"", std::string(1, c), "\" is not in it"));
    }
  }
  if (format.length < kMinBodyLength || format.length > kMaxBodyLength) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".length must be between ", kMinBodyLength, " and ",
                     kMaxBodyLength, ", got ", format.length));
  }
  const double space = std::pow(static_cast<double>(kRadix), format.length);
  if (space < kMinCodeSpacePerCode * static_cast<double>(count)) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ".length ", format.length, " is too short for ", count,
        " codes: they would be guessable; use a longer length"));
  }
  return format;
}

char CheckCharacter(absl::string_view chars) {
  int64_t sum = 0;
  for (size_t i = 0; i < chars.size(); ++i) {
    sum += static_cast<int64_t>(i + 1) * IndexOf(chars[i]);
  }
  return kCodeAlphabet[sum % kRadix];
}

std::string MakeCode(const CodeFormat& format, RandomSource& random) {
  // Rejection sampling keeps every character uniform.
  constexpr uint64_t kLimit = UINT64_MAX - UINT64_MAX % kRadix;
  std::string code = format.prefix;
  code.reserve(format.prefix.size() + format.length + 1);
  for (int i = 0; i < format.length; ++i) {
    uint64_t v;
    do {
      v = random.Next();
    } while (v >= kLimit);
    code.push_back(kCodeAlphabet[v % kRadix]);
  }
  code.push_back(CheckCharacter(code));
  return code;
}

absl::StatusOr<std::string> NormalizeCode(absl::string_view field,
                                          absl::string_view input) {
  std::string code;
  code.reserve(input.size());
  for (char c : input) {
    if (c == ' ' || c == '-') continue;
    code.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
  }
  if (code.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
  }
  constexpr int kMaxLength = kMaxPrefixLength + kMaxBodyLength + 1;
  if (static_cast<int>(code.size()) < kMinBodyLength + 1 ||
      static_cast<int>(code.size()) > kMaxLength) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " is not a coupon code: it must have ",
                     kMinBodyLength + 1, " to ", kMaxLength, " characters"));
  }
  for (char c : code) {
    if (IndexOf(c) < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, " is not a coupon code: codes use only ",
                       kCodeAlphabet, " (no 0, O, 1, I, L)"));
    }
  }
  const absl::string_view chars(code.data(), code.size() - 1);
  if (CheckCharacter(chars) != code.back()) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " ", code, " is mistyped: its check character does not match"));
  }
  return code;
}

}  // namespace partnerhub::campaign
