#include "common/mysql/keyset_list.h"

#include <cstdint>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace partnerhub::mysql {
namespace {

// `value` as the parameter of a key column of `kind`; false when a kInteger
// value is not an integer.
bool KeyParam(const std::string& value, KeyKind kind, Param* out) {
  if (kind == KeyKind::kText) {
    *out = value;
    return true;
  }
  int64_t n = 0;
  if (!absl::SimpleAtoi(value, &n)) return false;
  *out = n;
  return true;
}

}  // namespace

KeysetList::KeysetList(std::string select) : select_(std::move(select)) {}

KeysetList& KeysetList::Where(std::string condition, Params params) {
  where_.push_back(std::move(condition));
  for (Param& p : params) params_.push_back(std::move(p));
  return *this;
}

KeysetList& KeysetList::WhereText(absl::string_view column,
                                  const FilterTerm& term) {
  switch (term.op) {
    case FilterTerm::Op::kEquals:
      return Where(absl::StrCat(column, " = ?"), {term.value});
    case FilterTerm::Op::kNotEquals:
      return Where(absl::StrCat(column, " <> ?"), {term.value});
    case FilterTerm::Op::kHasPrefix:
      return Where(absl::StrCat(column, " LIKE ?"), {LikePrefix(term.value)});
  }
  return *this;
}

KeysetList& KeysetList::OrderBy(std::string column, KeyKind kind) {
  order_.push_back({std::move(column), kind});
  return *this;
}

KeysetList& KeysetList::Tie(std::string column, KeyKind kind) {
  tie_ = {std::move(column), kind};
  return *this;
}

KeysetList& KeysetList::Descending(bool descending) {
  descending_ = descending;
  return *this;
}

absl::StatusOr<ListSql> KeysetList::Build(const ListQuery& query) const {
  ListSql out;
  std::vector<std::string> where = where_;
  out.params = params_;
  if (!query.after.empty()) {
    if (query.after.size() != order_.size() + 1) return BadPageToken();
    std::vector<Param> key(query.after.size());
    for (size_t i = 0; i < order_.size(); ++i) {
      if (!KeyParam(query.after[i], order_[i].kind, &key[i])) {
        return BadPageToken();
      }
    }
    if (!KeyParam(query.after.back(), tie_.kind, &key.back())) {
      return BadPageToken();
    }
    // Inside out: "tie > ?", then "(c > ? OR (c = ? AND <inner>))" for each
    // sort column from the last to the first.
    const char* cmp = descending_ ? "<" : ">";
    std::string keyset = absl::StrCat(tie_.sql, " ", cmp, " ?");
    for (size_t i = order_.size(); i-- > 0;) {
      keyset = absl::StrCat("(", order_[i].sql, " ", cmp, " ? OR (",
                            order_[i].sql, " = ? AND ", keyset, "))");
    }
    where.push_back(std::move(keyset));
    for (size_t i = 0; i < order_.size(); ++i) {
      out.params.push_back(key[i]);
      out.params.push_back(key[i]);
    }
    out.params.push_back(key.back());
  }
  out.sql = select_;
  if (!where.empty()) {
    absl::StrAppend(&out.sql, " WHERE ", absl::StrJoin(where, " AND "));
  }
  const char* dir = descending_ ? " DESC" : " ASC";
  std::vector<std::string> order;
  for (const Column& c : order_) order.push_back(absl::StrCat(c.sql, dir));
  order.push_back(absl::StrCat(tie_.sql, dir));
  absl::StrAppend(&out.sql, " ORDER BY ", absl::StrJoin(order, ", "),
                  " LIMIT ?");
  out.params.push_back(int64_t{query.limit} + 1);
  return out;
}

std::string LikePrefix(absl::string_view prefix) {
  std::string out;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

}  // namespace partnerhub::mysql
