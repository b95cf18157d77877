// Coupon code format: alphabet, check character, generation (rules.h).
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
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
  // The prefix and the length are checked independently: both reported.
  FieldErrors errors;
  const std::string prefix_field = absl::StrCat(field, ".prefix");
  const std::string length_field = absl::StrCat(field, ".length");
  if (static_cast<int>(format.prefix.size()) > kMaxPrefixLength) {
    errors.Add(prefix_field, absl::StrCat("must be at most ", kMaxPrefixLength,
                                          " characters"));
  } else {
    for (char c : format.prefix) {
      if (IndexOf(c) < 0) {
        errors.Add(prefix_field,
                   absl::StrCat("may use only the code alphabet ",
                                kCodeAlphabet, " (no 0, O, 1, I, L); \"",
                                std::string(1, c), "\" is not in it"));
        break;
      }
    }
  }
  const double space = std::pow(static_cast<double>(kRadix), format.length);
  if (format.length < kMinBodyLength || format.length > kMaxBodyLength) {
    errors.Add(length_field,
               absl::StrCat("must be between ", kMinBodyLength, " and ",
                            kMaxBodyLength, ", got ", format.length));
  } else if (space < kMinCodeSpacePerCode * static_cast<double>(count)) {
    errors.Add(length_field,
               absl::StrCat(format.length, " is too short for ", count,
                            " codes: they would be guessable; use a longer "
                            "length"));
  }
  PH_RETURN_IF_ERROR(errors.Result());
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
  if (code.empty()) return InvalidField(field, "is required");
  constexpr int kMaxLength = kMaxPrefixLength + kMaxBodyLength + 1;
  if (static_cast<int>(code.size()) < kMinBodyLength + 1 ||
      static_cast<int>(code.size()) > kMaxLength) {
    return InvalidField(
        field,
        absl::StrCat("is not a coupon code: it must have ", kMinBodyLength + 1,
                     " to ", kMaxLength, " characters"));
  }
  for (char c : code) {
    if (IndexOf(c) < 0) {
      return InvalidField(field,
                          absl::StrCat("is not a coupon code: codes use only ",
                                       kCodeAlphabet, " (no 0, O, 1, I, L)"));
    }
  }
  const absl::string_view chars(code.data(), code.size() - 1);
  if (CheckCharacter(chars) != code.back()) {
    return InvalidField(
        field,
        absl::StrCat(code, " is mistyped: its check character does not match"));
  }
  return code;
}

}  // namespace partnerhub::campaign
