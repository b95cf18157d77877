// Request and response metadata: parsing -H style headers and printing
// metadata the way grpcurl's verbose output does.
#ifndef PARTNERHUB_TOOLS_GRPCURL_METADATA_H_
#define PARTNERHUB_TOOLS_GRPCURL_METADATA_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace partnerhub::grpcurl {

// Keys in order, each with its values in the order given; keys are
// lower-case, values of "-bin" keys are raw bytes.
using Metadata = std::map<std::string, std::vector<std::string>>;

// Replaces each "${NAME}" in the headers with the value of the environment
// variable NAME (-expand-headers); fails if one is not set.
absl::StatusOr<std::vector<std::string>> ExpandHeaders(
    const std::vector<std::string>& headers);

// "Name: value" headers to metadata, as grpcurl does: the name is trimmed and
// lower-cased, the value trimmed, a header without ':' has an empty value,
// and the value of a "-bin" header is base64-decoded when it decodes. Fails
// on names or values that gRPC would reject.
absl::StatusOr<Metadata> MetadataFromHeaders(
    const std::vector<std::string>& headers);

// "key: value" lines sorted by key, "-bin" values base64-encoded; "(empty)"
// for no metadata.
std::string MetadataToString(const Metadata& metadata);

}  // namespace partnerhub::grpcurl

#endif  // PARTNERHUB_TOOLS_GRPCURL_METADATA_H_
