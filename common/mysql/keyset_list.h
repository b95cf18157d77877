// The SQL of a keyset-paged list (AIP-158 pages over a stable order):
//
//   <select> WHERE <condition> AND ... AND <keyset>
//   ORDER BY <order column> <dir>, ..., <tie> <dir> LIMIT ?
//
// where <keyset> continues after the sort key of the previous page's last
// row, e.g. "(create_time > ? OR (create_time = ? AND id > ?))", and the
// LIMIT is one more than the page, so the caller can tell whether more rows
// follow (TakeSlice, ReadSlice). Values are always ? parameters; the SQL text
// is made only of the caller's fixed fragments (its select, conditions and
// column names), never of request text.
#ifndef PARTNERHUB_COMMON_MYSQL_KEYSET_LIST_H_
#define PARTNERHUB_COMMON_MYSQL_KEYSET_LIST_H_

#include <cppconn/resultset.h>

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/api/list_query.h"
#include "common/api/list_request.h"
#include "common/api/pagination.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/guarded.h"
#include "common/mysql/statement.h"

namespace partnerhub::mysql {

// A statement and the values of its ? parameters, in order.
struct ListSql {
  std::string sql;
  Params params;
};

// How a key column's value in ListQuery::after is bound: as text (strings,
// DATETIME and DATE text) or as an integer, which it must then parse as.
enum class KeyKind { kText, kInteger };

// Builds the SQL of one list: the fixed parts first, then Build(query).
//
//   KeysetList list(kListPartnersPrefix);
//   list.Where("state = ?", {"ACTIVE"}).OrderBy("create_time").Tie("id");
//   PH_ASSIGN_OR_RETURN(ListSql sql, list.Build(query));
class KeysetList {
 public:
  // `select` is the statement up to its WHERE ("SELECT ... FROM ...").
  explicit KeysetList(std::string select);

  // Adds a condition (ANDed with the others) and the values of its ?s.
  KeysetList& Where(std::string condition, Params params = {});

  // The usual text comparison of a filter term on `column`: "column = ?",
  // "column <> ?", or for a prefix "column LIKE ?" with the value's % _ and
  // \ escaped and a % appended.
  KeysetList& WhereText(absl::string_view column, const FilterTerm& term);

  // Sorts by `column` (a column name or an expression of the caller's),
  // before the tie; each call adds the next sort column. None: the list
  // sorts by the tie alone.
  KeysetList& OrderBy(std::string column, KeyKind kind = KeyKind::kText);

  // The unique column that ends the order, so that every row has its own
  // key. Required.
  KeysetList& Tie(std::string column, KeyKind kind = KeyKind::kInteger);

  // Every sort column (and the tie) descending; ascending by default.
  KeysetList& Descending(bool descending = true);

  // The statement for `query`: continued after query.after, which holds one
  // value per sort column and one for the tie (the key TakeSlice gave), and
  // LIMIT query.limit + 1. BadPageToken() when query.after has another
  // number of values or a non-integer where the column is kInteger.
  absl::StatusOr<ListSql> Build(const ListQuery& query) const;

 private:
  struct Column {
    std::string sql;
    KeyKind kind;
  };

  std::string select_;
  std::vector<std::string> where_;
  Params params_;
  std::vector<Column> order_;
  Column tie_{"", KeyKind::kInteger};
  bool descending_ = false;
};

// `prefix` as a LIKE pattern matching the values that start with it: its
// % _ and \ escaped with \, then a %.
std::string LikePrefix(absl::string_view prefix);

// The slice of `rows`, read by a query with LIMIT limit + 1: at most
// `limit` of them, and when there were more, continue_after = key(last row
// kept), the row's values of the sort columns and the tie, as Build reads
// them from ListQuery::after.
template <typename T, typename Key>
Slice<T> TakeSlice(std::vector<T> rows, int limit, Key key) {
  Slice<T> slice;
  slice.items = std::move(rows);
  if (static_cast<int>(slice.items.size()) > limit) {
    slice.items.resize(limit);
    slice.continue_after = key(slice.items.back());
  }
  return slice;
}

// The key of a list sorted by its rows' id alone (TakeSlice's `key`).
template <typename T>
std::vector<std::string> IdKey(const T& row) {
  return {absl::StrCat(row.id)};
}

// Runs `list` for `query` on `conn` (inside Transact/Guarded, like Query)
// and returns its slice: each row read by `read` (sql::ResultSet& to T, or
// to absl::StatusOr<T>, whose error it returns), cut by TakeSlice with `key`.
template <typename T, typename Read, typename Key>
absl::StatusOr<Slice<T>> ReadSlice(Connection& conn, const KeysetList& list,
                                   const ListQuery& query, Read read, Key key) {
  absl::StatusOr<ListSql> statement = list.Build(query);
  if (!statement.ok()) return statement.status();
  auto rs = Query(conn, statement->sql, statement->params);
  std::vector<T> rows;
  while (rs->next()) {
    if constexpr (IsStatusOr<
                      std::invoke_result_t<Read&, sql::ResultSet&>>::value) {
      absl::StatusOr<T> row = read(*rs);
      if (!row.ok()) return row.status();
      rows.push_back(*std::move(row));
    } else {
      rows.push_back(read(*rs));
    }
  }
  return TakeSlice(std::move(rows), query.limit, key);
}

}  // namespace partnerhub::mysql

#endif  // PARTNERHUB_COMMON_MYSQL_KEYSET_LIST_H_
