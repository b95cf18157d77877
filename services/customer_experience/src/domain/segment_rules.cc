// Segment conditions: what a valid condition tree is, and what it means
// for one customer (the reference the storage's SQL must agree with).
#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/api/field_checks.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/domain/rules.h"
#include "services/customer_experience/src/domain/rules_internal.h"

namespace partnerhub::customer_experience {

using rules_internal::Invalid;

namespace {

absl::Status CheckWindow(const std::string& field, const TimeWindow& w) {
  if (w.last_days != 0) {
    return CheckRange(absl::StrCat(field, ".last_days"), w.last_days, 1, 3660);
  }
  if (w.start_time == absl::Time() || w.end_time == absl::Time()) {
    return Invalid(field, "is required (last_days or fixed start and end)");
  }
  if (w.end_time <= w.start_time) {
    return Invalid(absl::StrCat(field, ".fixed.end_time"),
                   "must be after start_time");
  }
  return absl::OkStatus();
}

absl::Status CheckEnumValues(const std::string& field,
                             const std::vector<int>& values, int max) {
  if (values.empty()) return Invalid(field, "needs at least one value");
  for (int v : values) {
    if (v <= 0 || v > max) {
      return Invalid(field,
                     absl::StrCat("has an unknown or unspecified value ", v));
    }
  }
  return absl::OkStatus();
}

// Checks the node at `field` and its children, adding each violation to
// `errors`. Returns an error only when the tree is too big (too many nodes,
// too deep): checking stops there, at the first node past the limit.
absl::Status CheckNode(const std::string& field, const Condition& c, int depth,
                       int& nodes, FieldErrors& errors) {
  if (++nodes > kMaxConditionNodes) {
    return Invalid(field, absl::StrCat("makes the tree exceed ",
                                       kMaxConditionNodes, " nodes"));
  }
  if (depth > kMaxConditionDepth) {
    return Invalid(field, absl::StrCat("is nested deeper than ",
                                       kMaxConditionDepth, " levels"));
  }
  switch (c.kind) {
    case Condition::Kind::kAllOf:
    case Condition::Kind::kAnyOf: {
      const std::string list = absl::StrCat(
          field, c.kind == Condition::Kind::kAllOf ? ".all_of" : ".any_of",
          ".conditions");
      if (c.children.empty() || c.children.size() > kMaxConditionChildren) {
        errors.Add(
            Invalid(list, absl::StrCat("must have 1 to ", kMaxConditionChildren,
                                       " conditions")));
        return absl::OkStatus();
      }
      for (size_t i = 0; i < c.children.size(); ++i) {
        PH_RETURN_IF_ERROR(CheckNode(absl::StrCat(list, "[", i, "]"),
                                     c.children[i], depth + 1, nodes, errors));
      }
      return absl::OkStatus();
    }
    case Condition::Kind::kNot:
      if (c.children.size() != 1) {
        errors.Add(Invalid(absl::StrCat(field, ".negation"), "is required"));
        return absl::OkStatus();
      }
      return CheckNode(absl::StrCat(field, ".negation"), c.children[0],
                       depth + 1, nodes, errors);
    case Condition::Kind::kAgeBand:
      errors.Add(CheckEnumValues(absl::StrCat(field, ".age_band.age_bands"),
                                 c.values, 6));
      return absl::OkStatus();
    case Condition::Kind::kGender:
      errors.Add(
          CheckEnumValues(absl::StrCat(field, ".gender.genders"), c.values, 3));
      return absl::OkStatus();
    case Condition::Kind::kConsent:
      errors.Add(
          CheckEnumValues(absl::StrCat(field, ".consent.states"), c.values, 3));
      return absl::OkStatus();
    case Condition::Kind::kRegion:
      if (c.regions.empty() || c.regions.size() > 100) {
        errors.Add(Invalid(absl::StrCat(field, ".region.regions"),
                           "must have 1 to 100 regions"));
        return absl::OkStatus();
      }
      for (size_t i = 0; i < c.regions.size(); ++i) {
        errors.Add(CheckRegion(absl::StrCat(field, ".region.regions[", i, "]"),
                               c.regions[i]));
      }
      return absl::OkStatus();
    case Condition::Kind::kFunnelStage: {
      const std::string f = absl::StrCat(field, ".funnel_stage");
      const int lo = static_cast<int>(c.min_stage);
      const int hi = static_cast<int>(c.max_stage);
      const bool lo_known = lo >= 0 && lo <= kStageCount;
      const bool hi_known = hi >= 0 && hi <= kStageCount;
      if (!lo_known) errors.Add(absl::StrCat(f, ".min_stage"), "is unknown");
      if (!hi_known) errors.Add(absl::StrCat(f, ".max_stage"), "is unknown");
      if (!lo_known || !hi_known) return absl::OkStatus();
      if (lo == 0 && hi == 0) {
        errors.Add(f, "needs min_stage or max_stage");
      } else if (hi != 0 && lo > hi) {
        errors.Add(absl::StrCat(f, ".max_stage"), "is below min_stage");
      }
      return absl::OkStatus();
    }
    case Condition::Kind::kPurchaseCount: {
      const std::string f = absl::StrCat(field, ".purchase_count");
      if (!c.category.empty())
        errors.Add(CheckCategory(absl::StrCat(f, ".category"), c.category));
      errors.Add(
          CheckRange(absl::StrCat(f, ".min_purchases"), c.min_count, 1, 10000));
      errors.Add(CheckWindow(absl::StrCat(f, ".window"), c.window));
      return absl::OkStatus();
    }
    case Condition::Kind::kSpend: {
      const std::string f = absl::StrCat(field, ".spend");
      if (!c.category.empty())
        errors.Add(CheckCategory(absl::StrCat(f, ".category"), c.category));
      errors.Add(CheckCurrencyCode(absl::StrCat(f, ".min_amount.currency_code"),
                                   c.currency_code));
      if (c.min_amount_minor <= 0) {
        errors.Add(absl::StrCat(f, ".min_amount.amount_minor"),
                   "must be more than 0");
      }
      errors.Add(CheckWindow(absl::StrCat(f, ".window"), c.window));
      return absl::OkStatus();
    }
    case Condition::Kind::kTouchpoint: {
      const std::string f = absl::StrCat(field, ".touchpoint");
      const int type = static_cast<int>(c.touchpoint_type);
      if (type <= 0 || type > kMaxTouchpointType)
        errors.Add(absl::StrCat(f, ".type"), "is required");
      errors.Add(
          CheckRange(absl::StrCat(f, ".min_count"), c.min_count, 1, 10000));
      errors.Add(CheckWindow(absl::StrCat(f, ".window"), c.window));
      return absl::OkStatus();
    }
  }
  errors.Add(field, "is required");
  return absl::OkStatus();
}

bool InWindow(absl::Time t, const std::pair<absl::Time, absl::Time>& w) {
  return t >= w.first && t < w.second;
}

bool FullyRefunded(const Purchase& p) {
  return p.refunded_minor > 0 && p.refunded_minor >= p.total_minor;
}

template <typename T>
bool Contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

absl::Status ValidateCondition(absl::string_view field, const Condition& c) {
  int nodes = 0;
  FieldErrors errors;
  PH_RETURN_IF_ERROR(CheckNode(std::string(field), c, 1, nodes, errors));
  return errors.Result();
}

std::pair<absl::Time, absl::Time> ResolveWindow(const TimeWindow& w,
                                                absl::Time now) {
  if (w.last_days > 0) return {now - absl::Hours(24) * w.last_days, now};
  return {w.start_time, w.end_time};
}

bool Matches(const Condition& c, const CustomerFacts& f, absl::Time now) {
  switch (c.kind) {
    case Condition::Kind::kAllOf:
      for (const Condition& child : c.children) {
        if (!Matches(child, f, now)) return false;
      }
      return true;
    case Condition::Kind::kAnyOf:
      for (const Condition& child : c.children) {
        if (Matches(child, f, now)) return true;
      }
      return false;
    case Condition::Kind::kNot:
      return !Matches(c.children.at(0), f, now);
    case Condition::Kind::kAgeBand:
      return Contains(c.values,
                      static_cast<int>(AgeBandOf(f.customer.birth_year, now)));
    case Condition::Kind::kGender:
      return Contains(c.values, static_cast<int>(f.customer.gender));
    case Condition::Kind::kRegion:
      return Contains(c.regions, f.customer.region);
    case Condition::Kind::kConsent:
      return Contains(c.values, static_cast<int>(f.customer.consent));
    case Condition::Kind::kFunnelStage: {
      FunnelStage stage = FunnelStage::kNone;
      for (const FunnelProgress& p : f.funnel) {
        if (p.partner_id == c.partner_id) stage = FurthestStage(p.reached);
      }
      const int s = static_cast<int>(stage);
      const int lo = static_cast<int>(c.min_stage);
      const int hi = static_cast<int>(c.max_stage);
      return (lo == 0 || s >= lo) && (hi == 0 || s <= hi);
    }
    case Condition::Kind::kPurchaseCount:
    case Condition::Kind::kSpend: {
      const auto window = ResolveWindow(c.window, now);
      int64_t count = 0;
      int64_t spent = 0;
      for (const Purchase& p : f.purchases) {
        if (!InWindow(p.purchase_time, window) || FullyRefunded(p)) continue;
        if (c.partner_id != 0 && p.partner_id != c.partner_id) continue;
        bool has_category = c.category.empty();
        for (const PurchaseItem& item : p.items) {
          if (c.category.empty() || item.category == c.category) {
            has_category = true;
            if (p.currency_code == c.currency_code) spent += item.amount_minor;
          }
        }
        if (has_category) ++count;
      }
      if (c.kind == Condition::Kind::kPurchaseCount)
        return count >= c.min_count;
      return spent >= c.min_amount_minor;
    }
    case Condition::Kind::kTouchpoint: {
      const auto window = ResolveWindow(c.window, now);
      int64_t count = 0;
      for (const Touchpoint& t : f.touchpoints) {
        if (t.type != c.touchpoint_type || !InWindow(t.occur_time, window))
          continue;
        if (c.partner_id != 0 && t.partner_id != c.partner_id) continue;
        if (c.campaign_id != 0 && t.campaign_id != c.campaign_id) continue;
        ++count;
      }
      return count >= std::max<int64_t>(1, c.min_count);
    }
  }
  return false;
}

}  // namespace partnerhub::customer_experience
