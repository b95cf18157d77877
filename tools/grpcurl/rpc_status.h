// Printing the final status of a failed RPC the way grpcurl does:
//
//   ERROR:
//     Code: InvalidArgument
//     Message: <message>
//     Details:
//     1)	{"@type": "type.googleapis.com/google.rpc.BadRequest", ...}
//
// where details come from the google.rpc.Status in the
// grpc-status-details-bin trailer.
#ifndef PARTNERHUB_TOOLS_GRPCURL_RPC_STATUS_H_
#define PARTNERHUB_TOOLS_GRPCURL_RPC_STATUS_H_

#include <grpcpp/support/status.h>

#include <string>

#include "absl/strings/string_view.h"
#include "tools/grpcurl/descriptor_source.h"
#include "tools/grpcurl/message_format.h"

namespace partnerhub::grpcurl {

// Go's codes.Code.String(): "OK", "Canceled", "InvalidArgument", ...
std::string CodeName(grpc::StatusCode code);

// The "ERROR:" block above, ending in a newline; "OK\n" for OK.
std::string StatusText(const grpc::Status& status, DescriptorSource& source,
                       Formatter& formatter);

// The status as a google.rpc.Status message in the -format (for
// -format-error), without a trailing newline.
std::string FormattedStatus(const grpc::Status& status,
                            DescriptorSource& source, Formatter& formatter);

}  // namespace partnerhub::grpcurl

#endif  // PARTNERHUB_TOOLS_GRPCURL_RPC_STATUS_H_
