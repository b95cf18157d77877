// MySqlCxTx: request ids, customers, personal data, consent changes.
#include <cppconn/resultset.h>

#include "absl/strings/str_cat.h"
#include "common/mysql/batch_sql.h"
#include "common/mysql/guarded.h"
#include "common/mysql/keyset_list.h"
#include "common/mysql/request_ids.h"
#include "common/mysql/statement.h"
#include "services/customer_experience/src/domain/errors.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/storage/list_sql.h"
#include "services/customer_experience/src/storage/mysql_cx_tx.h"
#include "services/customer_experience/src/storage/rows.h"
#include "services/customer_experience/src/storage/sql.h"

namespace partnerhub::customer_experience {

using mysql::ChunkSizes;
using mysql::RepeatRows;
namespace {

using mysql::Execute;
using mysql::Guarded;
using mysql::Param;
using mysql::Query;
namespace q = sql_text;

int64_t Num(int v) { return v; }

}  // namespace

absl::StatusOr<int64_t> MySqlCxTx::InsertCustomer(const Customer& c) {
  absl::StatusOr<int64_t> key = Guarded(conn_, [&] {
    Execute(conn_, q::kInsertCustomer,
            {c.customer_id, Num(c.birth_year), Num(static_cast<int>(c.gender)),
             c.region, c.sign_up_time, Num(static_cast<int>(c.consent)),
             c.consent_change_time, mysql::Optional(c.personal_data_erase_time),
             c.create_time, c.update_time, c.version});
    return mysql::LastInsertId(conn_);
  });
  if (absl::IsAlreadyExists(key.status())) {
    const std::string name = CustomerName(c.customer_id);
    return ErrorWithReason(
        absl::StatusCode::kAlreadyExists, reason::kCustomerAlreadyExists,
        absl::StrCat(name, " already exists"), {{"resource", name}});
  }
  return key;
}

absl::StatusOr<Customer> MySqlCxTx::GetCustomer(
    const std::string& customer_id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Customer> {
    auto rs = Query(conn_, q::kSelectCustomer, {customer_id});
    if (!rs->next()) return CustomerNotFound(customer_id);
    return ReadCustomer(*rs);
  });
}

absl::StatusOr<Customer> MySqlCxTx::LockCustomer(
    const std::string& customer_id) {
  absl::Status locked = Guarded(conn_, [&]() -> absl::Status {
    auto rs = Query(conn_, q::kLockCustomer, {customer_id});
    if (!rs->next()) return CustomerNotFound(customer_id);
    return absl::OkStatus();
  });
  if (!locked.ok()) return locked;
  return GetCustomer(customer_id);
}

absl::Status MySqlCxTx::UpdateCustomer(const Customer& c) {
  return Guarded(conn_, [&]() -> absl::Status {
    const int64_t rows =
        Execute(conn_, q::kUpdateCustomer,
                {Num(c.birth_year), Num(static_cast<int>(c.gender)), c.region,
                 Num(static_cast<int>(c.consent)), c.consent_change_time,
                 mysql::Optional(c.personal_data_erase_time), c.update_time,
                 c.version, c.key, c.version - 1});
    if (rows != 1) {
      return ChangedConcurrently(CustomerName(c.customer_id));
    }
    return absl::OkStatus();
  });
}

absl::Status MySqlCxTx::WritePersonalData(int64_t customer_key,
                                          const PersonalData& d) {
  return Guarded(conn_, [&] {
    if (d.empty()) {
      Execute(conn_, q::kDeletePersonalData, {customer_key});
    } else {
      Execute(conn_, q::kReplacePersonalData,
              {customer_key, d.display_name, d.email, d.phone});
    }
  });
}

absl::StatusOr<Slice<Customer>> MySqlCxTx::ListCustomers(const ListQuery& query,
                                                         absl::Time now) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Slice<Customer>> {
    absl::StatusOr<mysql::KeysetList> list = CustomerList(query, now);
    if (!list.ok()) return list.status();
    return mysql::ReadSlice<Customer>(
        conn_, *list, query, ReadCustomer,
        [&](const Customer& last) { return CustomerListKey(query, last); });
  });
}

absl::StatusOr<absl::flat_hash_map<std::string, int64_t>>
MySqlCxTx::CustomerKeys(const std::vector<std::string>& customer_ids) {
  return Guarded(conn_, [&] {
    absl::flat_hash_map<std::string, int64_t> keys;
    keys.reserve(customer_ids.size());
    size_t next = 0;
    for (int count : ChunkSizes(static_cast<int>(customer_ids.size()))) {
      mysql::Params params(customer_ids.begin() + next,
                           customer_ids.begin() + next + count);
      next += count;
      auto rs = Query(conn_, RepeatRows(q::kCustomerKeysHead, "?", count, ")"),
                      params);
      while (rs->next()) {
        keys.emplace(std::string(rs->getString(2)), rs->getInt64(1));
      }
    }
    return keys;
  });
}

absl::Status MySqlCxTx::InsertConsentChange(const ConsentChange& c) {
  return Guarded(conn_, [&] {
    Execute(conn_, q::kInsertConsentChange,
            {c.customer_key, Num(static_cast<int>(c.from_state)),
             Num(static_cast<int>(c.to_state)), c.source, c.change_time});
  });
}

absl::StatusOr<Slice<ConsentChange>> MySqlCxTx::ListConsentChanges(
    const Customer& customer, const ListQuery& query) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Slice<ConsentChange>> {
    // Newest first.
    mysql::KeysetList list(q::kListConsentChangesPrefix);
    list.Where(q::kOfCustomer, {customer.key}).Tie("id").Descending();
    return mysql::ReadSlice<ConsentChange>(
        conn_, list, query,
        [&](sql::ResultSet& rs) {
          ConsentChange c = ReadConsentChange(rs);
          c.customer_key = customer.key;
          c.customer_id = customer.customer_id;
          return c;
        },
        mysql::IdKey<ConsentChange>);
  });
}

}  // namespace partnerhub::customer_experience
