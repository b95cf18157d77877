#include "common/api/field_checks.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/error_details.h"

namespace partnerhub {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view what) {
  return InvalidField(field, what);
}

// Decodes one UTF-8 code point at `in[*i]`; false on malformed input.
bool NextCodePoint(absl::string_view in, size_t* i, uint32_t* cp) {
  const unsigned char c = in[*i];
  int extra = 0;
  if (c < 0x80) {
    *cp = c;
  } else if ((c & 0xE0) == 0xC0) {
    *cp = c & 0x1F;
    extra = 1;
  } else if ((c & 0xF0) == 0xE0) {
    *cp = c & 0x0F;
    extra = 2;
  } else if ((c & 0xF8) == 0xF0) {
    *cp = c & 0x07;
    extra = 3;
  } else {
    return false;
  }
  if (*i + extra >= in.size()) return false;  // truncated sequence
  for (int k = 1; k <= extra; ++k) {
    const unsigned char d = in[*i + k];
    if ((d & 0xC0) != 0x80) return false;
    *cp = (*cp << 6) | (d & 0x3F);
  }
  // Reject overlong forms and surrogates.
  if ((extra == 1 && *cp < 0x80) || (extra == 2 && *cp < 0x800) ||
      (extra == 3 && (*cp < 0x10000 || *cp > 0x10FFFF)) ||
      (*cp >= 0xD800 && *cp <= 0xDFFF)) {
    return false;
  }
  *i += extra + 1;
  return true;
}

}  // namespace

absl::Status CheckText(absl::string_view field, absl::string_view value,
                       int min_chars, int max_chars) {
  int chars = 0;
  for (size_t i = 0; i < value.size();) {
    uint32_t cp;
    if (!NextCodePoint(value, &i, &cp))
      return Invalid(field, "is not valid UTF-8");
    if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F) {
      return Invalid(field, "must not contain control characters");
    }
    ++chars;
  }
  if (chars < min_chars) {
    return min_chars == 1
               ? Invalid(field, "is required")
               : Invalid(field, absl::StrCat("must have at least ", min_chars,
                                             " characters"));
  }
  if (chars > max_chars) {
    return Invalid(field, absl::StrCat("must have at most ", max_chars,
                                       " characters, has ", chars));
  }
  return absl::OkStatus();
}

absl::Status CheckEmail(absl::string_view field, absl::string_view value) {
  if (value.empty()) return Invalid(field, "is required");
  if (value.size() > 254)
    return Invalid(field, "must have at most 254 characters");
  const size_t at = value.find('@');
  if (at == absl::string_view::npos || at == 0 ||
      value.find('@', at + 1) != absl::string_view::npos) {
    return Invalid(
        field,
        absl::StrCat("\"", value, "\" is not an email address (local@domain)"));
  }
  for (char c : value.substr(0, at)) {
    if (c <= ' ' || c > '~') {
      return Invalid(field, "has a character not allowed in an email address");
    }
  }
  absl::string_view domain = value.substr(at + 1);
  std::vector<absl::string_view> labels = absl::StrSplit(domain, '.');
  if (labels.size() < 2) {
    return Invalid(field, absl::StrCat("domain \"", domain, "\" needs a dot"));
  }
  for (absl::string_view label : labels) {
    if (label.empty() || label.front() == '-' || label.back() == '-') {
      return Invalid(field,
                     absl::StrCat("domain \"", domain, "\" is malformed"));
    }
    for (char c : label) {
      if (!absl::ascii_isalnum(c) && c != '-') {
        return Invalid(field,
                       absl::StrCat("domain \"", domain, "\" is malformed"));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status CheckPhone(absl::string_view field, absl::string_view value) {
  int digits = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (absl::ascii_isdigit(c)) {
      ++digits;
    } else if (c == '+' && i == 0) {
    } else if ((c == ' ' || c == '-') && digits > 0 && i + 1 < value.size() &&
               absl::ascii_isdigit(value[i + 1])) {
    } else {
      return Invalid(field,
                     absl::StrCat("\"", value,
                                  "\" is not a phone number (digits, "
                                  "optional leading +, spaces or dashes)"));
    }
  }
  if (digits < 8 || digits > 15) {
    return Invalid(field,
                   absl::StrCat("must have 8 to 15 digits, has ", digits));
  }
  return absl::OkStatus();
}

absl::Status CheckRange(absl::string_view field, int64_t value, int64_t lo,
                        int64_t hi) {
  if (value < lo || value > hi) {
    return Invalid(field, absl::StrCat("must be between ", lo, " and ", hi,
                                       ", got ", value));
  }
  return absl::OkStatus();
}

absl::Status CheckCurrencyCode(absl::string_view field,
                               absl::string_view code) {
  if (code.size() != 3 || !absl::ascii_isupper(code[0]) ||
      !absl::ascii_isupper(code[1]) || !absl::ascii_isupper(code[2])) {
    return Invalid(field, absl::StrCat("must be an ISO 4217 code of three "
                                       "capital letters, e.g. \"KRW\", got \"",
                                       code, "\""));
  }
  return absl::OkStatus();
}

absl::Status CheckIdentifier(absl::string_view field, absl::string_view value,
                             int max_chars) {
  if (value.empty()) return Invalid(field, "is required");
  if (static_cast<int>(value.size()) > max_chars) {
    return Invalid(
        field, absl::StrCat("must have at most ", max_chars, " characters"));
  }
  for (char c : value) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '.' &&
        c != '_' && c != '-') {
      return Invalid(
          field,
          absl::StrCat("\"", value, "\" may only use a-z, 0-9, '.', '_', '-'"));
    }
  }
  return absl::OkStatus();
}

}  // namespace partnerhub
