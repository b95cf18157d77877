#include "services/partner_registry/src/domain/contacts.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/api/idempotency.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/partner_registry/src/domain/errors.h"
#include "services/partner_registry/src/domain/resource_names.h"
#include "services/partner_registry/src/domain/rules.h"

namespace partnerhub::partner_registry {
namespace {

// Demotes the partner's current primary contact (other than `keep_id`).
absl::Status DemotePrimary(PartnerTx& tx, const std::vector<Contact>& contacts,
                           int64_t keep_id, absl::Time now) {
  for (Contact c : contacts) {
    if (c.primary && c.id != keep_id) {
      c.primary = false;
      c.update_time = now;
      ++c.version;
      PH_RETURN_IF_ERROR(tx.UpdateContact(c));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Contact> Contacts::Create(const RequestKey& key,
                                         int64_t partner_id, Contact draft) {
  FieldErrors errors;
  errors.Add(ValidateRequestId(key.request_id));
  errors.Add(ValidateContact(draft));
  PH_RETURN_IF_ERROR(errors.Result());
  Contact created;
  PH_RETURN_IF_ERROR(store_.Transact([&](PartnerTx& tx) -> absl::Status {
    const absl::Time now = clock_.Now();
    PH_ASSIGN_OR_RETURN(std::optional<std::string> prior, Recall(tx, key, now));
    if (prior.has_value()) {
      PH_ASSIGN_OR_RETURN(ChildId id, ParseContactName(*prior, "request_id"));
      PH_ASSIGN_OR_RETURN(created, tx.GetContact(id.partner_id, id.id));
      return absl::OkStatus();
    }
    // The partner's lock serializes primary-contact changes.
    PH_RETURN_IF_ERROR(tx.LockPartner(partner_id).status());
    PH_ASSIGN_OR_RETURN(std::vector<Contact> contacts,
                        tx.AllContacts(partner_id));
    created = draft;
    created.id = 0;
    created.partner_id = partner_id;
    created.primary = draft.primary || contacts.empty();
    created.create_time = created.update_time = now;
    created.version = 1;
    if (created.primary)
      PH_RETURN_IF_ERROR(DemotePrimary(tx, contacts, 0, now));
    PH_ASSIGN_OR_RETURN(created.id, tx.InsertContact(created));
    return Remember(tx, key, ContactName(partner_id, created.id));
  }));
  return created;
}

absl::StatusOr<Contact> Contacts::Get(int64_t partner_id, int64_t id) {
  Contact contact;
  PH_RETURN_IF_ERROR(store_.Read([&](PartnerTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(contact, tx.GetContact(partner_id, id));
    return absl::OkStatus();
  }));
  return contact;
}

absl::StatusOr<Page<Contact>> Contacts::List(int64_t partner_id,
                                             const ListRequest& request) {
  static const ListSpec kSpec = {.filter_fields = {},
                                 .order_fields = {"primary"},
                                 .default_descending = false,
                                 .limits = {}};
  PH_ASSIGN_OR_RETURN(ListQuery query, ResolveList(kSpec, request));
  Slice<Contact> slice;
  PH_RETURN_IF_ERROR(store_.Read([&](PartnerTx& tx) -> absl::Status {
    PH_RETURN_IF_ERROR(tx.GetPartner(partner_id).status());
    PH_ASSIGN_OR_RETURN(slice, tx.ListContacts(partner_id, query));
    return absl::OkStatus();
  }));
  return ToPage(std::move(slice), query);
}

absl::StatusOr<Contact> Contacts::Update(int64_t partner_id, int64_t id,
                                         const Contact& patch,
                                         const std::vector<std::string>& mask,
                                         const std::string& etag) {
  Contact probe;
  PH_RETURN_IF_ERROR(ApplyMask(patch, mask, probe));
  Contact updated;
  PH_RETURN_IF_ERROR(store_.Transact([&](PartnerTx& tx) -> absl::Status {
    PH_RETURN_IF_ERROR(tx.LockPartner(partner_id).status());
    PH_ASSIGN_OR_RETURN(updated, tx.GetContact(partner_id, id));
    PH_RETURN_IF_ERROR(
        CheckEtag(etag, updated.version, ContactName(partner_id, id)));
    const bool was_primary = updated.primary;
    PH_RETURN_IF_ERROR(ApplyMask(patch, mask, updated));
    PH_RETURN_IF_ERROR(ValidateContact(updated));
    if (was_primary && !updated.primary) {
      return FailedPrecondition(
          reason::kPrimaryContactCannotBeCleared, ContactName(partner_id, id),
          "contact.primary cannot be cleared on the primary contact: make "
          "another contact primary instead");
    }
    const absl::Time now = clock_.Now();
    if (updated.primary && !was_primary) {
      PH_ASSIGN_OR_RETURN(std::vector<Contact> contacts,
                          tx.AllContacts(partner_id));
      PH_RETURN_IF_ERROR(DemotePrimary(tx, contacts, id, now));
    }
    updated.update_time = now;
    ++updated.version;
    return tx.UpdateContact(updated);
  }));
  return updated;
}

absl::Status Contacts::Delete(int64_t partner_id, int64_t id,
                              const std::string& etag) {
  return store_.Transact([&](PartnerTx& tx) -> absl::Status {
    PH_RETURN_IF_ERROR(tx.LockPartner(partner_id).status());
    PH_ASSIGN_OR_RETURN(Contact contact, tx.GetContact(partner_id, id));
    PH_RETURN_IF_ERROR(
        CheckEtag(etag, contact.version, ContactName(partner_id, id)));
    PH_RETURN_IF_ERROR(tx.DeleteContact(partner_id, id));
    if (!contact.primary) return absl::OkStatus();
    // Hand the primary role to the longest-standing remaining contact.
    PH_ASSIGN_OR_RETURN(std::vector<Contact> rest, tx.AllContacts(partner_id));
    if (rest.empty()) return absl::OkStatus();
    Contact heir = *std::min_element(
        rest.begin(), rest.end(),
        [](const Contact& a, const Contact& b) { return a.id < b.id; });
    heir.primary = true;
    heir.update_time = clock_.Now();
    ++heir.version;
    return tx.UpdateContact(heir);
  });
}

}  // namespace partnerhub::partner_registry
