// proto ⇄ domain for customer-experience. Conversions from proto check what
// the domain cannot (enum values in range, resource names of other
// services, timestamps) and name the field in every error.
// One header for all of them; one .cc per resource: customer_convert.cc
// (customers and consent changes), touchpoint_convert.cc,
// purchase_convert.cc, funnel_convert.cc, segment_convert.cc.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_CONVERT_CONVERT_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_CONVERT_CONVERT_H_

#include <string>

#include "absl/status/statusor.h"
#include "partnerhub/customer_experience/v1/customer_experience.pb.h"
#include "services/customer_experience/src/domain/types.h"

namespace partnerhub::customer_experience {

namespace v1 = ::partnerhub::customer_experience::v1;

absl::StatusOr<Customer> FromProto(const v1::Customer& c);
// Personal data masked unless `full`; the age band as of `now`.
v1::Customer ToProto(const Customer& c, bool full, absl::Time now);
v1::ConsentChange ToProto(const ConsentChange& c);

// `field` names the message in errors, e.g. "touchpoints[3]".
absl::StatusOr<Touchpoint> FromProto(const v1::Touchpoint& t,
                                     const std::string& field);
v1::Touchpoint ToProto(const Touchpoint& t);

absl::StatusOr<Purchase> FromProto(const v1::Purchase& p);
v1::Purchase ToProto(const Purchase& p);
absl::StatusOr<Refund> FromProto(const v1::Refund& r,
                                 const std::string& currency_code);

v1::CustomerFunnel ToProto(const CustomerFunnel& f);
v1::FunnelCounts ToProto(const FunnelCounts& c);

absl::StatusOr<Condition> FromProto(const v1::SegmentCondition& c,
                                    const std::string& field);
v1::SegmentCondition ToProto(const Condition& c);
absl::StatusOr<Segment> FromProto(const v1::Segment& s);
v1::Segment ToProto(const Segment& s);
v1::SegmentSnapshot ToProto(const SegmentSnapshot& s);

// The outcome of one event in the API's terms; `index` in the request.
v1::TouchpointResult ToProto(const TouchpointOutcome& o, int64_t index,
                             const std::string& name);

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_CONVERT_CONVERT_H_
