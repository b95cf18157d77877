#include "services/customer_experience/src/domain/touchpoints.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/domain/errors.h"
#include "services/customer_experience/src/domain/funnel.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {
namespace {

using Kind = TouchpointOutcome::Kind;

}  // namespace

absl::StatusOr<Touchpoint> Touchpoints::Record(Touchpoint t) {
  const absl::Time now = clock_.Now();
  PH_RETURN_IF_ERROR(ValidateTouchpoint("touchpoint", t, now));
  t.record_time = now;
  Touchpoint stored;
  PH_RETURN_IF_ERROR(store_.Transact([&](CxTx& tx) -> absl::Status {
    PH_RETURN_IF_ERROR(CheckFunnelLag(tx, funnel_max_lag_));
    PH_ASSIGN_OR_RETURN(Customer customer, tx.GetCustomer(t.customer_id));
    stored = t;
    stored.customer_key = customer.key;
    PH_ASSIGN_OR_RETURN(std::vector<bool> inserted,
                        tx.InsertTouchpoints({&stored}));
    if (!inserted[0]) {
      PH_ASSIGN_OR_RETURN(stored, tx.GetTouchpoint(customer, t.event_id));
      return absl::OkStatus();
    }
    PublishTouchpoints(tx, {&stored}, now);
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<std::vector<TouchpointOutcome>> Touchpoints::RecordBatch(
    std::vector<absl::StatusOr<Touchpoint>> events, const std::string& field,
    int64_t first_index) {
  const absl::Time now = clock_.Now();
  const size_t n = events.size();
  std::vector<TouchpointOutcome> outcomes(n);
  auto name = [&](size_t i) {
    return absl::StrCat(field, "[", first_index + i, "]");
  };

  // Valid, first-of-their-id events go to storage; a repeat of an id within
  // the batch shares the first one's fate.
  std::vector<size_t> candidates;
  std::vector<std::pair<size_t, size_t>> repeats;  // (index, first index)
  absl::flat_hash_map<std::pair<std::string, std::string>, size_t> first_of;
  absl::flat_hash_map<std::string, int64_t> wanted_customers;
  for (size_t i = 0; i < n; ++i) {
    if (!events[i].ok()) {
      outcomes[i].error = events[i].status();
      continue;
    }
    Touchpoint& t = *events[i];
    absl::Status valid = ValidateTouchpoint(name(i), t, now);
    if (!valid.ok()) {
      outcomes[i].error = valid;
      continue;
    }
    t.record_time = now;
    auto [it, added] =
        first_of.try_emplace(std::make_pair(t.customer_id, t.event_id), i);
    if (!added) {
      repeats.emplace_back(i, it->second);
      continue;
    }
    candidates.push_back(i);
    wanted_customers.try_emplace(t.customer_id, 0);
  }

  if (!candidates.empty()) {
    std::vector<std::string> ids;
    ids.reserve(wanted_customers.size());
    for (const auto& [id, unused] : wanted_customers) ids.push_back(id);
    PH_RETURN_IF_ERROR(store_.Transact([&](CxTx& tx) -> absl::Status {
      PH_RETURN_IF_ERROR(CheckFunnelLag(tx, funnel_max_lag_));
      PH_ASSIGN_OR_RETURN(auto keys, tx.CustomerKeys(ids));
      std::vector<const Touchpoint*> rows;
      std::vector<size_t> row_index;
      rows.reserve(candidates.size());
      for (size_t i : candidates) {
        Touchpoint& t = *events[i];
        auto key = keys.find(t.customer_id);
        if (key == keys.end()) {
          outcomes[i] = {Kind::kRejected,
                         CustomerNotFound(t.customer_id,
                                          absl::StrCat(name(i), ".customer"))};
          continue;
        }
        t.customer_key = key->second;
        rows.push_back(&t);
        row_index.push_back(i);
      }
      if (rows.empty()) return absl::OkStatus();
      PH_ASSIGN_OR_RETURN(std::vector<bool> inserted,
                          tx.InsertTouchpoints(rows));
      std::vector<const Touchpoint*> recorded;
      recorded.reserve(rows.size());
      for (size_t r = 0; r < rows.size(); ++r) {
        outcomes[row_index[r]] = {
            inserted[r] ? Kind::kRecorded : Kind::kDuplicate, absl::OkStatus()};
        if (inserted[r]) recorded.push_back(rows[r]);
      }
      PublishTouchpoints(tx, recorded, now);
      return absl::OkStatus();
    }));
  }
  for (auto [i, first] : repeats) {
    outcomes[i] = outcomes[first].kind == Kind::kRejected
                      ? outcomes[first]
                      : TouchpointOutcome{Kind::kDuplicate, absl::OkStatus()};
  }
  return outcomes;
}

absl::StatusOr<Touchpoint> Touchpoints::Get(const std::string& customer_id,
                                            const std::string& event_id) {
  Touchpoint t;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(Customer customer, tx.GetCustomer(customer_id));
    PH_ASSIGN_OR_RETURN(t, tx.GetTouchpoint(customer, event_id));
    return absl::OkStatus();
  }));
  return t;
}

absl::StatusOr<Page<Touchpoint>> Touchpoints::ListJourney(
    const std::string& customer_id, const ListRequest& request) {
  static const ListSpec kSpec = {
      .order_fields = {"occur_time"},
      .default_descending = true,
      .limits = {.default_size = 100, .max_size = 1000}};
  PH_ASSIGN_OR_RETURN(ListQuery query, ResolveList(kSpec, request));
  Slice<Touchpoint> slice;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(Customer customer, tx.GetCustomer(customer_id));
    PH_ASSIGN_OR_RETURN(slice, tx.ListJourney(customer, query));
    return absl::OkStatus();
  }));
  return ToPage(std::move(slice), query);
}

absl::StatusOr<CustomerFunnel> Touchpoints::GetFunnel(
    const std::string& customer_id) {
  CustomerFunnel funnel;
  funnel.customer_id = customer_id;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(Customer customer, tx.GetCustomer(customer_id));
    // From the touchpoints, not the stored funnel (which trails recording
    // by the funnel projector's lag).
    PH_ASSIGN_OR_RETURN(std::vector<Touchpoint> touchpoints,
                        tx.FunnelTouchpoints(customer.key));
    funnel.overall.reached = ProgressOf(touchpoints);
    funnel.partners = PartnerProgress(touchpoints);
    return absl::OkStatus();
  }));
  return funnel;
}

absl::StatusOr<FunnelCounts> Touchpoints::CountFunnel(int64_t partner_id,
                                                      int64_t campaign_id,
                                                      absl::Time start,
                                                      absl::Time end) {
  {
    // The scope and the period: every violation at once.
    FieldErrors errors;
    if (partner_id == 0 && campaign_id == 0) {
      errors.Add("partner", "or campaign is required");
    }
    if (start == absl::Time() || start == absl::UnixEpoch()) {
      errors.Add("start_time", "is required");
    } else if (end <= start) {
      errors.Add("end_time", "must be after start_time");
    } else if (end - start > absl::Hours(24 * 366)) {
      errors.Add("end_time", "may be at most 366 days after start_time");
    }
    PH_RETURN_IF_ERROR(errors.Result());
  }
  FunnelCounts counts;
  PH_RETURN_IF_ERROR(store_.Read([&](CxTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(counts,
                        tx.CountFunnel(partner_id, campaign_id, start, end));
    return absl::OkStatus();
  }));
  return counts;
}

}  // namespace partnerhub::customer_experience
