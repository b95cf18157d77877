// What a valid purchase is, and the fingerprint that tells a retry from a
// different order with the same id.
#include <string>

#include "absl/strings/str_cat.h"
#include "common/api/field_checks.h"
#include "common/api/fingerprint.h"
#include "common/status/error_details.h"
#include "services/customer_experience/src/domain/rules.h"
#include "services/customer_experience/src/domain/rules_internal.h"

namespace partnerhub::customer_experience {

using rules_internal::CheckEventTime;
using rules_internal::Invalid;

absl::Status ValidatePurchase(const Purchase& p, absl::Time now) {
  // Independent fields: every violation at once. The total is checked
  // against the items only when they are all valid.
  FieldErrors errors;
  errors.Add(CheckExternalId("purchase_id", p.purchase_id));
  errors.Add(CheckExternalId("purchase.customer", p.customer_id));
  if (p.partner_id <= 0) errors.Add(Invalid("purchase.partner", "is required"));
  const bool items_fit =
      !p.items.empty() && p.items.size() <= kMaxPurchaseItems;
  if (!items_fit) {
    errors.Add(
        Invalid("purchase.items",
                absl::StrCat("must have 1 to ", kMaxPurchaseItems, " items")));
  }
  errors.Add(
      CheckCurrencyCode("purchase.total.currency_code", p.currency_code));
  if (items_fit) {
    FieldErrors items;
    int64_t sum = 0;
    for (size_t i = 0; i < p.items.size(); ++i) {
      const PurchaseItem& item = p.items[i];
      const std::string f = absl::StrCat("purchase.items[", i, "]");
      items.Add(CheckCategory(absl::StrCat(f, ".category"), item.category));
      if (item.product_id.size() > 64) {
        items.Add(Invalid(absl::StrCat(f, ".product_id"),
                          "may have at most 64 characters"));
      }
      items.Add(
          CheckRange(absl::StrCat(f, ".quantity"), item.quantity, 1, 1000000));
      items.Add(CheckRange(absl::StrCat(f, ".amount.amount_minor"),
                           item.amount_minor, 0, int64_t{1} << 50));
      sum += item.amount_minor;
    }
    if (!items.ok()) {
      errors.Add(items.Result());
    } else if (sum != p.total_minor) {
      errors.Add(
          Invalid("purchase.total",
                  absl::StrCat("must equal the sum of the items' amounts (",
                               sum, "), got ", p.total_minor)));
    }
  }
  if (p.coupon_code.size() > 64) {
    errors.Add(
        Invalid("purchase.coupon_code", "may have at most 64 characters"));
  }
  errors.Add(CheckEventTime("purchase.purchase_time", p.purchase_time, now));
  return errors.Result();
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

}  // namespace partnerhub::customer_experience
