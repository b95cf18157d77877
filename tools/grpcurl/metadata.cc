#include "tools/grpcurl/metadata.h"

#include <algorithm>
#include <cstdlib>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace partnerhub::grpcurl {
namespace {

bool IsWordChar(char c) { return absl::ascii_isalnum(c) || c == '_'; }

bool IsValidKey(absl::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    if (!(absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-' ||
          c == '_' || c == '.')) {
      return false;
    }
  }
  return true;
}

bool IsValidValue(absl::string_view value) {
  for (char c : value) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// grpcurl accepts any flavour of base64 (standard or URL-safe, padded or
// not); the value stays as given when none decodes.
std::string DecodeBinaryValue(const std::string& value) {
  std::string decoded;
  if (absl::Base64Unescape(value, &decoded)) return decoded;
  if (absl::WebSafeBase64Unescape(value, &decoded)) return decoded;
  return value;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ExpandHeaders(
    const std::vector<std::string>& headers) {
  std::vector<std::string> expanded;
  expanded.reserve(headers.size());
  for (const std::string& header : headers) {
    std::string out;
    size_t pos = 0;
    while (pos < header.size()) {
      size_t start = header.find("${", pos);
      if (start == std::string::npos) break;
      size_t end = start + 2;
      while (end < header.size() && IsWordChar(header[end])) ++end;
      if (end == start + 2 || end >= header.size() || header[end] != '}') {
        out.append(header, pos, start + 2 - pos);
        pos = start + 2;
        continue;
      }
      const std::string name = header.substr(start + 2, end - start - 2);
      const char* value = std::getenv(name.c_str());
      if (value == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(
            "header \"", header,
            "\" refers to undefined environment variable \"", name, "\""));
      }
      out.append(header, pos, start - pos);
      out.append(value);
      pos = end + 1;
    }
    out.append(header, std::min(pos, header.size()), std::string::npos);
    expanded.push_back(std::move(out));
  }
  return expanded;
}

absl::StatusOr<Metadata> MetadataFromHeaders(
    const std::vector<std::string>& headers) {
  Metadata metadata;
  for (const std::string& header : headers) {
    if (header.empty()) continue;
    const size_t colon = header.find(':');
    std::string name = absl::AsciiStrToLower(
        absl::StripAsciiWhitespace(absl::string_view(header).substr(0, colon)));
    std::string value = colon == std::string::npos
                            ? std::string()
                            : std::string(absl::StripAsciiWhitespace(
                                  absl::string_view(header).substr(colon + 1)));
    if (!IsValidKey(name)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "header \"", header,
          "\" has an invalid name: use letters, digits, '-', '_' and '.'"));
    }
    if (absl::EndsWith(name, "-bin")) {
      value = DecodeBinaryValue(value);
    } else if (!IsValidValue(value)) {
      return absl::InvalidArgumentError(
          absl::StrCat("header \"", header,
                       "\" has a value that is not printable ASCII; use a "
                       "name ending in -bin for binary values"));
    }
    metadata[name].push_back(std::move(value));
  }
  return metadata;
}

std::string MetadataToString(const Metadata& metadata) {
  std::vector<std::string> lines;
  for (const auto& [key, values] : metadata) {
    for (const std::string& value : values) {
      lines.push_back(absl::StrCat(
          key, ": ",
          absl::EndsWith(key, "-bin") ? absl::Base64Escape(value) : value));
    }
  }
  if (lines.empty()) return "(empty)";
  return absl::StrJoin(lines, "\n");
}

}  // namespace partnerhub::grpcurl
