// Personal data masked for view BASIC.
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {
namespace {

// Masks all but the first `keep` characters of UTF-8 `text`.
std::string MaskTail(absl::string_view text, int keep) {
  std::string out;
  int chars = 0;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0xF0) {
      len = 4;
    } else if (c >= 0xE0) {
      len = 3;
    } else if (c >= 0xC0) {
      len = 2;
    }
    if (chars < keep) {
      out.append(text.data() + i, len);
    } else {
      out.push_back('*');
    }
    ++chars;
    i += len;
  }
  return out;
}

}  // namespace

PersonalData MaskPersonalData(const PersonalData& data) {
  PersonalData out;
  out.display_name = MaskTail(data.display_name, 1);
  const size_t at = data.email.find('@');
  if (at != std::string::npos) {
    absl::string_view local = absl::string_view(data.email).substr(0, at);
    absl::string_view domain = absl::string_view(data.email).substr(at + 1);
    const size_t dot = domain.rfind('.');
    absl::string_view host =
        dot == absl::string_view::npos ? domain : domain.substr(0, dot);
    absl::string_view tld =
        dot == absl::string_view::npos ? "" : domain.substr(dot);
    out.email = absl::StrCat(MaskTail(local, 1), "@", MaskTail(host, 1), tld);
  } else {
    out.email = MaskTail(data.email, 1);
  }
  int digits = 0;
  for (char c : data.phone) digits += absl::ascii_isdigit(c) ? 1 : 0;
  int seen = 0;
  for (char c : data.phone) {
    if (absl::ascii_isdigit(c)) {
      out.phone.push_back(seen < 4 || seen >= digits - 2 ? c : '*');
      ++seen;
    } else {
      out.phone.push_back(c);
    }
  }
  return out;
}

}  // namespace partnerhub::customer_experience
