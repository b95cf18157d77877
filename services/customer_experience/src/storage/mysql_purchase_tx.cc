// MySqlCxTx: purchases, their items and refunds.
#include <cppconn/resultset.h>

#include "absl/strings/str_cat.h"
#include "common/mysql/guarded.h"
#include "common/mysql/keyset_list.h"
#include "common/mysql/statement.h"
#include "services/customer_experience/src/domain/errors.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/storage/mysql_cx_tx.h"
#include "services/customer_experience/src/storage/rows.h"
#include "services/customer_experience/src/storage/sql.h"

namespace partnerhub::customer_experience {
namespace {

using mysql::Execute;
using mysql::Guarded;
using mysql::Query;
namespace q = sql_text;

// Items and refunds of `p`.
void ReadChildren(mysql::Connection& conn, Purchase& p) {
  auto items = Query(conn, q::kSelectItems, {p.key});
  while (items->next()) {
    p.items.push_back(
        {.category = mysql::GetString(*items, "category"),
         .product_id = mysql::GetString(*items, "product_id"),
         .quantity = items->getInt("quantity"),
         .amount_minor = mysql::GetInt64(*items, "amount_minor")});
  }
  auto refunds = Query(conn, q::kSelectRefunds, {p.key});
  while (refunds->next()) {
    p.refunds.push_back(
        {.id = mysql::GetInt64(*refunds, "id"),
         .amount_minor = mysql::GetInt64(*refunds, "amount_minor"),
         .reason = mysql::GetString(*refunds, "reason"),
         .refund_time = mysql::GetTime(*refunds, "refund_time"),
         .create_time = mysql::GetTime(*refunds, "create_time")});
  }
}

}  // namespace

absl::StatusOr<Purchase> MySqlCxTx::GetPurchase(
    const std::string& purchase_id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Purchase> {
    auto rs = Query(conn_, q::kSelectPurchase, {purchase_id});
    if (!rs->next()) return PurchaseNotFound(purchase_id);
    Purchase p = ReadPurchase(*rs);
    ReadChildren(conn_, p);
    return p;
  });
}

absl::StatusOr<Purchase> MySqlCxTx::LockPurchase(
    const std::string& purchase_id) {
  absl::Status locked = Guarded(conn_, [&]() -> absl::Status {
    auto rs = Query(conn_, q::kLockPurchase, {purchase_id});
    if (!rs->next()) return PurchaseNotFound(purchase_id);
    return absl::OkStatus();
  });
  if (!locked.ok()) return locked;
  return GetPurchase(purchase_id);
}

absl::StatusOr<int64_t> MySqlCxTx::InsertPurchase(const Purchase& p) {
  absl::StatusOr<int64_t> key = Guarded(conn_, [&] {
    Execute(conn_, q::kInsertPurchase,
            {p.purchase_id, p.customer_key, p.partner_id, p.currency_code,
             p.total_minor, p.coupon_code, p.campaign_id,
             int64_t{static_cast<int>(p.channel)}, p.purchase_time,
             p.create_time, static_cast<int64_t>(p.content_fingerprint)});
    const int64_t key = mysql::LastInsertId(conn_);
    for (size_t i = 0; i < p.items.size(); ++i) {
      const PurchaseItem& item = p.items[i];
      Execute(conn_, q::kInsertItem,
              {key, static_cast<int64_t>(i), p.customer_key, p.partner_id,
               item.category, item.product_id, int64_t{item.quantity},
               p.currency_code, item.amount_minor, p.purchase_time});
    }
    return key;
  });
  if (absl::IsAlreadyExists(key.status())) {
    // Purchases::Record reads the stored purchase then, and tells a retry
    // from a conflict: this never reaches a client.
    const std::string name = PurchaseName(p.purchase_id);
    return ErrorWithReason(absl::StatusCode::kAlreadyExists,
                           ::partnerhub::reason::kResourceAlreadyExists,
                           absl::StrCat(name, " already exists"),
                           {{"resource", name}});
  }
  return key;
}

absl::StatusOr<bool> MySqlCxTx::HasEarlierPurchase(int64_t customer_key,
                                                   int64_t partner_id,
                                                   absl::Time time) {
  return Guarded(conn_, [&] {
    auto rs =
        Query(conn_, q::kHasEarlierPurchase, {customer_key, time, partner_id});
    return rs->next();
  });
}

absl::StatusOr<int64_t> MySqlCxTx::InsertRefund(const Purchase& p,
                                                const Refund& r) {
  return Guarded(conn_, [&] {
    Execute(conn_, q::kInsertRefund,
            {p.key, r.amount_minor, r.reason, r.refund_time, r.create_time});
    const int64_t id = mysql::LastInsertId(conn_);
    const int64_t refunded = p.refunded_minor + r.amount_minor;
    Execute(conn_, q::kSetRefunded, {refunded, p.key});
    if (refunded >= p.total_minor)
      Execute(conn_, q::kSetItemsFullyRefunded, {p.key});
    return id;
  });
}

absl::StatusOr<Slice<Purchase>> MySqlCxTx::ListPurchases(
    const Customer& customer, const ListQuery& query) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Slice<Purchase>> {
    // Newest first.
    mysql::KeysetList list(q::kListPurchasesPrefix);
    list.Where(q::kPurchasesOfCustomer, {customer.key})
        .OrderBy("p.purchase_time")
        .Tie("p.id")
        .Descending();
    absl::StatusOr<Slice<Purchase>> slice = mysql::ReadSlice<Purchase>(
        conn_, list, query, ReadPurchase, [](const Purchase& last) {
          return std::vector<std::string>{
              mysql::FormatDatetime(last.purchase_time),
              absl::StrCat(last.key)};
        });
    if (!slice.ok()) return slice.status();
    for (Purchase& p : slice->items) ReadChildren(conn_, p);
    return slice;
  });
}

}  // namespace partnerhub::customer_experience
