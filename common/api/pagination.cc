#include "common/api/pagination.h"

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"

namespace partnerhub {
namespace {

constexpr char kVersion = '1';

// Reads "<decimal length>:<bytes>" from the front of `in`.
bool ReadField(absl::string_view& in, std::string* out) {
  size_t colon = in.find(':');
  if (colon == absl::string_view::npos) return false;
  size_t length;
  if (!absl::SimpleAtoi(in.substr(0, colon), &length)) return false;
  in.remove_prefix(colon + 1);
  if (length > in.size()) return false;
  *out = std::string(in.substr(0, length));
  in.remove_prefix(length);
  return true;
}

}  // namespace

absl::Status BadPageToken() {
  return InvalidField("page_token", "is not a token this list returned",
                      reason::kInvalidPageToken);
}

absl::StatusOr<int> ResolvePageSize(int32_t page_size, PageSizeLimits limits) {
  if (page_size < 0) {
    return InvalidField("page_size", "must not be negative");
  }
  if (page_size == 0) return limits.default_size;
  return std::min<int>(page_size, limits.max_size);
}

std::string EncodePageToken(const PageToken& token,
                            uint64_t query_fingerprint) {
  std::string fp = absl::StrCat(query_fingerprint);
  std::string raw = absl::StrCat(std::string(1, kVersion), fp.size(), ":", fp);
  for (const std::string& key : token.last_key) {
    absl::StrAppend(&raw, key.size(), ":", key);
  }
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<PageToken> DecodePageToken(absl::string_view encoded,
                                          uint64_t query_fingerprint) {
  PageToken token;
  if (encoded.empty()) return token;
  std::string raw;
  if (!absl::WebSafeBase64Unescape(encoded, &raw) || raw.empty() ||
      raw[0] != kVersion) {
    return BadPageToken();
  }
  absl::string_view in(raw);
  in.remove_prefix(1);
  std::string fp;
  if (!ReadField(in, &fp)) return BadPageToken();
  if (fp != absl::StrCat(query_fingerprint)) {
    return InvalidField("page_token",
                        "belongs to a different query: keep filter, order_by "
                        "and parent the same while paging",
                        reason::kInvalidPageToken);
  }
  while (!in.empty()) {
    std::string key;
    if (!ReadField(in, &key)) return BadPageToken();
    token.last_key.push_back(std::move(key));
  }
  return token;
}

}  // namespace partnerhub
