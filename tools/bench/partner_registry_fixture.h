// What the partner-registry scenarios (RPC and direct SQL) create: the same
// partner, with a fresh request_id and a unique, valid registration number
// per call, so both sides measure the same work.
#ifndef PARTNERHUB_TOOLS_BENCH_PARTNER_REGISTRY_FIXTURE_H_
#define PARTNERHUB_TOOLS_BENCH_PARTNER_REGISTRY_FIXTURE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "partnerhub/partner_registry/v1/partner_registry.pb.h"
#include "services/partner_registry/src/domain/types.h"
#include "tools/bench/bench_context.h"

namespace partnerhub::bench {

// Ten digits: `serial` (< 10^9) as the first nine, zero-padded, then the
// National Tax Service check digit.
std::string BusinessRegistrationNumber(uint64_t serial);

// A request_id unique to this run and call: "<run_id>-<serial>".
std::string NewRequestId(BenchContext& context);

// A CreatePartnerRequest with a new request_id and registration number.
partnerhub::partner_registry::v1::CreatePartnerRequest NewCreatePartnerRequest(
    BenchContext& context);

// The domain partner the service would build from such a request at `now`.
partnerhub::partner_registry::Partner NewPartner(BenchContext& context,
                                                 absl::Time now);

// 123 from "partners/123".
absl::StatusOr<int64_t> PartnerIdFromName(absl::string_view name);

}  // namespace partnerhub::bench

#endif  // PARTNERHUB_TOOLS_BENCH_PARTNER_REGISTRY_FIXTURE_H_
