// proto ⇄ domain for purchases and their refunds.
#include <string>

#include "absl/strings/str_cat.h"
#include "common/grpc/proto_convert.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/convert/convert.h"
#include "services/customer_experience/src/convert/convert_internal.h"
#include "services/customer_experience/src/domain/resource_names.h"

namespace partnerhub::customer_experience {

using convert_internal::EnumFromProto;
using convert_internal::EnumToProto;
using convert_internal::Money;
using convert_internal::OptionalTime;

absl::StatusOr<Purchase> FromProto(const v1::Purchase& p) {
  Purchase out;
  FieldErrors errors;  // every field that does not convert, at once
  errors.Assign(ParseCustomerName(p.customer(), "purchase.customer"),
                out.customer_id);
  if (p.partner().empty()) {
    errors.Add("purchase.partner", "is required");
  } else {
    errors.Assign(ParseOptionalPartnerName(p.partner(), "purchase.partner"),
                  out.partner_id);
  }
  out.currency_code = p.total().currency_code();
  out.total_minor = p.total().amount_minor();
  for (int i = 0; i < p.items_size(); ++i) {
    const v1::PurchaseItem& item = p.items(i);
    if (item.amount().currency_code() != out.currency_code) {
      errors.Add(absl::StrCat("purchase.items[", i, "].amount.currency_code"),
                 absl::StrCat("must equal purchase.total's (",
                              out.currency_code, ")"));
    }
    out.items.push_back({.category = item.category(),
                         .product_id = item.product_id(),
                         .quantity = item.quantity(),
                         .amount_minor = item.amount().amount_minor()});
  }
  out.coupon_code = p.coupon_code();
  errors.Assign(ParseOptionalCampaignName(p.campaign(), "purchase.campaign"),
                out.campaign_id);
  errors.Assign(OptionalTime("purchase.purchase_time", p.has_purchase_time(),
                             p.purchase_time()),
                out.purchase_time);
  errors.Assign(EnumFromProto<Channel>("purchase.channel", p.channel(),
                                       v1::Touchpoint::Channel_IsValid, true),
                out.channel);
  PH_RETURN_IF_ERROR(errors.Result());
  return out;
}

v1::Purchase ToProto(const Purchase& p) {
  v1::Purchase out;
  out.set_name(PurchaseName(p.purchase_id));
  out.set_customer(CustomerName(p.customer_id));
  out.set_partner(PartnerName(p.partner_id));
  for (const PurchaseItem& item : p.items) {
    v1::PurchaseItem* i = out.add_items();
    i->set_category(item.category);
    i->set_product_id(item.product_id);
    i->set_quantity(item.quantity);
    *i->mutable_amount() = Money(p.currency_code, item.amount_minor);
  }
  *out.mutable_total() = Money(p.currency_code, p.total_minor);
  out.set_coupon_code(p.coupon_code);
  out.set_campaign(CampaignName(p.campaign_id));
  *out.mutable_purchase_time() = ToProtoTime(p.purchase_time);
  out.set_channel(EnumToProto<v1::Touchpoint::Channel>(p.channel));
  for (const Refund& r : p.refunds) {
    v1::Refund* o = out.add_refunds();
    o->set_name(RefundName(p.purchase_id, r.id));
    *o->mutable_amount() = Money(p.currency_code, r.amount_minor);
    o->set_reason(r.reason);
    *o->mutable_refund_time() = ToProtoTime(r.refund_time);
    *o->mutable_create_time() = ToProtoTime(r.create_time);
  }
  *out.mutable_refunded_total() = Money(p.currency_code, p.refunded_minor);
  *out.mutable_create_time() = ToProtoTime(p.create_time);
  return out;
}

absl::StatusOr<Refund> FromProto(const v1::Refund& r,
                                 const std::string& currency_code) {
  Refund out;
  FieldErrors errors;
  if (!r.amount().currency_code().empty() &&
      r.amount().currency_code() != currency_code) {
    errors.Add("refund.amount.currency_code",
               absl::StrCat("must be the purchase's (", currency_code, ")"));
  }
  out.amount_minor = r.amount().amount_minor();
  out.reason = r.reason();
  errors.Assign(
      OptionalTime("refund.refund_time", r.has_refund_time(), r.refund_time()),
      out.refund_time);
  PH_RETURN_IF_ERROR(errors.Result());
  return out;
}

}  // namespace partnerhub::customer_experience
