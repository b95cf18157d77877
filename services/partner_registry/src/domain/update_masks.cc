// Update masks of the partner registry's resources (rules.h).
#include <functional>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/error_details.h"
#include "services/partner_registry/src/domain/rules.h"

namespace partnerhub::partner_registry {
namespace {

template <typename T>
using Setters = std::map<std::string, std::function<void(const T&, T&)>>;

template <typename T>
absl::Status Apply(absl::string_view resource, const Setters<T>& setters,
                   const T& patch, const std::vector<std::string>& paths,
                   T& target) {
  if (paths.empty()) {
    return InvalidField(
        "update_mask",
        absl::StrCat("is required: name the ", resource, " fields to change"));
  }
  // Every path that cannot be updated, not only the first.
  FieldErrors errors;
  for (size_t i = 0; i < paths.size(); ++i) {
    auto it = setters.find(paths[i]);
    if (it == setters.end()) {
      std::vector<std::string> allowed;
      for (const auto& [name, setter] : setters) allowed.push_back(name);
      errors.Add(absl::StrCat("update_mask.paths[", i, "]"),
                 absl::StrCat("is \"", paths[i],
                              "\", which cannot be updated on a ", resource,
                              "; updatable: ", absl::StrJoin(allowed, ", ")));
      continue;
    }
    it->second(patch, target);
  }
  return errors.Result();
}

#define PH_FIELD(T, f)                              \
  {                                                 \
#f, [](const T& from, T& to) { to.f = from.f; } \
  }

}  // namespace

absl::Status ApplyMask(const Partner& patch,
                       const std::vector<std::string>& paths, Partner& target) {
  static const Setters<Partner> kSetters = {
      PH_FIELD(Partner, display_name),      PH_FIELD(Partner, legal_name),
      PH_FIELD(Partner, category),          PH_FIELD(Partner, tier),
      PH_FIELD(Partner, account_manager),   PH_FIELD(Partner, needs),
      PH_FIELD(Partner, value_proposition),
  };
  return Apply("partner", kSetters, patch, paths, target);
}

absl::Status ApplyMask(const Contact& patch,
                       const std::vector<std::string>& paths, Contact& target) {
  static const Setters<Contact> kSetters = {
      PH_FIELD(Contact, display_name), PH_FIELD(Contact, role),
      PH_FIELD(Contact, email),        PH_FIELD(Contact, phone),
      PH_FIELD(Contact, primary),
  };
  return Apply("contact", kSetters, patch, paths, target);
}

absl::Status ApplyMask(const Agreement& patch,
                       const std::vector<std::string>& paths,
                       Agreement& target) {
  static const Setters<Agreement> kSetters = {
      PH_FIELD(Agreement, commission_rate_bps),
      PH_FIELD(Agreement, partner_discount_share_bps),
      PH_FIELD(Agreement, settlement_cycle),
      PH_FIELD(Agreement, start_date),
      PH_FIELD(Agreement, end_date),
      PH_FIELD(Agreement, kpi_targets),
  };
  return Apply("agreement", kSetters, patch, paths, target);
}

absl::Status ApplyMask(const SalesActivity& patch,
                       const std::vector<std::string>& paths,
                       SalesActivity& target) {
  static const Setters<SalesActivity> kSetters = {
      PH_FIELD(SalesActivity, type),
      PH_FIELD(SalesActivity, owner),
      {"contact", [](const SalesActivity& from,
                     SalesActivity& to) { to.contact_id = from.contact_id; }},
      PH_FIELD(SalesActivity, occur_time),
      PH_FIELD(SalesActivity, notes),
      PH_FIELD(SalesActivity, next_step),
      PH_FIELD(SalesActivity, next_step_due_time),
  };
  return Apply("sales_activity", kSetters, patch, paths, target);
}

#undef PH_FIELD

}  // namespace partnerhub::partner_registry
