// proto ⇄ domain for the campaign service's API messages, shared by
// handler/, storage/ (the feed's events, convert/feed_events.h) and
// clients/. Conversions from proto check what the domain cannot (enum values
// in range, timestamps, resource names of other services, one currency per
// message) and name the field in every error. `set` tells which fields the
// request sets: all of them on create, the update_mask's paths on update.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_CONVERT_CONVERT_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_CONVERT_CONVERT_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "common/grpc/handler_support.h"
#include "partnerhub/campaign/v1/campaign.pb.h"
#include "services/campaign/src/domain/coupons.h"
#include "services/campaign/src/domain/types.h"

namespace partnerhub::campaign {

namespace v1 = ::partnerhub::campaign::v1;

absl::StatusOr<Campaign> FromProto(const v1::Campaign& c, const FieldSet& set);
absl::StatusOr<Offer> FromProto(const v1::Offer& o, const FieldSet& set);
absl::StatusOr<CodeIssuance> FromProto(const v1::CodeIssuance& i);
absl::StatusOr<CouponUse> FromProto(const v1::CouponUse& u);

v1::Campaign ToProto(const Campaign& c);
v1::Offer ToProto(const Offer& o);
v1::CodeIssuance ToProto(const CodeIssuance& i);
v1::CouponCode ToProto(const CouponCode& c);
v1::Redemption ToProto(const Redemption& r);
v1::CouponValidation ToProto(const CouponValidation& v);

// INVALID_ARGUMENT naming `field` unless a known state; UNSPECIFIED gives
// std::nullopt when `allow_unspecified`.
absl::StatusOr<std::optional<CampaignState>> StateFromProto(
    const char* field, v1::Campaign::State state, bool allow_unspecified);

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_CONVERT_CONVERT_H_
