#include "tools/grpcurl/generic_call.h"

#include <grpcpp/completion_queue.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <cstdint>
#include <map>

namespace partnerhub::grpcurl {
namespace {

// Completion-queue tags: each kind of operation has at most one pending.
enum Tag : intptr_t {
  kStart = 1,
  kInitialMetadata,
  kWrite,
  kWritesDone,
  kRead,
  kFinish,
};

void* TagOf(Tag tag) { return reinterpret_cast<void*>(tag); }

Metadata ToMetadata(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
  Metadata out;
  for (const auto& [key, value] : metadata) {
    out[std::string(key.data(), key.size())].emplace_back(value.data(),
                                                          value.size());
  }
  return out;
}

std::string ToString(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  for (const grpc::Slice& slice : slices) {
    out.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return out;
}

grpc::ByteBuffer ToByteBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

}  // namespace

CallResult RunGenericCall(const std::shared_ptr<grpc::Channel>& channel,
                          grpc::ClientContext& context,
                          const std::string& method_path,
                          const std::vector<std::string>& requests,
                          CallObserver& observer) {
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue cq;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(&context, method_path, &cq);
  call->StartCall(TagOf(kStart));

  CallResult result;
  grpc::ByteBuffer write_buffer;
  grpc::ByteBuffer read_buffer;
  size_t next_request = 0;
  bool writing = true;  // until the half-close is done or a write fails
  bool reading = true;  // until a read (or the headers) fails
  bool finishing = false;

  // Sends the next request, or half-closes after the last one.
  auto write_next = [&] {
    if (next_request < requests.size()) {
      write_buffer = ToByteBuffer(requests[next_request++]);
      call->Write(write_buffer, TagOf(kWrite));
    } else {
      call->WritesDone(TagOf(kWritesDone));
    }
  };
  auto finish_if_done = [&] {
    if (!writing && !reading && !finishing) {
      finishing = true;
      call->Finish(&result.status, TagOf(kFinish));
    }
  };

  void* tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
    switch (static_cast<Tag>(reinterpret_cast<intptr_t>(tag))) {
      case kStart:
        if (!ok) {
          writing = reading = false;
          finish_if_done();
          break;
        }
        call->ReadInitialMetadata(TagOf(kInitialMetadata));
        write_next();
        break;
      case kInitialMetadata:
        observer.OnReceiveHeaders(
            ok ? ToMetadata(context.GetServerInitialMetadata()) : Metadata());
        if (ok) {
          call->Read(&read_buffer, TagOf(kRead));
        } else {
          reading = false;
          finish_if_done();
        }
        break;
      case kWrite:
        if (ok) {
          write_next();
        } else {
          writing = false;  // the call has ended; Finish tells why
          finish_if_done();
        }
        break;
      case kWritesDone:
        writing = false;
        finish_if_done();
        break;
      case kRead:
        if (ok) {
          observer.OnReceiveResponse(ToString(read_buffer));
          call->Read(&read_buffer, TagOf(kRead));
        } else {
          reading = false;
          finish_if_done();
        }
        break;
      case kFinish:
        result.trailers = ToMetadata(context.GetServerTrailingMetadata());
        cq.Shutdown();
        break;
    }
  }
  return result;
}

}  // namespace partnerhub::grpcurl
