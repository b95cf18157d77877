#include "services/partner_registry/src/domain/sales_activities.h"

#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/api/idempotency.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/partner_registry/src/domain/events.h"
#include "services/partner_registry/src/domain/resource_names.h"
#include "services/partner_registry/src/domain/rules.h"

namespace partnerhub::partner_registry {
namespace {

// The activity's contact, if any, must be one of the partner's.
absl::Status CheckContact(PartnerTx& tx, const SalesActivity& activity) {
  if (activity.contact_id == 0) return absl::OkStatus();
  absl::StatusOr<Contact> contact =
      tx.GetContact(activity.partner_id, activity.contact_id);
  if (absl::IsNotFound(contact.status())) {
    return InvalidField(
        "sales_activity.contact",
        absl::StrCat(ContactName(activity.partner_id, activity.contact_id),
                     " is not a contact of ",
                     PartnerName(activity.partner_id)));
  }
  return contact.status();
}

}  // namespace

absl::StatusOr<SalesActivity> SalesActivities::Create(const RequestKey& key,
                                                      int64_t partner_id,
                                                      SalesActivity draft) {
  FieldErrors errors;
  errors.Add(ValidateRequestId(key.request_id));
  errors.Add(ValidateSalesActivity(draft));
  PH_RETURN_IF_ERROR(errors.Result());
  SalesActivity created;
  PH_RETURN_IF_ERROR(store_.Transact([&](PartnerTx& tx) -> absl::Status {
    const absl::Time now = clock_.Now();
    PH_ASSIGN_OR_RETURN(std::optional<std::string> prior, Recall(tx, key, now));
    if (prior.has_value()) {
      PH_ASSIGN_OR_RETURN(ChildId id,
                          ParseSalesActivityName(*prior, "request_id"));
      PH_ASSIGN_OR_RETURN(created, tx.GetSalesActivity(id.partner_id, id.id));
      return absl::OkStatus();
    }
    PH_RETURN_IF_ERROR(tx.GetPartner(partner_id).status());
    created = draft;
    created.id = 0;
    created.partner_id = partner_id;
    created.create_time = created.update_time = now;
    created.version = 1;
    PH_RETURN_IF_ERROR(CheckContact(tx, created));
    PH_ASSIGN_OR_RETURN(created.id, tx.InsertSalesActivity(created));
    PH_RETURN_IF_ERROR(
        Remember(tx, key, SalesActivityName(partner_id, created.id)));
    tx.Publish({now, SalesActivityChanged{
                         SalesActivityChanged::Change::kCreated, created}});
    return absl::OkStatus();
  }));
  return created;
}

absl::StatusOr<SalesActivity> SalesActivities::Get(int64_t partner_id,
                                                   int64_t id) {
  SalesActivity activity;
  PH_RETURN_IF_ERROR(store_.Read([&](PartnerTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(activity, tx.GetSalesActivity(partner_id, id));
    return absl::OkStatus();
  }));
  return activity;
}

absl::StatusOr<Page<SalesActivity>> SalesActivities::List(
    int64_t partner_id, const ListRequest& request) {
  static const ListSpec kSpec = {.filter_fields = {},
                                 .order_fields = {"occur_time"},
                                 .default_descending = true,
                                 .limits = {}};
  PH_ASSIGN_OR_RETURN(ListQuery query, ResolveList(kSpec, request));
  Slice<SalesActivity> slice;
  PH_RETURN_IF_ERROR(store_.Read([&](PartnerTx& tx) -> absl::Status {
    PH_RETURN_IF_ERROR(tx.GetPartner(partner_id).status());
    PH_ASSIGN_OR_RETURN(slice, tx.ListSalesActivities(partner_id, query));
    return absl::OkStatus();
  }));
  return ToPage(std::move(slice), query);
}

absl::StatusOr<SalesActivity> SalesActivities::Update(
    int64_t partner_id, int64_t id, const SalesActivity& patch,
    const std::vector<std::string>& mask, const std::string& etag) {
  SalesActivity probe;
  PH_RETURN_IF_ERROR(ApplyMask(patch, mask, probe));
  SalesActivity updated;
  PH_RETURN_IF_ERROR(store_.Transact([&](PartnerTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(updated, tx.GetSalesActivity(partner_id, id));
    PH_RETURN_IF_ERROR(
        CheckEtag(etag, updated.version, SalesActivityName(partner_id, id)));
    PH_RETURN_IF_ERROR(ApplyMask(patch, mask, updated));
    PH_RETURN_IF_ERROR(ValidateSalesActivity(updated));
    PH_RETURN_IF_ERROR(CheckContact(tx, updated));
    updated.update_time = clock_.Now();
    ++updated.version;
    PH_RETURN_IF_ERROR(tx.UpdateSalesActivity(updated));
    tx.Publish({updated.update_time,
                SalesActivityChanged{SalesActivityChanged::Change::kUpdated,
                                     updated}});
    return absl::OkStatus();
  }));
  return updated;
}

absl::Status SalesActivities::Delete(int64_t partner_id, int64_t id,
                                     const std::string& etag) {
  return store_.Transact([&](PartnerTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(SalesActivity activity,
                        tx.GetSalesActivity(partner_id, id));
    PH_RETURN_IF_ERROR(
        CheckEtag(etag, activity.version, SalesActivityName(partner_id, id)));
    PH_RETURN_IF_ERROR(tx.DeleteSalesActivity(partner_id, id));
    tx.Publish(
        {clock_.Now(), SalesActivityChanged{
                           SalesActivityChanged::Change::kDeleted, activity}});
    return absl::OkStatus();
  });
}

}  // namespace partnerhub::partner_registry
