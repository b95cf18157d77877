// proto ⇄ domain for the partner registry's API messages, shared by the
// handler (requests and responses) and convert/feed_events (the resources
// the feed's events carry). Conversions from proto check what the domain
// cannot (enum values in range, timestamps, dates) and name the field in
// every error. `set` tells which fields the request sets: all of them on
// create, the update_mask's paths on update.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_CONVERT_CONVERT_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_CONVERT_CONVERT_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "common/grpc/handler_support.h"
#include "partnerhub/partner_registry/v1/partner_registry.pb.h"
#include "services/partner_registry/src/domain/types.h"

namespace partnerhub::partner_registry {

namespace v1 = ::partnerhub::partner_registry::v1;

absl::StatusOr<Partner> FromProto(const v1::Partner& p, const FieldSet& set);
absl::StatusOr<Contact> FromProto(const v1::Contact& c, const FieldSet& set);
absl::StatusOr<Agreement> FromProto(const v1::Agreement& a,
                                    const FieldSet& set);
absl::StatusOr<SalesActivity> FromProto(const v1::SalesActivity& s,
                                        int64_t partner_id,
                                        const FieldSet& set);

v1::Partner ToProto(const Partner& p);
v1::PartnerStateChange ToProto(const PartnerStateChange& c);
v1::Contact ToProto(const Contact& c);
v1::Agreement ToProto(const Agreement& a, bool in_force);
v1::SalesActivity ToProto(const SalesActivity& s);

// INVALID_ARGUMENT naming `field` unless a known, non-UNSPECIFIED state.
absl::StatusOr<PartnerState> StateFromProto(const char* field,
                                            v1::Partner::State state);

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_CONVERT_CONVERT_H_
