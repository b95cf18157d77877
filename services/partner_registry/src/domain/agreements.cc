#include "services/partner_registry/src/domain/agreements.h"

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

// The event of `change` to `agreement` at `now`, with whether the agreement
// is in force on that business day.
DomainEvent Changed(AgreementChanged::Change change, const Agreement& agreement,
                    absl::Time now) {
  return {now, AgreementChanged{change, agreement,
                                InForce(agreement, BusinessDay(now))}};
}

}  // namespace

absl::StatusOr<Agreement> Agreements::Create(const RequestKey& key,
                                             int64_t partner_id,
                                             Agreement draft) {
  FieldErrors errors;
  errors.Add(ValidateRequestId(key.request_id));
  errors.Add(ValidateAgreement(draft));
  PH_RETURN_IF_ERROR(errors.Result());
  Agreement created;
  PH_RETURN_IF_ERROR(store_.Transact([&](PartnerTx& tx) -> absl::Status {
    const absl::Time now = clock_.Now();
    PH_ASSIGN_OR_RETURN(std::optional<std::string> prior, Recall(tx, key, now));
    if (prior.has_value()) {
      PH_ASSIGN_OR_RETURN(ChildId id, ParseAgreementName(*prior, "request_id"));
      PH_ASSIGN_OR_RETURN(created, tx.GetAgreement(id.partner_id, id.id));
      return absl::OkStatus();
    }
    // Under the partner's lock no other agreement of it can appear between
    // the overlap check and the insert.
    PH_RETURN_IF_ERROR(tx.LockPartner(partner_id).status());
    PH_ASSIGN_OR_RETURN(std::vector<Agreement> others,
                        tx.AllAgreements(partner_id));
    created = draft;
    created.id = 0;
    created.partner_id = partner_id;
    created.state = AgreementState::kDraft;
    created.sign_time.reset();
    created.terminate_time.reset();
    created.terminate_reason.clear();
    created.create_time = created.update_time = now;
    created.version = 1;
    PH_RETURN_IF_ERROR(CheckNoOverlap(created, others));
    PH_ASSIGN_OR_RETURN(created.id, tx.InsertAgreement(created));
    PH_RETURN_IF_ERROR(
        Remember(tx, key, AgreementName(partner_id, created.id)));
    tx.Publish(Changed(AgreementChanged::Change::kCreated, created, now));
    return absl::OkStatus();
  }));
  return created;
}

absl::StatusOr<Agreement> Agreements::Get(int64_t partner_id, int64_t id) {
  Agreement agreement;
  PH_RETURN_IF_ERROR(store_.Read([&](PartnerTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(agreement, tx.GetAgreement(partner_id, id));
    return absl::OkStatus();
  }));
  return agreement;
}

absl::StatusOr<Page<Agreement>> Agreements::List(int64_t partner_id,
                                                 const ListRequest& request) {
  static const ListSpec kSpec = {.filter_fields = {},
                                 .order_fields = {"start_date"},
                                 .default_descending = true,
                                 .limits = {}};
  PH_ASSIGN_OR_RETURN(ListQuery query, ResolveList(kSpec, request));
  Slice<Agreement> slice;
  PH_RETURN_IF_ERROR(store_.Read([&](PartnerTx& tx) -> absl::Status {
    PH_RETURN_IF_ERROR(tx.GetPartner(partner_id).status());
    PH_ASSIGN_OR_RETURN(slice, tx.ListAgreements(partner_id, query));
    return absl::OkStatus();
  }));
  return ToPage(std::move(slice), query);
}

absl::StatusOr<Agreement> Agreements::Change(
    int64_t partner_id, int64_t id, const std::string& etag,
    AgreementState state, AgreementChanged::Change event,
    absl::FunctionRef<absl::Status(Agreement&, PartnerTx&)> change) {
  Agreement agreement;
  PH_RETURN_IF_ERROR(store_.Transact([&](PartnerTx& tx) -> absl::Status {
    PH_RETURN_IF_ERROR(tx.LockPartner(partner_id).status());
    PH_ASSIGN_OR_RETURN(agreement, tx.GetAgreement(partner_id, id));
    const std::string name = AgreementName(partner_id, id);
    PH_RETURN_IF_ERROR(CheckEtag(etag, agreement.version, name));
    if (agreement.state != state) {
      return FailedPrecondition(
          state == AgreementState::kDraft ? reason::kAgreementNotDraft
                                          : reason::kAgreementNotSigned,
          name,
          absl::StrCat(name, " is ", NameOf(agreement.state), ", not ",
                       NameOf(state), ": the change is not allowed"));
    }
    PH_RETURN_IF_ERROR(change(agreement, tx));
    agreement.update_time = clock_.Now();
    ++agreement.version;
    PH_RETURN_IF_ERROR(tx.UpdateAgreement(agreement));
    tx.Publish(Changed(event, agreement, agreement.update_time));
    return absl::OkStatus();
  }));
  return agreement;
}

absl::StatusOr<Agreement> Agreements::Update(
    int64_t partner_id, int64_t id, const Agreement& patch,
    const std::vector<std::string>& mask, const std::string& etag) {
  Agreement probe;
  PH_RETURN_IF_ERROR(ApplyMask(patch, mask, probe));
  return Change(partner_id, id, etag, AgreementState::kDraft,
                AgreementChanged::Change::kUpdated,
                [&](Agreement& a, PartnerTx& tx) -> absl::Status {
                  PH_RETURN_IF_ERROR(ApplyMask(patch, mask, a));
                  PH_RETURN_IF_ERROR(ValidateAgreement(a));
                  PH_ASSIGN_OR_RETURN(std::vector<Agreement> others,
                                      tx.AllAgreements(partner_id));
                  return CheckNoOverlap(a, others);
                });
}

absl::Status Agreements::Delete(int64_t partner_id, int64_t id,
                                const std::string& etag) {
  return store_.Transact([&](PartnerTx& tx) -> absl::Status {
    PH_RETURN_IF_ERROR(tx.LockPartner(partner_id).status());
    PH_ASSIGN_OR_RETURN(Agreement agreement, tx.GetAgreement(partner_id, id));
    const std::string name = AgreementName(partner_id, id);
    PH_RETURN_IF_ERROR(CheckEtag(etag, agreement.version, name));
    if (agreement.state != AgreementState::kDraft) {
      return FailedPrecondition(
          reason::kAgreementNotDraft, name,
          absl::StrCat(
              name, " is ", NameOf(agreement.state),
              "; only a DRAFT can be deleted (terminate a signed one)"));
    }
    PH_RETURN_IF_ERROR(tx.DeleteAgreement(partner_id, id));
    tx.Publish(
        Changed(AgreementChanged::Change::kDeleted, agreement, clock_.Now()));
    return absl::OkStatus();
  });
}

absl::StatusOr<Agreement> Agreements::Sign(int64_t partner_id, int64_t id,
                                           const std::string& etag) {
  return Change(partner_id, id, etag, AgreementState::kDraft,
                AgreementChanged::Change::kSigned,
                [&](Agreement& a, PartnerTx& tx) -> absl::Status {
                  PH_ASSIGN_OR_RETURN(std::vector<Agreement> others,
                                      tx.AllAgreements(partner_id));
                  PH_RETURN_IF_ERROR(CheckNoOverlap(a, others));
                  a.state = AgreementState::kSigned;
                  a.sign_time = clock_.Now();
                  return absl::OkStatus();
                });
}

absl::StatusOr<Agreement> Agreements::Terminate(int64_t partner_id, int64_t id,
                                                const std::string& reason,
                                                const std::string& etag) {
  PH_RETURN_IF_ERROR(CheckText("reason", reason, 1, 500));
  return Change(partner_id, id, etag, AgreementState::kSigned,
                AgreementChanged::Change::kTerminated,
                [&](Agreement& a, PartnerTx&) -> absl::Status {
                  a.state = AgreementState::kTerminated;
                  a.terminate_time = clock_.Now();
                  a.terminate_reason = reason;
                  return absl::OkStatus();
                });
}

bool Agreements::InForceNow(const Agreement& agreement) const {
  return InForce(agreement, BusinessDay(clock_.Now()));
}

}  // namespace partnerhub::partner_registry
