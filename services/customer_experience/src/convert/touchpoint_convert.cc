// proto ⇄ domain for touchpoints, and the per-event results of
// BatchRecordTouchpoints.
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/grpc/proto_convert.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/convert/convert.h"
#include "services/customer_experience/src/convert/convert_internal.h"
#include "services/customer_experience/src/domain/resource_names.h"

namespace partnerhub::customer_experience {

using convert_internal::EnumFromProto;
using convert_internal::EnumToProto;
using convert_internal::OptionalTime;

absl::StatusOr<Touchpoint> FromProto(const v1::Touchpoint& t,
                                     const std::string& field) {
  Touchpoint out;
  FieldErrors errors;  // every field that does not convert, at once
  errors.Assign(
      ParseCustomerName(t.customer(), absl::StrCat(field, ".customer")),
      out.customer_id);
  out.event_id = t.event_id();
  absl::StatusOr<TouchpointType> type =
      EnumFromProto<TouchpointType>(absl::StrCat(field, ".type"), t.type(),
                                    v1::Touchpoint::Type_IsValid, false);
  if (type.ok() && *type == TouchpointType::kRefund) {
    errors.Add(absl::StrCat(field, ".type"),
               "REFUND is recorded by RefundPurchase only");
  } else {
    errors.Assign(type, out.type);
  }
  errors.Assign(OptionalTime(absl::StrCat(field, ".occur_time"),
                             t.has_occur_time(), t.occur_time()),
                out.occur_time);
  errors.Assign(
      EnumFromProto<Channel>(absl::StrCat(field, ".channel"), t.channel(),
                             v1::Touchpoint::Channel_IsValid, true),
      out.channel);
  errors.Assign(
      ParseOptionalPartnerName(t.partner(), absl::StrCat(field, ".partner")),
      out.partner_id);
  errors.Assign(
      ParseOptionalCampaignName(t.campaign(), absl::StrCat(field, ".campaign")),
      out.campaign_id);
  PH_RETURN_IF_ERROR(errors.Result());
  out.properties.insert(t.properties().begin(), t.properties().end());
  return out;
}

v1::Touchpoint ToProto(const Touchpoint& t) {
  v1::Touchpoint out;
  out.set_name(TouchpointName(t.customer_id, t.event_id));
  out.set_customer(CustomerName(t.customer_id));
  out.set_event_id(t.event_id);
  out.set_type(EnumToProto<v1::Touchpoint::Type>(t.type));
  *out.mutable_occur_time() = ToProtoTime(t.occur_time);
  out.set_channel(EnumToProto<v1::Touchpoint::Channel>(t.channel));
  out.set_partner(PartnerName(t.partner_id));
  out.set_campaign(CampaignName(t.campaign_id));
  out.mutable_properties()->insert(t.properties.begin(), t.properties.end());
  if (!t.purchase_id.empty()) out.set_purchase(PurchaseName(t.purchase_id));
  *out.mutable_record_time() = ToProtoTime(t.record_time);
  return out;
}

v1::TouchpointResult ToProto(const TouchpointOutcome& o, int64_t index,
                             const std::string& name) {
  v1::TouchpointResult out;
  out.set_index(static_cast<int32_t>(index));
  out.set_outcome(
      static_cast<v1::TouchpointResult::Outcome>(static_cast<int>(o.kind)));
  if (o.kind == TouchpointOutcome::Kind::kRejected) {
    out.set_code(static_cast<int32_t>(o.error.code()));
    out.set_message(std::string(o.error.message()));
    std::string why = ReasonOf(o.error);
    if (why.empty()) {
      why = std::string(::partnerhub::reason::FallbackReason(o.error.code()));
    }
    out.set_reason(std::move(why));
  } else {
    out.set_name(name);
  }
  return out;
}

}  // namespace partnerhub::customer_experience
