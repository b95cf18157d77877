#include "common/api/list_query.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/error_details.h"

namespace partnerhub {
namespace {

bool IsFieldChar(char c) {
  return absl::ascii_isalnum(c) || c == '_' || c == '.';
}

absl::Status FilterError(absl::string_view what, size_t pos) {
  return InvalidField(
      "filter", absl::StrCat("is not valid at position ", pos + 1, ": ", what));
}

// A cursor over the filter text.
class Scanner {
 public:
  explicit Scanner(absl::string_view text) : text_(text) {}

  void SkipSpaces() {
    while (pos_ < text_.size() && absl::ascii_isspace(text_[pos_])) ++pos_;
  }
  bool AtEnd() {
    SkipSpaces();
    return pos_ >= text_.size();
  }
  size_t pos() const { return pos_; }

  std::string Field() {
    SkipSpaces();
    size_t start = pos_;
    while (pos_ < text_.size() && IsFieldChar(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  // "=" or "!="; empty when neither.
  std::string Operator() {
    SkipSpaces();
    if (absl::StartsWith(text_.substr(pos_), "!=")) {
      pos_ += 2;
      return "!=";
    }
    if (pos_ < text_.size() && text_[pos_] == '=') {
      ++pos_;
      return "=";
    }
    return "";
  }

  // A bare word or a double-quoted string with \" and \\ escapes.
  absl::StatusOr<std::string> Value() {
    SkipSpaces();
    if (pos_ < text_.size() && text_[pos_] == '"') {
      const size_t open = pos_++;
      std::string value;
      while (pos_ < text_.size() && text_[pos_] != '"') {
        if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
        value.push_back(text_[pos_++]);
      }
      if (pos_ >= text_.size()) return FilterError("unterminated string", open);
      ++pos_;
      return value;
    }
    size_t start = pos_;
    while (pos_ < text_.size() && !absl::ascii_isspace(text_[pos_])) ++pos_;
    if (start == pos_) return FilterError("expected a value", start);
    return std::string(text_.substr(start, pos_ - start));
  }

  bool Keyword(absl::string_view word) {
    SkipSpaces();
    absl::string_view rest = text_.substr(pos_);
    if (rest.size() > word.size() && !absl::ascii_isspace(rest[word.size()])) {
      return false;
    }
    if (!absl::StartsWith(rest, word)) return false;
    pos_ += word.size();
    return true;
  }

 private:
  absl::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

absl::StatusOr<std::vector<FilterTerm>> ParseFilter(absl::string_view filter) {
  std::vector<FilterTerm> terms;
  Scanner in(filter);
  if (in.AtEnd()) return terms;
  while (true) {
    FilterTerm term;
    const size_t field_pos = (in.SkipSpaces(), in.pos());
    term.field = in.Field();
    if (term.field.empty())
      return FilterError("expected a field name", field_pos);
    const size_t op_pos = (in.SkipSpaces(), in.pos());
    const std::string op = in.Operator();
    if (op.empty()) {
      return FilterError(
          absl::StrCat("expected = or != after '", term.field, "'"), op_pos);
    }
    absl::StatusOr<std::string> value = in.Value();
    if (!value.ok()) return value.status();
    term.value = *std::move(value);
    term.op = op == "=" ? FilterTerm::Op::kEquals : FilterTerm::Op::kNotEquals;
    if (term.op == FilterTerm::Op::kEquals && absl::EndsWith(term.value, "*")) {
      term.op = FilterTerm::Op::kHasPrefix;
      term.value.pop_back();
    }
    terms.push_back(std::move(term));
    if (in.AtEnd()) return terms;
    const size_t and_pos = in.pos();
    if (!in.Keyword("AND")) {
      return FilterError("expected AND between terms (OR is not supported)",
                         and_pos);
    }
  }
}

absl::StatusOr<std::vector<OrderTerm>> ParseOrderBy(
    absl::string_view order_by) {
  std::vector<OrderTerm> terms;
  if (absl::StripAsciiWhitespace(order_by).empty()) return terms;
  for (absl::string_view part : absl::StrSplit(order_by, ',')) {
    std::vector<absl::string_view> words =
        absl::StrSplit(part, ' ', absl::SkipWhitespace());
    if (words.empty() || words.size() > 2) {
      return InvalidField("order_by",
                          absl::StrCat("must be 'field [asc|desc]', got '",
                                       absl::StripAsciiWhitespace(part), "'"));
    }
    OrderTerm term;
    term.field = std::string(words[0]);
    if (words.size() == 2) {
      std::string dir = absl::AsciiStrToLower(words[1]);
      if (dir != "asc" && dir != "desc") {
        return InvalidField(
            "order_by",
            absl::StrCat("must say asc or desc after '", term.field, "'"));
      }
      term.descending = dir == "desc";
    }
    terms.push_back(std::move(term));
  }
  return terms;
}

}  // namespace partnerhub
