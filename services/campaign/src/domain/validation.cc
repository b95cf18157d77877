// Settings of campaigns and offers, and the fields of a coupon use (rules.h).
#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/api/field_checks.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/campaign/src/domain/enum_names.h"
#include "services/campaign/src/domain/errors.h"
#include "services/campaign/src/domain/resource_names.h"
#include "services/campaign/src/domain/rules.h"

namespace partnerhub::campaign {
namespace {

absl::Status CheckAmount(absl::string_view field, int64_t value, int64_t lo) {
  return CheckRange(field, value, lo, kMaxAmountMinor);
}

bool Contains(const std::vector<std::string>& set, const std::string& v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

bool IsLive(CampaignState s) {
  return s == CampaignState::kRunning || s == CampaignState::kPaused;
}

// An update mask names at least one path, all of them in `updatable`; every
// path that is not is reported, by its index.
absl::Status CheckMask(const std::vector<std::string>& paths,
                       const std::vector<std::string>& updatable) {
  if (paths.empty()) {
    return InvalidField("update_mask",
                        absl::StrCat("is required: name the fields to "
                                     "change, of ",
                                     absl::StrJoin(updatable, ", ")));
  }
  FieldErrors errors;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (Contains(updatable, paths[i])) continue;
    errors.Add(absl::StrCat("update_mask.paths[", i, "]"),
               absl::StrCat("is \"", paths[i],
                            "\", which cannot be updated; updatable: ",
                            absl::StrJoin(updatable, ", ")));
  }
  return errors.Result();
}

}  // namespace

absl::Status CheckStoreId(absl::string_view field, absl::string_view value) {
  bool ok = !value.empty() && value.size() <= 64;
  for (char c : value) {
    ok = ok && (absl::ascii_isalnum(c) || c == '.' || c == '_' || c == '-');
  }
  if (ok) return absl::OkStatus();
  return InvalidField(field, "must be 1 to 64 of A-Z, a-z, 0-9, '.', '_', '-'");
}

absl::Status ValidateCampaign(const Campaign& c) {
  FieldErrors errors;
  errors.Add(CheckText("campaign.display_name", c.display_name, 1, 200));
  errors.Add(CheckText("campaign.description", c.description, 0, 4000));
  const bool has_start = c.start_time != absl::InfinitePast();
  const bool has_end = c.end_time != absl::InfinitePast();
  if (!has_start) errors.Add("campaign.start_time", "is required");
  if (!has_end) errors.Add("campaign.end_time", "is required");
  if (has_start && has_end && c.end_time <= c.start_time) {
    errors.Add("campaign.end_time", "must be after campaign.start_time");
  }
  errors.Add(
      CheckCurrencyCode("campaign.budget.currency_code", c.currency_code));
  errors.Add(CheckAmount("campaign.budget.amount_minor", c.budget_minor, 1));
  if (!c.segment.empty()) {
    errors.Add(CheckSegmentName(c.segment, "campaign.segment"));
  }
  errors.Add(CheckRange("campaign.holdout_bps", c.holdout_bps, 0, 10000));
  return errors.Result();
}

absl::Status ValidateOffer(const Offer& o, const Campaign& campaign) {
  FieldErrors errors;
  errors.Add(CheckText("offer.display_name", o.display_name, 1, 200));
  if (o.currency_code != campaign.currency_code) {
    errors.Add("offer",
               absl::StrCat("amounts must be in the campaign's currency ",
                            campaign.currency_code, ", got ", o.currency_code));
  }
  if (o.discount_type == DiscountType::kPercentOff) {
    errors.Add(
        CheckRange("offer.percent_off.percent_bps", o.percent_bps, 1, 10000));
    errors.Add(CheckAmount("offer.percent_off.max_discount.amount_minor",
                           o.max_discount_minor, 0));
  } else {
    errors.Add(
        CheckAmount("offer.amount_off.amount_minor", o.amount_off_minor, 1));
  }
  errors.Add(
      CheckAmount("offer.min_purchase.amount_minor", o.min_purchase_minor, 0));
  if (o.start_time.has_value() && o.end_time.has_value() &&
      *o.end_time <= *o.start_time) {
    errors.Add("offer.end_time", "must be after offer.start_time");
  }
  errors.Add(
      CheckRange("offer.redemption_cap", o.redemption_cap, 0, kMaxAmountMinor));
  errors.Add(CheckRange("offer.per_customer_limit", o.per_customer_limit, 0,
                        1'000'000));
  return errors.Result();
}

absl::Status ApplyMask(const Campaign& patch,
                       const std::vector<std::string>& paths,
                       Campaign& target) {
  static const std::vector<std::string> kAll = {
      "display_name", "description", "objective", "channel",    "start_time",
      "end_time",     "budget",      "segment",   "holdout_bps"};
  static const std::vector<std::string> kLive = {"display_name", "description",
                                                 "end_time", "budget"};
  PH_RETURN_IF_ERROR(CheckMask(paths, kAll));
  for (const std::string& path : paths) {
    const std::string name = CampaignName(target.id);
    if (target.state == CampaignState::kEnded ||
        target.state == CampaignState::kCancelled) {
      return FailedPrecondition(reason::kCampaignClosed, name,
                                absl::StrCat(name, " is ", NameOf(target.state),
                                             " and can no longer change"));
    }
    if (IsLive(target.state) && !Contains(kLive, path)) {
      return FailedPrecondition(
          reason::kFieldFixedOnceStarted, name,
          absl::StrCat("campaign.", path,
                       " cannot change once the campaign has started (", name,
                       " is ", NameOf(target.state), "); only ",
                       absl::StrJoin(kLive, ", "), " can"));
    }
    if ((path == "segment" || path == "holdout_bps") &&
        !target.segment_snapshot.empty()) {
      return FailedPrecondition(
          reason::kTargetingFixed, name,
          absl::StrCat("campaign.", path,
                       " cannot change: personal codes were issued to ",
                       target.segment_snapshot, " with the current targeting"));
    }
    if (path == "display_name") target.display_name = patch.display_name;
    if (path == "description") target.description = patch.description;
    if (path == "objective") target.objective = patch.objective;
    if (path == "channel") target.channel = patch.channel;
    if (path == "start_time") target.start_time = patch.start_time;
    if (path == "end_time") target.end_time = patch.end_time;
    if (path == "segment") target.segment = patch.segment;
    if (path == "holdout_bps") target.holdout_bps = patch.holdout_bps;
    if (path == "budget") {
      if (patch.currency_code != target.currency_code) {
        return InvalidField(
            "campaign.budget.currency_code",
            absl::StrCat("cannot change: the campaign's currency is ",
                         target.currency_code));
      }
      target.budget_minor = patch.budget_minor;
    }
  }
  return absl::OkStatus();
}

absl::Status ApplyMask(const Offer& patch,
                       const std::vector<std::string>& paths, Offer& target) {
  static const std::vector<std::string> kAll = {
      "display_name", "percent_off", "amount_off",     "min_purchase",
      "start_time",   "end_time",    "redemption_cap", "per_customer_limit"};
  PH_RETURN_IF_ERROR(CheckMask(paths, kAll));
  if (!patch.currency_code.empty() &&
      patch.currency_code != target.currency_code) {
    return InvalidField("offer",
                        absl::StrCat("amounts must be in the campaign's "
                                     "currency ",
                                     target.currency_code));
  }
  for (const std::string& path : paths) {
    if (path == "display_name") target.display_name = patch.display_name;
    if (path == "percent_off") {
      target.discount_type = DiscountType::kPercentOff;
      target.percent_bps = patch.percent_bps;
      target.max_discount_minor = patch.max_discount_minor;
      target.amount_off_minor = 0;
    }
    if (path == "amount_off") {
      target.discount_type = DiscountType::kAmountOff;
      target.amount_off_minor = patch.amount_off_minor;
      target.percent_bps = 0;
      target.max_discount_minor = 0;
    }
    if (path == "min_purchase")
      target.min_purchase_minor = patch.min_purchase_minor;
    if (path == "start_time") target.start_time = patch.start_time;
    if (path == "end_time") target.end_time = patch.end_time;
    if (path == "redemption_cap") target.redemption_cap = patch.redemption_cap;
    if (path == "per_customer_limit") {
      target.per_customer_limit = patch.per_customer_limit;
    }
  }
  return absl::OkStatus();
}

absl::Status CheckLiveUpdate(const Campaign& updated, absl::Time now) {
  if (!IsLive(updated.state)) return absl::OkStatus();
  const std::string name = CampaignName(updated.id);
  if (updated.end_time <= now) {
    return FailedPrecondition(
        reason::kEndTimeInPast, name,
        "campaign.end_time of a started campaign cannot be moved into the "
        "past; end the campaign instead");
  }
  if (updated.budget_minor < updated.spent_minor) {
    return FailedPrecondition(
        reason::kBudgetBelowSpent, name,
        absl::StrCat("campaign.budget cannot go below what is already spent (",
                     updated.spent_minor, " ", updated.currency_code, ")"));
  }
  return absl::OkStatus();
}

absl::Status CheckOffersEditable(const Campaign& campaign) {
  if (campaign.state == CampaignState::kDraft ||
      campaign.state == CampaignState::kScheduled) {
    return absl::OkStatus();
  }
  return FailedPrecondition(
      reason::kOffersNotEditable, CampaignName(campaign.id),
      absl::StrCat("offers of ", CampaignName(campaign.id),
                   " cannot change: it is ", NameOf(campaign.state),
                   " (only DRAFT and SCHEDULED campaigns' offers can)"));
}

absl::Status ValidateCouponUse(const CouponUse& use) {
  FieldErrors errors;
  errors.Add(CheckCustomerName(use.customer, "use.customer"));
  errors.Add(CheckStoreId("use.store", use.store));
  bool order_ok = !use.order_id.empty() && use.order_id.size() <= 64;
  for (char c : use.order_id) order_ok = order_ok && c > 0x20 && c < 0x7F;
  if (!order_ok) {
    errors.Add("use.order_id",
               "must be 1 to 64 printable ASCII characters without spaces");
  }
  errors.Add(
      CheckCurrencyCode("use.order_amount.currency_code", use.currency_code));
  errors.Add(
      CheckAmount("use.order_amount.amount_minor", use.order_amount_minor, 1));
  return errors.Result();
}

}  // namespace partnerhub::campaign
