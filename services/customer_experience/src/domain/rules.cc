#include "services/customer_experience/src/domain/rules.h"

#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/api/field_checks.h"
#include "common/api/fingerprint.h"
#include "common/status/status_macros.h"

namespace partnerhub::customer_experience {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(field, " ", what));
}

absl::Status CheckChars(absl::string_view field, absl::string_view value,
                        absl::string_view extra, bool upper_ok,
                        absl::string_view pattern) {
  if (value.empty() || value.size() > 64) {
    return Invalid(field, absl::StrCat("must be 1 to 64 of ", pattern));
  }
  for (char c : value) {
    const bool ok = absl::ascii_islower(c) || absl::ascii_isdigit(c) ||
                    (upper_ok && absl::ascii_isupper(c)) ||
                    extra.find(c) != absl::string_view::npos;
    if (!ok) {
      return Invalid(field, absl::StrCat("must be 1 to 64 of ", pattern,
                                         ", got \"", value, "\""));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckEventTime(absl::string_view field, absl::Time t,
                            absl::Time now) {
  if (t == absl::Time() || t == absl::UnixEpoch()) {
    return Invalid(field, "is required");
  }
  if (t > now + kMaxClockSkew) return Invalid(field, "lies in the future");
  if (t < absl::FromUnixSeconds(946684800)) {  // 2000-01-01
    return Invalid(field, "lies before 2000");
  }
  return absl::OkStatus();
}

std::optional<absl::Time> Earliest(std::optional<absl::Time> a,
                                   std::optional<absl::Time> b) {
  if (!a.has_value()) return b;
  if (!b.has_value()) return a;
  return std::min(*a, *b);
}

constexpr int Slot(FunnelStage s) { return static_cast<int>(s) - 1; }

// Masks all but the first `keep` characters of UTF-8 `text`.
std::string MaskTail(absl::string_view text, int keep) {
  std::string out;
  int chars = 0;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0xF0) {
      len = 4;
    } else if (c >= 0xE0) {
      len = 3;
    } else if (c >= 0xC0) {
      len = 2;
    }
    if (chars < keep) {
      out.append(text.data() + i, len);
    } else {
      out.push_back('*');
    }
    ++chars;
    i += len;
  }
  return out;
}

}  // namespace

absl::Status CheckExternalId(absl::string_view field, absl::string_view id) {
  return CheckChars(field, id, "_-", true, "A-Z a-z 0-9 '_' '-'");
}

absl::Status CheckEventId(absl::string_view field, absl::string_view id) {
  return CheckChars(field, id, "_-.:", true, "A-Z a-z 0-9 '_' '-' '.' ':'");
}

absl::Status CheckCategory(absl::string_view field,
                           absl::string_view category) {
  return CheckChars(field, category, "_-.", false, "a-z 0-9 '_' '-' '.'");
}

absl::Status CheckRegion(absl::string_view field, absl::string_view region) {
  bool ok = region.size() >= 4 && region.size() <= 6 &&
            absl::ascii_isupper(region[0]) && absl::ascii_isupper(region[1]) &&
            region[2] == '-';
  for (size_t i = 3; ok && i < region.size(); ++i) {
    ok = absl::ascii_isupper(region[i]) || absl::ascii_isdigit(region[i]);
  }
  if (!ok) {
    return Invalid(field, absl::StrCat("must be an ISO 3166-2 code like "
                                       "\"KR-11\", got \"",
                                       region, "\""));
  }
  return absl::OkStatus();
}

int CurrentYear(absl::Time now) {
  return static_cast<int>(absl::ToCivilYear(now, absl::UTCTimeZone()).year());
}

AgeBand AgeBandOf(int32_t birth_year, absl::Time now) {
  if (birth_year <= 0) return AgeBand::kUnknown;
  const int age = CurrentYear(now) - birth_year;
  if (age < 20) return AgeBand::kUnder20;
  if (age >= 60) return AgeBand::kSixtiesAndOver;
  return static_cast<AgeBand>(age / 10);  // 2..5
}

std::pair<int32_t, int32_t> BirthYears(AgeBand band, absl::Time now) {
  const int year = CurrentYear(now);
  switch (band) {
    case AgeBand::kUnknown:
      return {0, 0};
    case AgeBand::kUnder20:
      return {year - 19, 9999};
    case AgeBand::kSixtiesAndOver:
      return {1, year - 60};
    default: {
      const int low_age = static_cast<int>(band) * 10;
      return {year - low_age - 9, year - low_age};
    }
  }
}

absl::Status ValidateCustomer(const Customer& c, absl::Time now) {
  if (c.birth_year != 0) {
    PH_RETURN_IF_ERROR(CheckRange("customer.birth_year", c.birth_year, 1900,
                                  CurrentYear(now)));
  }
  if (!c.region.empty())
    PH_RETURN_IF_ERROR(CheckRegion("customer.region", c.region));
  if (c.sign_up_time > now + kMaxClockSkew) {
    return Invalid("customer.sign_up_time", "lies in the future");
  }
  const PersonalData& p = c.personal_data;
  if (!p.display_name.empty()) {
    PH_RETURN_IF_ERROR(CheckText("customer.personal_data.display_name",
                                 p.display_name, 1, 100));
  }
  if (!p.email.empty()) {
    PH_RETURN_IF_ERROR(CheckEmail("customer.personal_data.email", p.email));
  }
  if (!p.phone.empty()) {
    PH_RETURN_IF_ERROR(CheckPhone("customer.personal_data.phone", p.phone));
  }
  return absl::OkStatus();
}

absl::Status CheckConsentChange(ConsentState from, ConsentState to) {
  if (from == to) return absl::OkStatus();
  if (to == ConsentState::kGranted &&
      (from == ConsentState::kDenied || from == ConsentState::kRevoked)) {
    return absl::OkStatus();
  }
  if (to == ConsentState::kRevoked && from == ConsentState::kGranted) {
    return absl::OkStatus();
  }
  if (to == ConsentState::kDenied) {
    return absl::FailedPreconditionError(
        "consent cannot be set to DENIED after create; to withdraw a "
        "GRANTED consent, set REVOKED");
  }
  return absl::FailedPreconditionError("only a GRANTED consent can be REVOKED");
}

PersonalData MaskPersonalData(const PersonalData& data) {
  PersonalData out;
  out.display_name = MaskTail(data.display_name, 1);
  const size_t at = data.email.find('@');
  if (at != std::string::npos) {
    absl::string_view local = absl::string_view(data.email).substr(0, at);
    absl::string_view domain = absl::string_view(data.email).substr(at + 1);
    const size_t dot = domain.rfind('.');
    absl::string_view host =
        dot == absl::string_view::npos ? domain : domain.substr(0, dot);
    absl::string_view tld =
        dot == absl::string_view::npos ? "" : domain.substr(dot);
    out.email = absl::StrCat(MaskTail(local, 1), "@", MaskTail(host, 1), tld);
  } else {
    out.email = MaskTail(data.email, 1);
  }
  int digits = 0;
  for (char c : data.phone) digits += absl::ascii_isdigit(c) ? 1 : 0;
  int seen = 0;
  for (char c : data.phone) {
    if (absl::ascii_isdigit(c)) {
      out.phone.push_back(seen < 4 || seen >= digits - 2 ? c : '*');
      ++seen;
    } else {
      out.phone.push_back(c);
    }
  }
  return out;
}

FunnelStage StageOf(TouchpointType type) {
  switch (type) {
    case TouchpointType::kAdImpression:
      return FunnelStage::kAware;
    case TouchpointType::kPageView:
    case TouchpointType::kSearch:
      return FunnelStage::kInterested;
    case TouchpointType::kAddToCart:
    case TouchpointType::kCouponReceived:
      return FunnelStage::kConsidering;
    case TouchpointType::kPurchase:
      return FunnelStage::kPurchased;
    case TouchpointType::kRepeatPurchase:
      return FunnelStage::kRepeat;
    case TouchpointType::kReview:
    case TouchpointType::kReferral:
      return FunnelStage::kAdvocate;
    default:
      return FunnelStage::kNone;
  }
}

FunnelStage FurthestStage(const StageTimes& reached) {
  for (int i = kStageCount - 1; i >= 0; --i) {
    if (reached[i].has_value()) return static_cast<FunnelStage>(i + 1);
  }
  return FunnelStage::kNone;
}

absl::Status ValidateTouchpoint(absl::string_view field, const Touchpoint& t,
                                absl::Time now) {
  PH_RETURN_IF_ERROR(
      CheckExternalId(absl::StrCat(field, ".customer"), t.customer_id));
  PH_RETURN_IF_ERROR(
      CheckEventId(absl::StrCat(field, ".event_id"), t.event_id));
  const int type = static_cast<int>(t.type);
  if (type <= 0 || type > kMaxTouchpointType) {
    return Invalid(absl::StrCat(field, ".type"), "is required");
  }
  PH_RETURN_IF_ERROR(
      CheckEventTime(absl::StrCat(field, ".occur_time"), t.occur_time, now));
  const int channel = static_cast<int>(t.channel);
  if (channel < 0 || channel > kMaxChannel) {
    return Invalid(absl::StrCat(field, ".channel"), "has an unknown value");
  }
  if (t.properties.size() > kMaxProperties) {
    return Invalid(
        absl::StrCat(field, ".properties"),
        absl::StrCat("may have at most ", kMaxProperties, " entries"));
  }
  for (const auto& [key, value] : t.properties) {
    PH_RETURN_IF_ERROR(
        CheckText(absl::StrCat(field, ".properties key"), key, 1, 64));
    PH_RETURN_IF_ERROR(CheckText(absl::StrCat(field, ".properties[", key, "]"),
                                 value, 0, 256));
  }
  return absl::OkStatus();
}

std::vector<FunnelDelta> FunnelDeltas(
    const std::vector<const Touchpoint*>& recorded) {
  // Per customer: earliest time per stage, plus the two earliest
  // purchases so that a second purchase in the batch counts as a repeat.
  struct Acc {
    StageTimes reached;
    std::vector<absl::Time> purchases;
  };
  std::map<int64_t, Acc> acc;
  auto add = [&](int64_t customer, const Touchpoint& t) {
    const FunnelStage stage = StageOf(t.type);
    if (stage == FunnelStage::kNone) return;
    Acc& a = acc[customer];
    if (stage == FunnelStage::kPurchased) {
      a.purchases.push_back(t.occur_time);
      return;
    }
    auto& slot = a.reached[Slot(stage)];
    slot = Earliest(slot, t.occur_time);
  };
  for (const Touchpoint* t : recorded) add(t->customer_key, *t);
  std::vector<FunnelDelta> out;
  out.reserve(acc.size());
  for (auto& [key, a] : acc) {
    std::sort(a.purchases.begin(), a.purchases.end());
    if (!a.purchases.empty())
      a.reached[Slot(FunnelStage::kPurchased)] = a.purchases[0];
    if (a.purchases.size() > 1) {
      auto& repeat = a.reached[Slot(FunnelStage::kRepeat)];
      repeat = Earliest(repeat, a.purchases[1]);
    }
    out.push_back({key, a.reached});
  }
  return out;
}

void MergeFunnel(StageTimes& row, const StageTimes& delta) {
  const int p = Slot(FunnelStage::kPurchased);
  const int r = Slot(FunnelStage::kRepeat);
  // A purchase on each side: the later of the two first purchases is a
  // second purchase. (Computed before the purchase time is merged.)
  std::optional<absl::Time> second;
  if (row[p].has_value() && delta[p].has_value())
    second = std::max(*row[p], *delta[p]);
  row[r] = Earliest(Earliest(row[r], delta[r]), second);
  for (int i = 0; i < kStageCount; ++i) {
    if (i != r) row[i] = Earliest(row[i], delta[i]);
  }
}

namespace {

// The delta one scope's (a customer's, or a customer's with one partner)
// new touchpoints give, as FunnelDeltas computes it.
StageTimes ScopeDelta(const std::vector<const Touchpoint*>& ts) {
  StageTimes reached;
  std::vector<absl::Time> purchases;
  for (const Touchpoint* t : ts) {
    const FunnelStage stage = StageOf(t->type);
    if (stage == FunnelStage::kPurchased) {
      purchases.push_back(t->occur_time);
    } else if (stage != FunnelStage::kNone) {
      reached[Slot(stage)] = Earliest(reached[Slot(stage)], t->occur_time);
    }
  }
  std::sort(purchases.begin(), purchases.end());
  if (!purchases.empty()) reached[Slot(FunnelStage::kPurchased)] = purchases[0];
  if (purchases.size() > 1) {
    auto& repeat = reached[Slot(FunnelStage::kRepeat)];
    repeat = Earliest(repeat, purchases[1]);
  }
  return reached;
}

// The first reaches of one scope; see AdvanceFunnel.
void ScopeReaches(int64_t customer_key, int64_t partner_id,
                  const StageTimes& stored, const StageTimes& merged,
                  const std::vector<const Touchpoint*>& ts,
                  std::vector<StageReach>& out) {
  for (int i = 0; i < kStageCount; ++i) {
    if (stored[i].has_value() || !merged[i].has_value()) continue;
    const FunnelStage stage = static_cast<FunnelStage>(i + 1);
    const absl::Time when = *merged[i];
    StageReach reach{.customer_key = customer_key,
                     .customer_id = ts.front()->customer_id,
                     .partner_id = partner_id,
                     .stage = stage,
                     .reach_time = when};
    const Touchpoint* at = nullptr;
    for (const Touchpoint* t : ts) {
      if (StageOf(t->type) == stage && t->occur_time == when) {
        at = t;
        break;
      }
    }
    if (at == nullptr && stage == FunnelStage::kRepeat) {
      // The second purchase: of the stored first purchase (nullptr) and the
      // new ones, in time order; at equal times the stored one first, so
      // that a new purchase is the second.
      std::vector<std::pair<absl::Time, const Touchpoint*>> purchases;
      if (const auto& p = stored[Slot(FunnelStage::kPurchased)]; p.has_value())
        purchases.emplace_back(*p, nullptr);
      for (const Touchpoint* t : ts) {
        if (t->type == TouchpointType::kPurchase)
          purchases.emplace_back(t->occur_time, t);
      }
      std::stable_sort(purchases.begin(), purchases.end(),
                       [](const auto& a, const auto& b) {
                         if (a.first != b.first) return a.first < b.first;
                         return a.second == nullptr && b.second != nullptr;
                       });
      if (purchases.size() > 1 && purchases[1].first == when) {
        at = purchases[1].second;
        reach.at_stored_purchase = at == nullptr;
      }
    }
    if (at != nullptr) reach.campaign_id = at->campaign_id;
    out.push_back(std::move(reach));
  }
}

}  // namespace

std::vector<int64_t> FunnelCustomers(
    const std::vector<const Touchpoint*>& recorded) {
  std::vector<int64_t> out;
  for (const Touchpoint* t : recorded) {
    if (StageOf(t->type) != FunnelStage::kNone) out.push_back(t->customer_key);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<PartnerKey> FunnelPartners(
    const std::vector<const Touchpoint*>& recorded) {
  std::vector<PartnerKey> out;
  for (const Touchpoint* t : recorded) {
    if (t->partner_id != 0 && StageOf(t->type) != FunnelStage::kNone)
      out.emplace_back(t->customer_key, t->partner_id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

FunnelAdvance AdvanceFunnel(
    const std::vector<const Touchpoint*>& recorded,
    const absl::flat_hash_map<int64_t, StageTimes>& stored_overall,
    const absl::flat_hash_map<PartnerKey, StageTimes>& stored_partners) {
  // Each scope's touchpoints, in the batch's order; ordered scopes.
  std::map<PartnerKey, std::vector<const Touchpoint*>> scopes;
  for (const Touchpoint* t : recorded) {
    if (StageOf(t->type) == FunnelStage::kNone) continue;
    scopes[{t->customer_key, 0}].push_back(t);
    if (t->partner_id != 0)
      scopes[{t->customer_key, t->partner_id}].push_back(t);
  }
  static const StageTimes kNothing{};
  FunnelAdvance out;
  for (const auto& [scope, ts] : scopes) {
    const auto [customer_key, partner_id] = scope;
    const StageTimes delta = ScopeDelta(ts);
    const StageTimes* stored = &kNothing;
    if (partner_id == 0) {
      if (auto it = stored_overall.find(customer_key);
          it != stored_overall.end())
        stored = &it->second;
    } else if (auto it = stored_partners.find(scope);
               it != stored_partners.end()) {
      stored = &it->second;
    }
    StageTimes merged = *stored;
    MergeFunnel(merged, delta);
    // Rows the batch does not change are not written.
    if (merged != *stored) {
      if (partner_id == 0) {
        out.overall.push_back({customer_key, delta});
      } else {
        out.partners.push_back({customer_key, partner_id, delta});
      }
    }
    ScopeReaches(customer_key, partner_id, *stored, merged, ts, out.reaches);
  }
  return out;
}

StageTimes ProgressOf(const std::vector<Touchpoint>& touchpoints) {
  StageTimes out;
  std::vector<absl::Time> purchases;
  for (const Touchpoint& t : touchpoints) {
    const FunnelStage stage = StageOf(t.type);
    if (stage == FunnelStage::kNone) continue;
    if (stage == FunnelStage::kPurchased) purchases.push_back(t.occur_time);
    out[Slot(stage)] = Earliest(out[Slot(stage)], t.occur_time);
  }
  std::sort(purchases.begin(), purchases.end());
  if (purchases.size() > 1) {
    out[Slot(FunnelStage::kRepeat)] =
        Earliest(out[Slot(FunnelStage::kRepeat)], purchases[1]);
  }
  return out;
}

std::vector<FunnelProgress> PartnerProgress(
    const std::vector<Touchpoint>& touchpoints) {
  std::map<int64_t, std::vector<Touchpoint>> by_partner;
  for (const Touchpoint& t : touchpoints) {
    if (t.partner_id != 0 && StageOf(t.type) != FunnelStage::kNone) {
      by_partner[t.partner_id].push_back(t);
    }
  }
  std::vector<FunnelProgress> out;
  for (const auto& [partner, events] : by_partner) {
    out.push_back({partner, ProgressOf(events)});
  }
  return out;
}

std::vector<TouchpointType> TypesAtOrAfter(FunnelStage stage) {
  std::vector<TouchpointType> out;
  for (int t = 1; t <= kMaxTouchpointType; ++t) {
    const auto type = static_cast<TouchpointType>(t);
    if (StageOf(type) != FunnelStage::kNone && StageOf(type) >= stage)
      out.push_back(type);
  }
  return out;
}

absl::Status ValidatePurchase(const Purchase& p, absl::Time now) {
  PH_RETURN_IF_ERROR(CheckExternalId("purchase_id", p.purchase_id));
  PH_RETURN_IF_ERROR(CheckExternalId("purchase.customer", p.customer_id));
  if (p.partner_id <= 0) return Invalid("purchase.partner", "is required");
  if (p.items.empty() || p.items.size() > kMaxPurchaseItems) {
    return Invalid("purchase.items", absl::StrCat("must have 1 to ",
                                                  kMaxPurchaseItems, " items"));
  }
  PH_RETURN_IF_ERROR(
      CheckCurrencyCode("purchase.total.currency_code", p.currency_code));
  int64_t sum = 0;
  for (size_t i = 0; i < p.items.size(); ++i) {
    const PurchaseItem& item = p.items[i];
    const std::string f = absl::StrCat("purchase.items[", i, "]");
    PH_RETURN_IF_ERROR(
        CheckCategory(absl::StrCat(f, ".category"), item.category));
    if (item.product_id.size() > 64) {
      return Invalid(absl::StrCat(f, ".product_id"),
                     "may have at most 64 characters");
    }
    PH_RETURN_IF_ERROR(
        CheckRange(absl::StrCat(f, ".quantity"), item.quantity, 1, 1000000));
    PH_RETURN_IF_ERROR(CheckRange(absl::StrCat(f, ".amount.amount_minor"),
                                  item.amount_minor, 0, int64_t{1} << 50));
    sum += item.amount_minor;
  }
  if (sum != p.total_minor) {
    return Invalid("purchase.total",
                   absl::StrCat("must equal the sum of the items' amounts (",
                                sum, "), got ", p.total_minor));
  }
  if (p.coupon_code.size() > 64) {
    return Invalid("purchase.coupon_code", "may have at most 64 characters");
  }
  return CheckEventTime("purchase.purchase_time", p.purchase_time, now);
}

uint64_t PurchaseFingerprint(const Purchase& p) {
  std::string text =
      absl::StrCat(p.purchase_id, "|", p.customer_id, "|", p.partner_id, "|",
                   p.currency_code, "|", p.total_minor, "|", p.coupon_code, "|",
                   p.campaign_id, "|", static_cast<int>(p.channel), "|",
                   absl::ToUnixMicros(p.purchase_time));
  for (const PurchaseItem& i : p.items) {
    absl::StrAppend(&text, "|", i.category, ",", i.product_id, ",", i.quantity,
                    ",", i.amount_minor);
  }
  return Fingerprint(text);
}

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

absl::Status CheckNode(const std::string& field, const Condition& c, int depth,
                       int& nodes) {
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
        return Invalid(list,
                       absl::StrCat("must have 1 to ", kMaxConditionChildren,
                                    " conditions"));
      }
      for (size_t i = 0; i < c.children.size(); ++i) {
        PH_RETURN_IF_ERROR(CheckNode(absl::StrCat(list, "[", i, "]"),
                                     c.children[i], depth + 1, nodes));
      }
      return absl::OkStatus();
    }
    case Condition::Kind::kNot:
      if (c.children.size() != 1)
        return Invalid(absl::StrCat(field, ".negation"), "is required");
      return CheckNode(absl::StrCat(field, ".negation"), c.children[0],
                       depth + 1, nodes);
    case Condition::Kind::kAgeBand:
      return CheckEnumValues(absl::StrCat(field, ".age_band.age_bands"),
                             c.values, 6);
    case Condition::Kind::kGender:
      return CheckEnumValues(absl::StrCat(field, ".gender.genders"), c.values,
                             3);
    case Condition::Kind::kConsent:
      return CheckEnumValues(absl::StrCat(field, ".consent.states"), c.values,
                             3);
    case Condition::Kind::kRegion:
      if (c.regions.empty() || c.regions.size() > 100) {
        return Invalid(absl::StrCat(field, ".region.regions"),
                       "must have 1 to 100 regions");
      }
      for (size_t i = 0; i < c.regions.size(); ++i) {
        PH_RETURN_IF_ERROR(CheckRegion(
            absl::StrCat(field, ".region.regions[", i, "]"), c.regions[i]));
      }
      return absl::OkStatus();
    case Condition::Kind::kFunnelStage: {
      const std::string f = absl::StrCat(field, ".funnel_stage");
      const int lo = static_cast<int>(c.min_stage);
      const int hi = static_cast<int>(c.max_stage);
      if (lo < 0 || lo > kStageCount)
        return Invalid(absl::StrCat(f, ".min_stage"), "is unknown");
      if (hi < 0 || hi > kStageCount)
        return Invalid(absl::StrCat(f, ".max_stage"), "is unknown");
      if (lo == 0 && hi == 0) return Invalid(f, "needs min_stage or max_stage");
      if (hi != 0 && lo > hi)
        return Invalid(absl::StrCat(f, ".max_stage"), "is below min_stage");
      return absl::OkStatus();
    }
    case Condition::Kind::kPurchaseCount: {
      const std::string f = absl::StrCat(field, ".purchase_count");
      if (!c.category.empty())
        PH_RETURN_IF_ERROR(
            CheckCategory(absl::StrCat(f, ".category"), c.category));
      PH_RETURN_IF_ERROR(
          CheckRange(absl::StrCat(f, ".min_purchases"), c.min_count, 1, 10000));
      return CheckWindow(absl::StrCat(f, ".window"), c.window);
    }
    case Condition::Kind::kSpend: {
      const std::string f = absl::StrCat(field, ".spend");
      if (!c.category.empty())
        PH_RETURN_IF_ERROR(
            CheckCategory(absl::StrCat(f, ".category"), c.category));
      PH_RETURN_IF_ERROR(CheckCurrencyCode(
          absl::StrCat(f, ".min_amount.currency_code"), c.currency_code));
      if (c.min_amount_minor <= 0) {
        return Invalid(absl::StrCat(f, ".min_amount.amount_minor"),
                       "must be more than 0");
      }
      return CheckWindow(absl::StrCat(f, ".window"), c.window);
    }
    case Condition::Kind::kTouchpoint: {
      const std::string f = absl::StrCat(field, ".touchpoint");
      const int type = static_cast<int>(c.touchpoint_type);
      if (type <= 0 || type > kMaxTouchpointType)
        return Invalid(absl::StrCat(f, ".type"), "is required");
      PH_RETURN_IF_ERROR(
          CheckRange(absl::StrCat(f, ".min_count"), c.min_count, 1, 10000));
      return CheckWindow(absl::StrCat(f, ".window"), c.window);
    }
  }
  return Invalid(field, "is required");
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
  return CheckNode(std::string(field), c, 1, nodes);
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
