#include "services/customer_experience/src/domain/customers.h"

#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/api/field_checks.h"
#include "common/api/idempotency.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/domain/enum_names.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {
namespace {

absl::Status CheckSource(const std::string& source) {
  return CheckIdentifier("source", source, 64);
}

absl::Status ApplyMask(const Customer& patch,
                       const std::vector<std::string>& paths,
                       Customer& target) {
  if (paths.empty()) return InvalidField("update_mask", "is required");
  FieldErrors errors;  // every path that cannot be updated
  for (size_t i = 0; i < paths.size(); ++i) {
    const std::string& path = paths[i];
    if (path == "birth_year") {
      target.birth_year = patch.birth_year;
    } else if (path == "gender") {
      target.gender = patch.gender;
    } else if (path == "region") {
      target.region = patch.region;
    } else if (path == "personal_data") {
      target.personal_data = patch.personal_data;
    } else if (path == "personal_data.display_name") {
      target.personal_data.display_name = patch.personal_data.display_name;
    } else if (path == "personal_data.email") {
      target.personal_data.email = patch.personal_data.email;
    } else if (path == "personal_data.phone") {
      target.personal_data.phone = patch.personal_data.phone;
    } else {
      errors.Add(absl::StrCat("update_mask.paths[", i, "]"),
                 absl::StrCat("'", path,
                              "' cannot be updated; one of birth_year, "
                              "gender, region, personal_data, "
                              "personal_data.display_name, "
                              "personal_data.email, personal_data.phone"));
    }
  }
  return errors.Result();
}

}  // namespace

const ListSpec& Customers::ListCustomersSpec() {
  static const ListSpec* spec = [] {
    auto* s = new ListSpec;
    s->filter_fields = {
        {"age_band", AllNames<AgeBand>()},
        {"gender", AllNames<Gender>()},
        {"consent", AllNames<ConsentState>()},
        {"funnel_stage", AllNames<FunnelStage>()},
        {"region", {}},
    };
    s->order_fields = {"name", "create_time", "sign_up_time"};
    return s;
  }();
  return *spec;
}

absl::StatusOr<Customer> Customers::Create(const RequestKey& key,
                                           Customer draft,
                                           const std::string& consent_source) {
  const absl::Time now = clock_.Now();
  if (draft.consent == ConsentState::kUnspecified)
    draft.consent = ConsentState::kDenied;
  const std::string source =
      consent_source.empty() ? "sign-up" : consent_source;
  {
    // Independent fields: every violation at once.
    FieldErrors errors;
    errors.Add(ValidateRequestId(key.request_id));
    errors.Add(CheckExternalId("customer_id", draft.customer_id));
    errors.Add(ValidateCustomer(draft, now));
    if (draft.consent == ConsentState::kRevoked) {
      errors.Add("customer.marketing_consent.state",
                 "must be GRANTED or DENIED on create");
    }
    errors.Add(CheckIdentifier("consent_source", source, 64));
    PH_RETURN_IF_ERROR(errors.Result());
  }
  if (draft.sign_up_time == absl::Time() ||
      draft.sign_up_time == absl::UnixEpoch()) {
    draft.sign_up_time = now;
  }
  draft.consent_change_time = draft.create_time = draft.update_time = now;
  draft.personal_data_erase_time.reset();
  draft.funnel_stage = FunnelStage::kNone;
  draft.version = 1;

  Customer created;
  PH_RETURN_IF_ERROR(store_.Transact([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::optional<std::string> prior, Recall(tx, key, now));
    if (prior.has_value()) {
      PH_ASSIGN_OR_RETURN(std::string id,
                          ParseCustomerName(*prior, "request_id"));
      PH_ASSIGN_OR_RETURN(created, tx.GetCustomer(id));
      return absl::OkStatus();
    }
    created = draft;
    PH_ASSIGN_OR_RETURN(created.key, tx.InsertCustomer(created));
    if (!created.personal_data.empty()) {
      PH_RETURN_IF_ERROR(
          tx.WritePersonalData(created.key, created.personal_data));
    }
    PH_RETURN_IF_ERROR(
        tx.InsertConsentChange({.customer_key = created.key,
                                .customer_id = created.customer_id,
                                .from_state = ConsentState::kUnspecified,
                                .to_state = created.consent,
                                .source = source,
                                .change_time = now}));
    PH_RETURN_IF_ERROR(Remember(tx, key, CustomerName(created.customer_id)));
    tx.Publish(
        {now, CustomerChanged{CustomerChanged::Change::kCreated, created}});
    return absl::OkStatus();
  }));
  return created;
}

absl::StatusOr<Customer> Customers::Get(const std::string& customer_id) {
  Customer customer;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(customer, tx.GetCustomer(customer_id));
    return absl::OkStatus();
  }));
  return customer;
}

absl::StatusOr<Page<Customer>> Customers::List(const ListRequest& request) {
  PH_ASSIGN_OR_RETURN(ListQuery query,
                      ResolveList(ListCustomersSpec(), request));
  const absl::Time now = clock_.Now();
  Slice<Customer> slice;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(slice, tx.ListCustomers(query, now));
    return absl::OkStatus();
  }));
  return ToPage(std::move(slice), query);
}

absl::StatusOr<Customer> Customers::Update(const std::string& customer_id,
                                           const Customer& patch,
                                           const std::vector<std::string>& mask,
                                           const std::string& etag) {
  Customer probe;
  PH_RETURN_IF_ERROR(ApplyMask(patch, mask, probe));  // rejects bad paths early
  const absl::Time now = clock_.Now();
  Customer updated;
  PH_RETURN_IF_ERROR(store_.Transact([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(updated, tx.LockCustomer(customer_id));
    PH_RETURN_IF_ERROR(
        CheckEtag(etag, updated.version, CustomerName(customer_id)));
    const PersonalData before = updated.personal_data;
    PH_RETURN_IF_ERROR(ApplyMask(patch, mask, updated));
    PH_RETURN_IF_ERROR(ValidateCustomer(updated, now));
    updated.update_time = now;
    ++updated.version;
    PH_RETURN_IF_ERROR(tx.UpdateCustomer(updated));
    const PersonalData& after = updated.personal_data;
    if (before.display_name != after.display_name ||
        before.email != after.email || before.phone != after.phone) {
      PH_RETURN_IF_ERROR(tx.WritePersonalData(updated.key, after));
    }
    tx.Publish(
        {now, CustomerChanged{CustomerChanged::Change::kUpdated, updated}});
    return absl::OkStatus();
  }));
  return updated;
}

absl::StatusOr<Customer> Customers::SetConsent(
    const std::string& customer_id, ConsentState to, const std::string& source,
    std::optional<absl::Time> change_time, const std::string& etag) {
  const absl::Time now = clock_.Now();
  const absl::Time when = change_time.value_or(now);
  {
    FieldErrors errors;
    errors.Add(CheckSource(source));
    if (when > now + kMaxClockSkew) {
      errors.Add("change_time", "lies in the future");
    }
    PH_RETURN_IF_ERROR(errors.Result());
  }
  Customer customer;
  PH_RETURN_IF_ERROR(store_.Transact([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(customer, tx.LockCustomer(customer_id));
    PH_RETURN_IF_ERROR(
        CheckEtag(etag, customer.version, CustomerName(customer_id)));
    PH_RETURN_IF_ERROR(
        CheckConsentChange(CustomerName(customer_id), customer.consent, to));
    if (customer.consent == to) return absl::OkStatus();
    const ConsentState from = customer.consent;
    customer.consent = to;
    customer.consent_change_time = when;
    customer.update_time = now;
    ++customer.version;
    PH_RETURN_IF_ERROR(tx.UpdateCustomer(customer));
    PH_RETURN_IF_ERROR(
        tx.InsertConsentChange({.customer_key = customer.key,
                                .customer_id = customer.customer_id,
                                .from_state = from,
                                .to_state = to,
                                .source = source,
                                .change_time = when}));
    tx.Publish({now, CustomerChanged{CustomerChanged::Change::kConsentChanged,
                                     customer}});
    return absl::OkStatus();
  }));
  return customer;
}

absl::StatusOr<Page<ConsentChange>> Customers::ListConsentChanges(
    const std::string& customer_id, const ListRequest& request) {
  static const ListSpec kSpec = {.order_fields = {"change_time"},
                                 .default_descending = true};
  PH_ASSIGN_OR_RETURN(ListQuery query, ResolveList(kSpec, request));
  Slice<ConsentChange> slice;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(Customer customer, tx.GetCustomer(customer_id));
    PH_ASSIGN_OR_RETURN(slice, tx.ListConsentChanges(customer, query));
    return absl::OkStatus();
  }));
  return ToPage(std::move(slice), query);
}

absl::StatusOr<Customer> Customers::ErasePersonalData(
    const std::string& customer_id, const std::string& etag) {
  const absl::Time now = clock_.Now();
  Customer customer;
  PH_RETURN_IF_ERROR(store_.Transact([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(customer, tx.LockCustomer(customer_id));
    PH_RETURN_IF_ERROR(
        CheckEtag(etag, customer.version, CustomerName(customer_id)));
    customer.personal_data = PersonalData{};
    customer.personal_data_erase_time = now;
    customer.update_time = now;
    ++customer.version;
    PH_RETURN_IF_ERROR(tx.UpdateCustomer(customer));
    PH_RETURN_IF_ERROR(
        tx.WritePersonalData(customer.key, customer.personal_data));
    tx.Publish(
        {now, CustomerChanged{CustomerChanged::Change::kPersonalDataErased,
                              customer}});
    return absl::OkStatus();
  }));
  return customer;
}

}  // namespace partnerhub::customer_experience
