#include "services/customer_experience/src/domain/purchases.h"

#include "absl/strings/str_cat.h"
#include "common/api/field_checks.h"
#include "common/api/idempotency.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/domain/errors.h"
#include "services/customer_experience/src/domain/funnel.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {
namespace {

absl::StatusOr<Purchase> SameOrConflict(const Purchase& stored,
                                        uint64_t fingerprint) {
  if (stored.content_fingerprint != fingerprint) {
    const std::string name = PurchaseName(stored.purchase_id);
    return ErrorWithReason(
        absl::StatusCode::kAlreadyExists, reason::kPurchaseContentMismatch,
        absl::StrCat(name, " was already recorded with other content"),
        {{"resource", name}});
  }
  return stored;
}

}  // namespace

absl::StatusOr<Purchase> Purchases::Record(Purchase draft) {
  const absl::Time now = clock_.Now();
  PH_RETURN_IF_ERROR(ValidatePurchase(draft, now));
  draft.content_fingerprint = PurchaseFingerprint(draft);
  draft.create_time = now;
  draft.refunds.clear();
  draft.refunded_minor = 0;

  Purchase result;
  absl::Status status = store_.Transact([&](CxTx& tx) -> absl::Status {
    absl::StatusOr<Purchase> existing = tx.GetPurchase(draft.purchase_id);
    if (existing.ok()) {
      PH_ASSIGN_OR_RETURN(result,
                          SameOrConflict(*existing, draft.content_fingerprint));
      return absl::OkStatus();
    }
    if (!absl::IsNotFound(existing.status())) return existing.status();
    absl::StatusOr<Customer> customer = tx.GetCustomer(draft.customer_id);
    if (absl::IsNotFound(customer.status())) {
      return CustomerNotFound(draft.customer_id, "purchase.customer");
    }
    PH_RETURN_IF_ERROR(customer.status());
    result = draft;
    result.customer_key = customer->key;
    PH_ASSIGN_OR_RETURN(
        bool earlier,
        tx.HasEarlierPurchase(result.customer_key, result.partner_id,
                              result.purchase_time));
    PH_ASSIGN_OR_RETURN(result.key, tx.InsertPurchase(result));
    Touchpoint t;
    t.customer_id = result.customer_id;
    t.customer_key = result.customer_key;
    t.event_id = absl::StrCat("purchase:", result.purchase_id);
    t.type =
        earlier ? TouchpointType::kRepeatPurchase : TouchpointType::kPurchase;
    t.occur_time = result.purchase_time;
    t.channel = result.channel;
    t.partner_id = result.partner_id;
    t.campaign_id = result.campaign_id;
    t.purchase_id = result.purchase_id;
    t.record_time = now;
    PH_ASSIGN_OR_RETURN(std::vector<bool> inserted, tx.InsertTouchpoints({&t}));
    tx.Publish({now, PurchaseRecorded{result}});
    // The touchpoint is new unless one with its event id was recorded
    // through the touchpoint API before.
    if (inserted[0]) PublishTouchpoints(tx, {&t}, now);
    return absl::OkStatus();
  });
  if (absl::IsAlreadyExists(status)) {
    // A concurrent recording of the same order won the unique key.
    PH_ASSIGN_OR_RETURN(Purchase stored, Get(draft.purchase_id));
    return SameOrConflict(stored, draft.content_fingerprint);
  }
  PH_RETURN_IF_ERROR(status);
  return result;
}

absl::StatusOr<Purchase> Purchases::Get(const std::string& purchase_id) {
  Purchase p;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(p, tx.GetPurchase(purchase_id));
    return absl::OkStatus();
  }));
  return p;
}

absl::StatusOr<Page<Purchase>> Purchases::List(const std::string& customer_id,
                                               const ListRequest& request) {
  static const ListSpec kSpec = {.order_fields = {"purchase_time"},
                                 .default_descending = true};
  PH_ASSIGN_OR_RETURN(ListQuery query, ResolveList(kSpec, request));
  Slice<Purchase> slice;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(Customer customer, tx.GetCustomer(customer_id));
    PH_ASSIGN_OR_RETURN(slice, tx.ListPurchases(customer, query));
    return absl::OkStatus();
  }));
  return ToPage(std::move(slice), query);
}

absl::StatusOr<Purchase> Purchases::AddRefund(const RequestKey& key,
                                              const std::string& purchase_id,
                                              Refund refund) {
  const absl::Time now = clock_.Now();
  {
    // Independent fields: every violation at once.
    FieldErrors errors;
    errors.Add(ValidateRequestId(key.request_id));
    if (refund.amount_minor <= 0) {
      errors.Add("refund.amount.amount_minor", "must be more than 0");
    }
    errors.Add(CheckText("refund.reason", refund.reason, 0, 500));
    if (refund.refund_time == absl::Time() ||
        refund.refund_time == absl::UnixEpoch()) {
      errors.Add("refund.refund_time", "is required");
    } else if (refund.refund_time > now + kMaxClockSkew) {
      errors.Add("refund.refund_time", "lies in the future");
    }
    PH_RETURN_IF_ERROR(errors.Result());
  }
  refund.create_time = now;
  Purchase result;
  PH_RETURN_IF_ERROR(store_.Transact([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::optional<std::string> prior, Recall(tx, key, now));
    if (!prior.has_value()) {
      PH_ASSIGN_OR_RETURN(Purchase p, tx.LockPurchase(purchase_id));
      if (p.refunded_minor + refund.amount_minor > p.total_minor) {
        const std::string name = PurchaseName(purchase_id);
        return FailedPrecondition(
            reason::kRefundExceedsTotal, name,
            absl::StrCat("refund.amount: refunds of ", name,
                         " would exceed its total (", p.total_minor, " ",
                         p.currency_code, "; refunded so far ",
                         p.refunded_minor, ")"));
      }
      PH_ASSIGN_OR_RETURN(int64_t id, tx.InsertRefund(p, refund));
      Touchpoint t;
      t.customer_id = p.customer_id;
      t.customer_key = p.customer_key;
      t.event_id = absl::StrCat("refund:", purchase_id, ":", id);
      t.type = TouchpointType::kRefund;
      t.occur_time = refund.refund_time;
      t.channel = p.channel;
      t.partner_id = p.partner_id;
      t.campaign_id = p.campaign_id;
      t.purchase_id = purchase_id;
      t.record_time = now;
      PH_ASSIGN_OR_RETURN(std::vector<bool> inserted,
                          tx.InsertTouchpoints({&t}));
      PH_RETURN_IF_ERROR(Remember(tx, key, RefundName(purchase_id, id)));
      PH_ASSIGN_OR_RETURN(result, tx.GetPurchase(purchase_id));
      PurchaseRefunded refunded{.purchase = result};
      for (const Refund& r : result.refunds) {
        if (r.id == id) refunded.refund = r;
      }
      tx.Publish({now, std::move(refunded)});
      // A REFUND touchpoint counts toward no stage: no funnel change.
      if (inserted[0]) PublishTouchpoints(tx, {&t}, now);
      return absl::OkStatus();
    }
    PH_ASSIGN_OR_RETURN(result, tx.GetPurchase(purchase_id));
    return absl::OkStatus();
  }));
  return result;
}

}  // namespace partnerhub::customer_experience
