// The fixture of the grpcurl end-to-end tests (grpcurl_*_test.cc): an
// in-process server with reflection, health and a test service, and the
// built grpcurl binary run against it as a subprocess.
#ifndef PARTNERHUB_TOOLS_GRPCURL_GRPCURL_TEST_FIXTURE_H_
#define PARTNERHUB_TOOLS_GRPCURL_GRPCURL_TEST_FIXTURE_H_

#include <fcntl.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.pb.h"
#include "gtest/gtest.h"
#include "tools/grpcurl/testdata/grpcurl_test.grpc.pb.h"

namespace partnerhub::grpcurl {

using ::partnerhub::grpcurl_test::CollectResponse;
using ::partnerhub::grpcurl_test::EchoRequest;
using ::partnerhub::grpcurl_test::EchoResponse;
using ::partnerhub::grpcurl_test::EchoService;
using ::partnerhub::grpcurl_test::FailRequest;
using ::partnerhub::grpcurl_test::RepeatRequest;
using ::testing::HasSubstr;

class EchoServiceImpl final : public EchoService::Service {
  grpc::Status Echo(grpc::ServerContext* context, const EchoRequest* request,
                    EchoResponse* response) override {
    context->AddInitialMetadata("x-hello", "world");
    const auto& client_metadata = context->client_metadata();
    if (auto it = client_metadata.find("x-test"); it != client_metadata.end()) {
      context->AddTrailingMetadata(
          "x-test-seen", std::string(it->second.data(), it->second.size()));
    }
    *response->mutable_echo() = *request;
    return grpc::Status::OK;
  }

  grpc::Status Repeat(grpc::ServerContext* /*context*/,
                      const RepeatRequest* request,
                      grpc::ServerWriter<EchoResponse>* writer) override {
    for (int i = 0; i < request->count(); ++i) {
      EchoResponse response;
      response.set_index(i);
      writer->Write(response);
    }
    return grpc::Status::OK;
  }

  grpc::Status Collect(grpc::ServerContext* /*context*/,
                       grpc::ServerReader<EchoRequest>* reader,
                       CollectResponse* response) override {
    EchoRequest request;
    while (reader->Read(&request)) response->add_texts(request.text());
    return grpc::Status::OK;
  }

  grpc::Status Chat(
      grpc::ServerContext* /*context*/,
      grpc::ServerReaderWriter<EchoResponse, EchoRequest>* stream) override {
    EchoRequest request;
    int index = 0;
    while (stream->Read(&request)) {
      EchoResponse response;
      *response.mutable_echo() = request;
      response.set_index(index++);
      stream->Write(response);
    }
    return grpc::Status::OK;
  }

  grpc::Status Fail(grpc::ServerContext* /*context*/,
                    const FailRequest* request,
                    EchoResponse* /*response*/) override {
    const auto code = static_cast<grpc::StatusCode>(request->code());
    if (!request->with_details()) return grpc::Status(code, request->message());
    google::rpc::Status status;
    status.set_code(request->code());
    status.set_message(request->message());
    google::rpc::BadRequest bad_request;
    auto* violation = bad_request.add_field_violations();
    violation->set_field("text");
    violation->set_description("must not be empty");
    status.add_details()->PackFrom(bad_request);
    EchoRequest echo;
    echo.set_text("detail");
    status.add_details()->PackFrom(echo);
    // A type that nobody knows prints as raw bytes.
    auto* unknown = status.add_details();
    unknown->set_type_url("type.googleapis.com/acme.Unknown");
    unknown->set_value("\x01\x02");
    return grpc::Status(code, request->message(), status.SerializeAsString());
  }
};

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

inline std::string TempFile(const std::string& contents) {
  char path[] = "/tmp/grpcurl_test_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return "";
  if (!contents.empty()) {
    ssize_t written = write(fd, contents.data(), contents.size());
    (void)written;
  }
  close(fd);
  return path;
}

// Runs the grpcurl binary with `args` and `input` on stdin.
inline Result RunGrpcurl(const std::vector<std::string>& args,
                         const std::string& input = "") {
  const std::string in_path = TempFile(input);
  const std::string out_path = TempFile("");
  const std::string err_path = TempFile("");
  std::vector<std::string> argv_strings = {GRPCURL_BINARY};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_strings) argv.push_back(arg.data());
  argv.push_back(nullptr);

  Result result;
  const pid_t pid = fork();
  if (pid == 0) {
    const int in = open(in_path.c_str(), O_RDONLY);
    const int out = open(out_path.c_str(), O_WRONLY | O_TRUNC);
    const int err = open(err_path.c_str(), O_WRONLY | O_TRUNC);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  const auto give_up =
      std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > give_up) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  result.exit_code =
      WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = ReadAll(out_path);
  result.err = ReadAll(err_path);
  for (const std::string& path : {in_path, out_path, err_path}) {
    std::remove(path.c_str());
  }
  return result;
}

inline std::ostream& operator<<(std::ostream& os, const Result& result) {
  return os << "exit " << result.exit_code << "\n--- stdout:\n"
            << result.out << "--- stderr:\n"
            << result.err;
}

class GrpcurlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // The server's reflection serves the schemas of the generated code
    // linked into it; health.proto's comes from partnerhub_proto_grpc_infra,
    // as in the services.
    grpc::health::v1::HealthCheckRequest::descriptor();
    grpc::EnableDefaultHealthCheckService(true);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    service_ = new EchoServiceImpl();
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(service_);
    server_ = builder.BuildAndStart().release();
    ASSERT_NE(server_, nullptr);
    address_ = new std::string(absl::StrCat("127.0.0.1:", port));
  }

  static void TearDownTestSuite() {
    server_->Shutdown();
    delete server_;
    delete service_;
    delete address_;
  }

  // grpcurl -plaintext <flags> ADDRESS <rest>
  static Result Grpcurl(std::vector<std::string> flags,
                        const std::vector<std::string>& rest,
                        const std::string& input = "") {
    std::vector<std::string> args = {"-plaintext"};
    args.insert(args.end(), flags.begin(), flags.end());
    args.push_back(*address_);
    args.insert(args.end(), rest.begin(), rest.end());
    return RunGrpcurl(args, input);
  }

  inline static EchoServiceImpl* service_ = nullptr;
  inline static grpc::Server* server_ = nullptr;
  inline static std::string* address_ = nullptr;
};

}  // namespace partnerhub::grpcurl

#endif  // PARTNERHUB_TOOLS_GRPCURL_GRPCURL_TEST_FIXTURE_H_
