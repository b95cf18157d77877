#include "services/partner_registry/src/domain/partners.h"

#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/api/field_checks.h"
#include "common/api/idempotency.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/partner_registry/src/domain/enum_names.h"
#include "services/partner_registry/src/domain/errors.h"
#include "services/partner_registry/src/domain/events.h"
#include "services/partner_registry/src/domain/resource_names.h"
#include "services/partner_registry/src/domain/rules.h"

namespace partnerhub::partner_registry {
namespace {

template <typename E, size_t N>
std::vector<std::string> AllNames(const E (&values)[N]) {
  std::vector<std::string> names;
  for (E v : values) names.emplace_back(NameOf(v));
  return names;
}

}  // namespace

const ListSpec& Partners::ListPartnersSpec() {
  static const ListSpec* spec = [] {
    using C = PartnerCategory;
    using S = PartnerState;
    using T = PartnerTier;
    auto* s = new ListSpec;
    s->filter_fields = {
        {"state", AllNames({S::kProspect, S::kNegotiating, S::kContracted,
                            S::kActive, S::kSuspended, S::kTerminated})},
        {"category",
         AllNames({C::kDepartmentStore, C::kFoodAndBeverage, C::kFashion,
                   C::kBeauty, C::kElectronics, C::kTravel, C::kOther})},
        {"tier", AllNames({T::kStandard, T::kPremium, T::kStrategic})},
        {"account_manager", {}},
        {"display_name", {}, /*prefix=*/true},
    };
    s->order_fields = {"create_time", "update_time", "display_name"};
    return s;
  }();
  return *spec;
}

absl::StatusOr<Partner> Partners::Create(const RequestKey& key, Partner draft) {
  FieldErrors errors;
  errors.Add(ValidateRequestId(key.request_id));
  errors.Add(ValidatePartner(draft));
  PH_RETURN_IF_ERROR(errors.Result());
  PH_ASSIGN_OR_RETURN(draft.business_registration_number,
                      NormalizeBusinessRegistrationNumber(
                          "partner.business_registration_number",
                          draft.business_registration_number));
  const absl::Time now = clock_.Now();
  draft.id = 0;
  draft.state = PartnerState::kProspect;
  draft.state_change_time = draft.create_time = draft.update_time = now;
  draft.version = 1;

  Partner created;
  PH_RETURN_IF_ERROR(store_.Transact([&](PartnerTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::optional<std::string> prior, Recall(tx, key, now));
    if (prior.has_value()) {
      PH_ASSIGN_OR_RETURN(int64_t id, ParsePartnerName(*prior, "request_id"));
      PH_ASSIGN_OR_RETURN(created, tx.GetPartner(id));
      return absl::OkStatus();
    }
    created = draft;
    PH_ASSIGN_OR_RETURN(created.id, tx.InsertPartner(created));
    PH_RETURN_IF_ERROR(tx.InsertStateChange({.partner_id = created.id,
                                             .from_state = std::nullopt,
                                             .to_state = created.state,
                                             .reason = "created",
                                             .change_time = now})
                           .status());
    PH_RETURN_IF_ERROR(Remember(tx, key, PartnerName(created.id)));
    tx.Publish(
        {now, PartnerChanged{PartnerChanged::Change::kCreated, created}});
    return absl::OkStatus();
  }));
  return created;
}

absl::StatusOr<Partner> Partners::Get(int64_t id) {
  Partner partner;
  PH_RETURN_IF_ERROR(store_.Read([&](PartnerTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(partner, tx.GetPartner(id));
    return absl::OkStatus();
  }));
  return partner;
}

absl::StatusOr<Page<Partner>> Partners::List(const ListRequest& request) {
  PH_ASSIGN_OR_RETURN(ListQuery query,
                      ResolveList(ListPartnersSpec(), request));
  Slice<Partner> slice;
  PH_RETURN_IF_ERROR(store_.Read([&](PartnerTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(slice, tx.ListPartners(query));
    return absl::OkStatus();
  }));
  return ToPage(std::move(slice), query);
}

absl::StatusOr<Partner> Partners::Update(int64_t id, const Partner& patch,
                                         const std::vector<std::string>& mask,
                                         const std::string& etag) {
  Partner probe;
  PH_RETURN_IF_ERROR(ApplyMask(patch, mask, probe));  // rejects bad paths early
  Partner updated;
  PH_RETURN_IF_ERROR(store_.Transact([&](PartnerTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(updated, tx.LockPartner(id));
    PH_RETURN_IF_ERROR(CheckEtag(etag, updated.version, PartnerName(id)));
    PH_RETURN_IF_ERROR(ApplyMask(patch, mask, updated));
    PH_RETURN_IF_ERROR(ValidatePartner(updated));
    updated.update_time = clock_.Now();
    ++updated.version;
    PH_RETURN_IF_ERROR(tx.UpdatePartner(updated));
    tx.Publish({updated.update_time,
                PartnerChanged{PartnerChanged::Change::kUpdated, updated}});
    return absl::OkStatus();
  }));
  return updated;
}

absl::Status Partners::Delete(int64_t id, const std::string& etag) {
  return store_.Transact([&](PartnerTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(Partner partner, tx.LockPartner(id));
    PH_RETURN_IF_ERROR(CheckEtag(etag, partner.version, PartnerName(id)));
    if (partner.state != PartnerState::kProspect) {
      return FailedPrecondition(
          reason::kPartnerNotProspect, PartnerName(id),
          absl::StrCat("only a PROSPECT can be deleted; ", PartnerName(id),
                       " is ", NameOf(partner.state),
                       ": transition it to TERMINATED instead"));
    }
    PH_ASSIGN_OR_RETURN(std::vector<Agreement> agreements,
                        tx.AllAgreements(id));
    if (!agreements.empty()) {
      return FailedPrecondition(
          reason::kPartnerHasAgreements, PartnerName(id),
          absl::StrCat(PartnerName(id),
                       " has agreements and cannot be deleted"));
    }
    PH_RETURN_IF_ERROR(tx.DeletePartner(id));
    tx.Publish({clock_.Now(),
                PartnerChanged{PartnerChanged::Change::kDeleted, partner}});
    return absl::OkStatus();
  });
}

absl::StatusOr<Partner> Partners::Transition(int64_t id, PartnerState to,
                                             const std::string& reason,
                                             const std::string& etag) {
  PH_RETURN_IF_ERROR(CheckText("reason", reason, 1, 500));
  Partner partner;
  PH_RETURN_IF_ERROR(store_.Transact([&](PartnerTx& tx) -> absl::Status {
    // The partner's row lock also serializes changes to its agreements, so
    // the agreement in force cannot vanish between this check and commit.
    PH_ASSIGN_OR_RETURN(partner, tx.LockPartner(id));
    PH_RETURN_IF_ERROR(CheckEtag(etag, partner.version, PartnerName(id)));
    PH_ASSIGN_OR_RETURN(std::vector<Agreement> agreements,
                        tx.AllAgreements(id));
    const absl::Time now = clock_.Now();
    PH_RETURN_IF_ERROR(
        CheckTransition(partner, to, agreements, BusinessDay(now)));
    PartnerStateChange change{.partner_id = id,
                              .from_state = partner.state,
                              .to_state = to,
                              .reason = reason,
                              .change_time = now};
    partner.state = to;
    partner.state_change_time = partner.update_time = now;
    ++partner.version;
    PH_RETURN_IF_ERROR(tx.UpdatePartner(partner));
    PH_RETURN_IF_ERROR(tx.InsertStateChange(change).status());
    tx.Publish(
        {now, PartnerChanged{PartnerChanged::Change::kStateChanged, partner}});
    return absl::OkStatus();
  }));
  return partner;
}

absl::StatusOr<Page<PartnerStateChange>> Partners::ListStateChanges(
    int64_t partner_id, const ListRequest& request) {
  static const ListSpec kSpec = {.filter_fields = {},
                                 .order_fields = {"change_time"},
                                 .default_descending = true,
                                 .limits = {}};
  PH_ASSIGN_OR_RETURN(ListQuery query, ResolveList(kSpec, request));
  Slice<PartnerStateChange> slice;
  PH_RETURN_IF_ERROR(store_.Read([&](PartnerTx& tx) -> absl::Status {
    PH_RETURN_IF_ERROR(tx.GetPartner(partner_id).status());
    PH_ASSIGN_OR_RETURN(slice, tx.ListStateChanges(partner_id, query));
    return absl::OkStatus();
  }));
  return ToPage(std::move(slice), query);
}

}  // namespace partnerhub::partner_registry
