// MySqlPartnerTx: request ids, partners and their state changes.
#include "services/partner_registry/src/storage/mysql_partner_tx.h"

#include <cppconn/resultset.h>

#include "absl/strings/str_cat.h"
#include "common/mysql/guarded.h"
#include "common/mysql/keyset_list.h"
#include "common/mysql/request_ids.h"
#include "common/mysql/statement.h"
#include "common/status/error_details.h"
#include "services/partner_registry/src/domain/enum_names.h"
#include "services/partner_registry/src/domain/errors.h"
#include "services/partner_registry/src/domain/resource_names.h"
#include "services/partner_registry/src/storage/partner_list_sql.h"
#include "services/partner_registry/src/storage/rows.h"
#include "services/partner_registry/src/storage/sql.h"
#include "services/partner_registry/src/storage/storage_errors.h"

namespace partnerhub::partner_registry {
namespace {

using mysql::Execute;
using mysql::Guarded;
using mysql::Param;
using mysql::Query;
namespace q = sql_text;

absl::Status PartnerNotFound(int64_t id) {
  const std::string name = PartnerName(id);
  return NotFound(reason::kPartnerNotFound, kPartnerType, name,
                  absl::StrCat(name, " does not exist"));
}

std::string Str(absl::string_view v) { return std::string(v); }

}  // namespace

absl::StatusOr<Partner> MySqlPartnerTx::GetPartner(int64_t id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Partner> {
    auto rs = Query(conn_, q::kSelectPartner, {id});
    if (!rs->next()) return PartnerNotFound(id);
    return ReadPartner(*rs);
  });
}

absl::StatusOr<Partner> MySqlPartnerTx::LockPartner(int64_t id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Partner> {
    auto rs = Query(conn_, q::kLockPartner, {id});
    if (!rs->next()) return PartnerNotFound(id);
    return ReadPartner(*rs);
  });
}

absl::StatusOr<Slice<Partner>> MySqlPartnerTx::ListPartners(
    const ListQuery& query) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Slice<Partner>> {
    absl::StatusOr<mysql::KeysetList> list = PartnerList(query);
    if (!list.ok()) return list.status();
    return mysql::ReadSlice<Partner>(
        conn_, *list, query, ReadPartner,
        [&](const Partner& last) { return PartnerListKey(query, last); });
  });
}

absl::StatusOr<int64_t> MySqlPartnerTx::InsertPartner(const Partner& p) {
  absl::StatusOr<int64_t> id = Guarded(conn_, [&] {
    Execute(conn_, q::kInsertPartner,
            {p.display_name, p.legal_name, p.business_registration_number,
             Str(NameOf(p.category)), Str(NameOf(p.tier)), p.account_manager,
             p.needs, p.value_proposition, Str(NameOf(p.state)),
             p.state_change_time, p.create_time, p.update_time, p.version});
    return mysql::LastInsertId(conn_);
  });
  if (absl::IsAlreadyExists(id.status())) {
    // The only unique key besides id: name the partner that holds it.
    absl::StatusOr<int64_t> holder = Guarded(conn_, [&]() -> int64_t {
      auto rs = Query(conn_, q::kPartnerByRegistrationNumber,
                      {p.business_registration_number});
      return rs->next() ? mysql::GetInt64(*rs, "id") : 0;
    });
    const std::string message =
        absl::StrCat("a partner with business_registration_number ",
                     p.business_registration_number, " already exists");
    if (!holder.ok() || *holder == 0) {
      return ErrorWithReason(
          absl::StatusCode::kAlreadyExists, reason::kPartnerAlreadyExists,
          message,
          {{"business_registration_number", p.business_registration_number}});
    }
    const std::string existing = PartnerName(*holder);
    return ErrorWithReason(
        absl::StatusCode::kAlreadyExists, reason::kPartnerAlreadyExists,
        absl::StrCat(message, ": ", existing),
        {{"resource", existing},
         {"business_registration_number", p.business_registration_number}});
  }
  return id;
}

absl::Status MySqlPartnerTx::UpdatePartner(const Partner& p) {
  return Guarded(conn_, [&]() -> absl::Status {
    const int64_t rows =
        Execute(conn_, q::kUpdatePartner,
                {p.display_name, p.legal_name, Str(NameOf(p.category)),
                 Str(NameOf(p.tier)), p.account_manager, p.needs,
                 p.value_proposition, Str(NameOf(p.state)), p.state_change_time,
                 p.update_time, p.version, p.id, p.version - 1});
    if (rows != 1) return ChangedConcurrently(PartnerName(p.id));
    return absl::OkStatus();
  });
}

absl::Status MySqlPartnerTx::DeletePartner(int64_t id) {
  return Guarded(conn_, [&] { Execute(conn_, q::kDeletePartner, {id}); });
}

absl::StatusOr<int64_t> MySqlPartnerTx::InsertStateChange(
    const PartnerStateChange& c) {
  return Guarded(conn_, [&] {
    Param from = nullptr;
    if (c.from_state.has_value()) from = Str(NameOf(*c.from_state));
    Execute(
        conn_, q::kInsertStateChange,
        {c.partner_id, from, Str(NameOf(c.to_state)), c.reason, c.change_time});
    return mysql::LastInsertId(conn_);
  });
}

absl::StatusOr<Slice<PartnerStateChange>> MySqlPartnerTx::ListStateChanges(
    int64_t partner_id, const ListQuery& query) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Slice<PartnerStateChange>> {
    // Newest first.
    mysql::KeysetList list(q::kListStateChangesPrefix);
    list.Where(q::kOfPartner, {partner_id}).Tie("id").Descending();
    return mysql::ReadSlice<PartnerStateChange>(
        conn_, list, query, ReadStateChange, mysql::IdKey<PartnerStateChange>);
  });
}

}  // namespace partnerhub::partner_registry
