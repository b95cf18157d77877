// proto ⇄ domain for customers and their consent changes.
#include "common/api/etag.h"
#include "common/grpc/proto_convert.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/convert/convert.h"
#include "services/customer_experience/src/convert/convert_internal.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {

using convert_internal::EnumFromProto;
using convert_internal::EnumToProto;
using convert_internal::OptionalTime;

absl::StatusOr<Customer> FromProto(const v1::Customer& c) {
  Customer out;
  FieldErrors errors;  // every field that does not convert, at once
  out.birth_year = c.birth_year();
  errors.Assign(EnumFromProto<Gender>("customer.gender", c.gender(),
                                      v1::Customer::Gender_IsValid, true),
                out.gender);
  out.region = c.region();
  errors.Assign(OptionalTime("customer.sign_up_time", c.has_sign_up_time(),
                             c.sign_up_time()),
                out.sign_up_time);
  errors.Assign(
      EnumFromProto<ConsentState>("customer.marketing_consent.state",
                                  c.marketing_consent().state(),
                                  v1::MarketingConsent::State_IsValid, true),
      out.consent);
  PH_RETURN_IF_ERROR(errors.Result());
  out.personal_data.display_name = c.personal_data().display_name();
  out.personal_data.email = c.personal_data().email();
  out.personal_data.phone = c.personal_data().phone();
  return out;
}

v1::Customer ToProto(const Customer& c, bool full, absl::Time now) {
  v1::Customer out;
  out.set_name(CustomerName(c.customer_id));
  out.set_birth_year(c.birth_year);
  out.set_age_band(
      EnumToProto<v1::Customer::AgeBand>(AgeBandOf(c.birth_year, now)));
  out.set_gender(EnumToProto<v1::Customer::Gender>(c.gender));
  out.set_region(c.region);
  *out.mutable_sign_up_time() = ToProtoTime(c.sign_up_time);
  out.mutable_marketing_consent()->set_state(
      EnumToProto<v1::MarketingConsent::State>(c.consent));
  *out.mutable_marketing_consent()->mutable_change_time() =
      ToProtoTime(c.consent_change_time);
  const PersonalData data =
      full ? c.personal_data : MaskPersonalData(c.personal_data);
  if (!data.empty()) {
    out.mutable_personal_data()->set_display_name(data.display_name);
    out.mutable_personal_data()->set_email(data.email);
    out.mutable_personal_data()->set_phone(data.phone);
  }
  if (c.personal_data_erase_time.has_value()) {
    *out.mutable_personal_data_erase_time() =
        ToProtoTime(*c.personal_data_erase_time);
  }
  out.set_funnel_stage(EnumToProto<v1::FunnelProgress::Stage>(c.funnel_stage));
  *out.mutable_create_time() = ToProtoTime(c.create_time);
  *out.mutable_update_time() = ToProtoTime(c.update_time);
  out.set_etag(FormatEtag(c.version));
  return out;
}

v1::ConsentChange ToProto(const ConsentChange& c) {
  v1::ConsentChange out;
  out.set_name(ConsentChangeName(c.customer_id, c.id));
  out.set_from_state(EnumToProto<v1::MarketingConsent::State>(c.from_state));
  out.set_to_state(EnumToProto<v1::MarketingConsent::State>(c.to_state));
  out.set_source(c.source);
  *out.mutable_change_time() = ToProtoTime(c.change_time);
  return out;
}

}  // namespace partnerhub::customer_experience
