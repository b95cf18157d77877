// One RPC of any kind made with serialized messages (grpc::GenericStub), so
// no generated code is needed for the service. Unary, client-, server- and
// bidi-streaming methods are all the same on the wire: the client sends its
// messages and half-closes, and reads until the server ends the call.
#ifndef PARTNERHUB_TOOLS_GRPCURL_GENERIC_CALL_H_
#define PARTNERHUB_TOOLS_GRPCURL_GENERIC_CALL_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <memory>
#include <string>
#include <vector>

#include "tools/grpcurl/metadata.h"

namespace partnerhub::grpcurl {

// Receives the events of a call, in order, on the calling thread.
class CallObserver {
 public:
  virtual ~CallObserver() = default;
  // The server's response headers (once, before any response).
  virtual void OnReceiveHeaders(const Metadata& headers) = 0;
  // One serialized response message.
  virtual void OnReceiveResponse(const std::string& bytes) = 0;
};

struct CallResult {
  grpc::Status status;
  Metadata trailers;
};

// Calls `method_path` ("/pkg.Service/Method") with the serialized `requests`
// and returns when the call has ended. `context` carries the deadline and
// request metadata.
CallResult RunGenericCall(const std::shared_ptr<grpc::Channel>& channel,
                          grpc::ClientContext& context,
                          const std::string& method_path,
                          const std::vector<std::string>& requests,
                          CallObserver& observer);

}  // namespace partnerhub::grpcurl

#endif  // PARTNERHUB_TOOLS_GRPCURL_GENERIC_CALL_H_
