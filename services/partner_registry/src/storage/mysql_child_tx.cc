// MySqlPartnerTx: contacts, agreements and sales activities of a partner.
#include <cppconn/resultset.h>

#include "absl/strings/str_cat.h"
#include "common/mysql/guarded.h"
#include "common/mysql/keyset_list.h"
#include "common/mysql/statement.h"
#include "common/status/error_details.h"
#include "services/partner_registry/src/domain/enum_names.h"
#include "services/partner_registry/src/domain/errors.h"
#include "services/partner_registry/src/domain/resource_names.h"
#include "services/partner_registry/src/storage/mysql_partner_tx.h"
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

std::string Str(absl::string_view v) { return std::string(v); }

template <typename T>
Param OptionalTime(const std::optional<T>& t) {
  if (!t.has_value()) return nullptr;
  return *t;
}

}  // namespace

// Contacts.

absl::StatusOr<Contact> MySqlPartnerTx::GetContact(int64_t partner_id,
                                                   int64_t id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Contact> {
    auto rs = Query(conn_, q::kSelectContact, {partner_id, id});
    if (!rs->next()) {
      const std::string name = ContactName(partner_id, id);
      return NotFound(reason::kContactNotFound, kContactType, name,
                      absl::StrCat(name, " does not exist"));
    }
    return ReadContact(*rs);
  });
}

absl::StatusOr<std::vector<Contact>> MySqlPartnerTx::AllContacts(
    int64_t partner_id) {
  return Guarded(conn_, [&] {
    auto rs = Query(conn_, q::kAllContacts, {partner_id});
    std::vector<Contact> contacts;
    while (rs->next()) contacts.push_back(ReadContact(*rs));
    return contacts;
  });
}

absl::StatusOr<Slice<Contact>> MySqlPartnerTx::ListContacts(
    int64_t partner_id, const ListQuery& query) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Slice<Contact>> {
    // Key: (rank, display_name, id), rank 0 for the primary.
    mysql::KeysetList list(q::kListContactsPrefix);
    list.Where(q::kOfPartner, {partner_id})
        .OrderBy(q::kContactRank, mysql::KeyKind::kInteger)
        .OrderBy("display_name")
        .Tie("id");
    return mysql::ReadSlice<Contact>(
        conn_, list, query, ReadContact, [](const Contact& c) {
          return std::vector<std::string>{c.primary ? "0" : "1", c.display_name,
                                          absl::StrCat(c.id)};
        });
  });
}

absl::StatusOr<int64_t> MySqlPartnerTx::InsertContact(const Contact& c) {
  return Guarded(conn_, [&] {
    Execute(conn_, q::kInsertContact,
            {c.partner_id, c.display_name, c.role, c.email, c.phone,
             c.primary ? Param(int64_t{1}) : Param(nullptr), c.create_time,
             c.update_time, c.version});
    return mysql::LastInsertId(conn_);
  });
}

absl::Status MySqlPartnerTx::UpdateContact(const Contact& c) {
  return Guarded(conn_, [&]() -> absl::Status {
    const int64_t rows =
        Execute(conn_, q::kUpdateContact,
                {c.display_name, c.role, c.email, c.phone,
                 c.primary ? Param(int64_t{1}) : Param(nullptr), c.update_time,
                 c.version, c.partner_id, c.id, c.version - 1});
    if (rows != 1) return ChangedConcurrently(ContactName(c.partner_id, c.id));
    return absl::OkStatus();
  });
}

absl::Status MySqlPartnerTx::DeleteContact(int64_t partner_id, int64_t id) {
  return Guarded(conn_, [&] {
    Execute(conn_, q::kDeleteContact, {partner_id, id});
  });
}

// Agreements.

namespace {

mysql::Params AgreementTerms(const Agreement& a) {
  const KpiTargets& k = a.kpi_targets;
  return {int64_t{a.commission_rate_bps},
          int64_t{a.partner_discount_share_bps},
          Str(NameOf(a.settlement_cycle)),
          FormatDate(a.start_date),
          FormatDate(a.end_date),
          Str(NameOf(a.state)),
          k.new_customers,
          k.gmv_currency_code,
          k.gmv_amount_minor,
          k.orders,
          int64_t{k.repeat_purchase_rate_bps},
          int64_t{k.coupon_redemption_rate_bps},
          OptionalTime(a.sign_time),
          OptionalTime(a.terminate_time),
          a.terminate_reason};
}

}  // namespace

absl::StatusOr<Agreement> MySqlPartnerTx::GetAgreement(int64_t partner_id,
                                                       int64_t id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Agreement> {
    auto rs = Query(conn_, q::kSelectAgreement, {partner_id, id});
    if (!rs->next()) {
      const std::string name = AgreementName(partner_id, id);
      return NotFound(reason::kAgreementNotFound, kAgreementType, name,
                      absl::StrCat(name, " does not exist"));
    }
    return ReadAgreement(*rs);
  });
}

absl::StatusOr<std::vector<Agreement>> MySqlPartnerTx::AllAgreements(
    int64_t partner_id) {
  return Guarded(conn_, [&] {
    auto rs = Query(conn_, q::kAllAgreements, {partner_id});
    std::vector<Agreement> agreements;
    while (rs->next()) agreements.push_back(ReadAgreement(*rs));
    return agreements;
  });
}

absl::StatusOr<Slice<Agreement>> MySqlPartnerTx::ListAgreements(
    int64_t partner_id, const ListQuery& query) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Slice<Agreement>> {
    mysql::KeysetList list(q::kListAgreementsPrefix);
    list.Where(q::kOfPartner, {partner_id})
        .OrderBy("start_date")
        .Tie("id")
        .Descending();
    return mysql::ReadSlice<Agreement>(
        conn_, list, query, ReadAgreement, [](const Agreement& a) {
          return std::vector<std::string>{FormatDate(a.start_date),
                                          absl::StrCat(a.id)};
        });
  });
}

absl::StatusOr<int64_t> MySqlPartnerTx::InsertAgreement(const Agreement& a) {
  return Guarded(conn_, [&] {
    mysql::Params params = {a.partner_id};
    for (Param& p : AgreementTerms(a)) params.push_back(std::move(p));
    params.insert(params.end(), {a.create_time, a.update_time, a.version});
    Execute(conn_, q::kInsertAgreement, params);
    return mysql::LastInsertId(conn_);
  });
}

absl::Status MySqlPartnerTx::UpdateAgreement(const Agreement& a) {
  return Guarded(conn_, [&]() -> absl::Status {
    mysql::Params params = AgreementTerms(a);
    params.insert(params.end(), {a.update_time, a.version, a.partner_id, a.id,
                                 a.version - 1});
    if (Execute(conn_, q::kUpdateAgreement, params) != 1) {
      return ChangedConcurrently(AgreementName(a.partner_id, a.id));
    }
    return absl::OkStatus();
  });
}

absl::Status MySqlPartnerTx::DeleteAgreement(int64_t partner_id, int64_t id) {
  return Guarded(conn_, [&] {
    Execute(conn_, q::kDeleteAgreement, {partner_id, id});
  });
}

// Sales activities.

absl::StatusOr<SalesActivity> MySqlPartnerTx::GetSalesActivity(
    int64_t partner_id, int64_t id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<SalesActivity> {
    auto rs = Query(conn_, q::kSelectSalesActivity, {partner_id, id});
    if (!rs->next()) {
      const std::string name = SalesActivityName(partner_id, id);
      return NotFound(reason::kSalesActivityNotFound, kSalesActivityType, name,
                      absl::StrCat(name, " does not exist"));
    }
    return ReadSalesActivity(*rs);
  });
}

absl::StatusOr<Slice<SalesActivity>> MySqlPartnerTx::ListSalesActivities(
    int64_t partner_id, const ListQuery& query) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Slice<SalesActivity>> {
    mysql::KeysetList list(q::kListSalesActivitiesPrefix);
    list.Where(q::kOfPartner, {partner_id})
        .OrderBy("occur_time")
        .Tie("id")
        .Descending();
    return mysql::ReadSlice<SalesActivity>(
        conn_, list, query, ReadSalesActivity, [](const SalesActivity& s) {
          return std::vector<std::string>{mysql::FormatDatetime(s.occur_time),
                                          absl::StrCat(s.id)};
        });
  });
}

absl::StatusOr<int64_t> MySqlPartnerTx::InsertSalesActivity(
    const SalesActivity& s) {
  return Guarded(conn_, [&] {
    Execute(
        conn_, q::kInsertSalesActivity,
        {s.partner_id, Str(NameOf(s.type)), s.owner,
         s.contact_id == 0 ? Param(nullptr) : Param(s.contact_id), s.occur_time,
         s.notes, s.next_step, OptionalTime(s.next_step_due_time),
         s.create_time, s.update_time, s.version});
    return mysql::LastInsertId(conn_);
  });
}

absl::Status MySqlPartnerTx::UpdateSalesActivity(const SalesActivity& s) {
  return Guarded(conn_, [&]() -> absl::Status {
    const int64_t rows = Execute(
        conn_, q::kUpdateSalesActivity,
        {Str(NameOf(s.type)), s.owner,
         s.contact_id == 0 ? Param(nullptr) : Param(s.contact_id), s.occur_time,
         s.notes, s.next_step, OptionalTime(s.next_step_due_time),
         s.update_time, s.version, s.partner_id, s.id, s.version - 1});
    if (rows != 1)
      return ChangedConcurrently(SalesActivityName(s.partner_id, s.id));
    return absl::OkStatus();
  });
}

absl::Status MySqlPartnerTx::DeleteSalesActivity(int64_t partner_id,
                                                 int64_t id) {
  return Guarded(conn_, [&] {
    Execute(conn_, q::kDeleteSalesActivity, {partner_id, id});
  });
}

}  // namespace partnerhub::partner_registry
