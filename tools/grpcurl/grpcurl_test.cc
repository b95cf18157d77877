// Runs the built grpcurl binary against an in-process server with
// reflection, health and a test service, and checks what it prints and how
// it exits, against what the Go grpcurl prints.
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
namespace {

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

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

std::string TempFile(const std::string& contents) {
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
Result RunGrpcurl(const std::vector<std::string>& args,
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

std::ostream& operator<<(std::ostream& os, const Result& result) {
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

  static EchoServiceImpl* service_;
  static grpc::Server* server_;
  static std::string* address_;
};

EchoServiceImpl* GrpcurlTest::service_ = nullptr;
grpc::Server* GrpcurlTest::server_ = nullptr;
std::string* GrpcurlTest::address_ = nullptr;

TEST_F(GrpcurlTest, ListsServicesSorted) {
  const Result result = Grpcurl({}, {"list"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(result.out,
            "grpc.health.v1.Health\n"
            "grpc.reflection.v1alpha.ServerReflection\n"
            "partnerhub.grpcurl_test.EchoService\n")
      << result;
}

TEST_F(GrpcurlTest, ListsMethodsOfAService) {
  Result result = Grpcurl({}, {"list", "grpc.health.v1.Health"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(result.out,
            "grpc.health.v1.Health.Check\ngrpc.health.v1.Health.Watch\n");

  result = Grpcurl({}, {"list", "partnerhub.grpcurl_test.EchoService"});
  EXPECT_EQ(result.out,
            "partnerhub.grpcurl_test.EchoService.Chat\n"
            "partnerhub.grpcurl_test.EchoService.Collect\n"
            "partnerhub.grpcurl_test.EchoService.Echo\n"
            "partnerhub.grpcurl_test.EchoService.Fail\n"
            "partnerhub.grpcurl_test.EchoService.Repeat\n")
      << result;
}

TEST_F(GrpcurlTest, ListOfAnUnknownServiceFails) {
  Result result = Grpcurl({}, {"list", "no.Such"});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_EQ(result.err,
            "Failed to list methods for service \"no.Such\": Symbol not "
            "found: no.Such\n");

  result = Grpcurl({}, {"list", "grpc.health.v1.HealthCheckRequest"});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(
      result.err,
      HasSubstr("Service not found: grpc.health.v1.HealthCheckRequest"));
}

TEST_F(GrpcurlTest, DescribesAMessage) {
  const Result result =
      Grpcurl({}, {"describe", "grpc.health.v1.HealthCheckRequest"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(result.out,
            "grpc.health.v1.HealthCheckRequest is a message:\n"
            "message HealthCheckRequest {\n"
            "  string service = 1;\n"
            "}\n");
}

TEST_F(GrpcurlTest, DescribesAServiceAndAMethod) {
  Result result = Grpcurl({}, {"describe", "grpc.health.v1.Health"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(result.out,
            "grpc.health.v1.Health is a service:\n"
            "service Health {\n"
            "  rpc Check ( .grpc.health.v1.HealthCheckRequest ) returns ( "
            ".grpc.health.v1.HealthCheckResponse );\n"
            "  rpc Watch ( .grpc.health.v1.HealthCheckRequest ) returns ( "
            "stream .grpc.health.v1.HealthCheckResponse );\n"
            "}\n");

  result =
      Grpcurl({}, {"describe", "partnerhub.grpcurl_test.EchoService.Chat"});
  EXPECT_EQ(result.out,
            "partnerhub.grpcurl_test.EchoService.Chat is a method:\n"
            "rpc Chat ( stream .partnerhub.grpcurl_test.EchoRequest ) returns "
            "( stream .partnerhub.grpcurl_test.EchoResponse );\n")
      << result;
}

TEST_F(GrpcurlTest, DescribesMessagesWithEveryKindOfField) {
  Result result =
      Grpcurl({}, {"describe", ".partnerhub.grpcurl_test.EchoRequest"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(result.out,
            "partnerhub.grpcurl_test.EchoRequest is a message:\n"
            "message EchoRequest {\n"
            "  string text = 1;\n"
            "  int64 big_number = 2;\n"
            "  .google.protobuf.Timestamp when = 3;\n"
            "  .google.protobuf.FieldMask update_mask = 4;\n"
            "  .partnerhub.grpcurl_test.Color color = 5;\n"
            "  repeated string tags = 6;\n"
            "  map<string, int32> counts = 7;\n"
            "  oneof choice {\n"
            "    string name = 8;\n"
            "    int32 id = 9;\n"
            "  }\n"
            "  optional int32 maybe = 10;\n"
            "  .google.protobuf.Duration timeout = 11;\n"
            "  .google.protobuf.StringValue note = 12;\n"
            "  .partnerhub.grpcurl_test.EchoRequest.Nested nested = 13;\n"
            "  .google.protobuf.Any extra = 14;\n"
            "  message Nested {\n"
            "    bytes payload = 1;\n"
            "  }\n"
            "}\n");
}

TEST_F(GrpcurlTest, DescribesEnumsFieldsAndMapEntries) {
  Result result = Grpcurl({}, {"describe", "partnerhub.grpcurl_test.Color"});
  EXPECT_EQ(result.out,
            "partnerhub.grpcurl_test.Color is an enum:\n"
            "enum Color {\n"
            "  COLOR_UNSPECIFIED = 0;\n"
            "  COLOR_RED = 1;\n"
            "  COLOR_BLUE = 2;\n"
            "}\n")
      << result;

  result = Grpcurl({}, {"describe", "partnerhub.grpcurl_test.Color.COLOR_RED"});
  EXPECT_EQ(result.out,
            "partnerhub.grpcurl_test.Color.COLOR_RED is an enum value:\n"
            "COLOR_RED = 1;\n")
      << result;

  result =
      Grpcurl({}, {"describe", "partnerhub.grpcurl_test.EchoRequest.when"});
  EXPECT_EQ(result.out,
            "partnerhub.grpcurl_test.EchoRequest.when is a field:\n"
            ".google.protobuf.Timestamp when = 3;\n")
      << result;

  result = Grpcurl(
      {}, {"describe", "partnerhub.grpcurl_test.EchoRequest.CountsEntry"});
  EXPECT_EQ(result.out,
            "partnerhub.grpcurl_test.EchoRequest.CountsEntry is the entry "
            "type for a map field:\n"
            "map<string, int32> counts = 7;\n")
      << result;

  result =
      Grpcurl({}, {"describe", "partnerhub.grpcurl_test.EchoRequest.choice"});
  EXPECT_EQ(result.out,
            "partnerhub.grpcurl_test.EchoRequest.choice is a one-of:\n"
            "oneof choice {\n"
            "  string name = 8;\n"
            "  int32 id = 9;\n"
            "}\n")
      << result;
}

TEST_F(GrpcurlTest, DescribeOfAnUnknownSymbolFails) {
  const Result result = Grpcurl({}, {"describe", "no.Such"});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_EQ(
      result.err,
      "Failed to resolve symbol \"no.Such\": Symbol not found: no.Such\n");
}

TEST_F(GrpcurlTest, DescribeWithoutSymbolDescribesEveryService) {
  const Result result = Grpcurl({}, {"describe"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("grpc.health.v1.Health is a service:\n"));
  EXPECT_THAT(result.out,
              HasSubstr("partnerhub.grpcurl_test.EchoService is a service:\n"));
}

TEST_F(GrpcurlTest, CallsHealthCheck) {
  const std::string serving = "{\n  \"status\": \"SERVING\"\n}\n";
  Result result =
      Grpcurl({"-d", R"({"service":""})"}, {"grpc.health.v1.Health/Check"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(result.out, serving) << result;
  EXPECT_EQ(result.err, "");

  // service.method, no -d (an empty request), and -d @ from stdin.
  result = Grpcurl({}, {"grpc.health.v1.Health.Check"});
  EXPECT_EQ(result.out, serving) << result;
  result = Grpcurl({"-d", "@"}, {"grpc.health.v1.Health/Check"},
                   R"({"service": ""})");
  EXPECT_EQ(result.out, serving) << result;
}

TEST_F(GrpcurlTest, HealthOfAnUnknownServiceIsAnRpcError) {
  const Result result = Grpcurl({"-d", R"({"service":"no.Such"})"},
                                {"grpc.health.v1.Health/Check"});
  EXPECT_EQ(result.exit_code, 64 + 5) << result;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "ERROR:\n  Code: NotFound\n  Message: service name unknown\n");
}

TEST_F(GrpcurlTest, ConvertsEveryKindOfFieldAndWellKnownTypes) {
  const std::string request = R"({
    "text": "안녕 hi",
    "bigNumber": "9007199254740993",
    "when": "2024-01-02T03:04:05.500Z",
    "updateMask": "text,bigNumber",
    "color": "COLOR_RED",
    "tags": ["a", "b"],
    "counts": {"x": 1},
    "id": 7,
    "maybe": 0,
    "timeout": "1.500s",
    "note": "memo",
    "nested": {"payload": "AQI="},
    "extra": {"@type": "type.googleapis.com/partnerhub.grpcurl_test.RepeatRequest",
              "count": 3}
  })";
  const Result result =
      Grpcurl({"-d", request}, {"partnerhub.grpcurl_test.EchoService/Echo"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(result.out, R"({
  "echo": {
    "text": "안녕 hi",
    "bigNumber": "9007199254740993",
    "when": "2024-01-02T03:04:05.500Z",
    "updateMask": "text,bigNumber",
    "color": "COLOR_RED",
    "tags": [
      "a",
      "b"
    ],
    "counts": {
      "x": 1
    },
    "id": 7,
    "maybe": 0,
    "timeout": "1.500s",
    "note": "memo",
    "nested": {
      "payload": "AQI="
    },
    "extra": {
      "@type": "type.googleapis.com/partnerhub.grpcurl_test.RepeatRequest",
      "count": 3
    }
  }
}
)") << result;
}

TEST_F(GrpcurlTest, FormatFlagsChangeTheOutput) {
  const std::string request = R"({"text": "x", "bigNumber": "5"})";
  Result result = Grpcurl({"-keep-proto-names", "-d", request},
                          {"partnerhub.grpcurl_test.EchoService/Echo"});
  EXPECT_THAT(result.out, HasSubstr("\"big_number\": \"5\"")) << result;

  result = Grpcurl({"-emit-defaults", "-d", "{}"},
                   {"partnerhub.grpcurl_test.EchoService/Repeat"});
  EXPECT_EQ(result.out, "") << result;  // no responses for count 0

  result = Grpcurl({"-emit-defaults", "-d", "{}"},
                   {"partnerhub.grpcurl_test.EchoService/Echo"});
  EXPECT_THAT(result.out, HasSubstr("\"bigNumber\": \"0\"")) << result;

  result = Grpcurl({"-format", "text", "-d", "text: \"x\" big_number: 5"},
                   {"partnerhub.grpcurl_test.EchoService/Echo"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(result.out, "echo {\n  text: \"x\"\n  big_number: 5\n}\n");
}

TEST_F(GrpcurlTest, StreamsInBothDirections) {
  Result result = Grpcurl({"-d", R"({"count": 3})"},
                          {"partnerhub.grpcurl_test.EchoService/Repeat"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(result.out, "{}\n{\n  \"index\": 1\n}\n{\n  \"index\": 2\n}\n");

  result = Grpcurl({"-d", R"({"text": "a"} {"text": "b"}
{"text": "c"})"},
                   {"partnerhub.grpcurl_test.EchoService/Collect"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(result.out,
            "{\n  \"texts\": [\n    \"a\",\n    \"b\",\n    \"c\"\n  ]\n}\n");

  result = Grpcurl({"-d", "@"}, {"partnerhub.grpcurl_test.EchoService/Chat"},
                   R"({"text": "a"}{"text": "b"})");
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(result.out,
            "{\n  \"echo\": {\n    \"text\": \"a\"\n  }\n}\n"
            "{\n  \"echo\": {\n    \"text\": \"b\"\n  },\n  \"index\": 1\n}\n");

  // No request at all is fine for a client stream.
  result = Grpcurl({}, {"partnerhub.grpcurl_test.EchoService/Collect"});
  EXPECT_EQ(result.out, "{}\n") << result;
}

TEST_F(GrpcurlTest, MaxTimeEndsAnEndlessStream) {
  const Result result =
      Grpcurl({"-max-time", "1"}, {"grpc.health.v1.Health/Watch"});
  EXPECT_EQ(result.exit_code, 64 + 4) << result;
  EXPECT_EQ(result.out, "{\n  \"status\": \"SERVING\"\n}\n");
  EXPECT_THAT(result.err, HasSubstr("Code: DeadlineExceeded"));
}

TEST_F(GrpcurlTest, VerboseShowsMetadataAndCounts) {
  const Result result = Grpcurl({"-v", "-H", "X-Test: hello", "-d", "{}"},
                                {"partnerhub.grpcurl_test.EchoService/Echo"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(result.out,
            "\nResolved method descriptor:\n"
            "rpc Echo ( .partnerhub.grpcurl_test.EchoRequest ) returns ( "
            ".partnerhub.grpcurl_test.EchoResponse );\n"
            "\nRequest metadata to send:\n"
            "x-test: hello\n"
            "\nResponse headers received:\n"
            "x-hello: world\n"
            "\nResponse contents:\n"
            "{\n  \"echo\": {}\n}\n"
            "\nResponse trailers received:\n"
            "x-test-seen: hello\n"
            "Sent 1 request and received 1 response\n");
}

TEST_F(GrpcurlTest, RpcErrorsExitWith64PlusTheCode) {
  Result result = Grpcurl({"-d", R"({"code": 3, "message": "bad input"})"},
                          {"partnerhub.grpcurl_test.EchoService/Fail"});
  EXPECT_EQ(result.exit_code, 64 + 3) << result;
  EXPECT_EQ(result.err,
            "ERROR:\n  Code: InvalidArgument\n  Message: bad input\n");

  result = Grpcurl({"-format-error", "-d", R"({"code": 9, "message": "no"})"},
                   {"partnerhub.grpcurl_test.EchoService/Fail"});
  EXPECT_EQ(result.exit_code, 64 + 9) << result;
  EXPECT_EQ(result.err, "{\n  \"code\": 9,\n  \"message\": \"no\"\n}");
}

TEST_F(GrpcurlTest, PrintsErrorDetails) {
  const Result result = Grpcurl(
      {"-d", R"({"code": 3, "message": "bad input", "withDetails": true})"},
      {"partnerhub.grpcurl_test.EchoService/Fail"});
  EXPECT_EQ(result.exit_code, 64 + 3) << result;
  EXPECT_EQ(
      result.err,
      "ERROR:\n"
      "  Code: InvalidArgument\n"
      "  Message: bad input\n"
      "  Details:\n"
      "  1)\t{\n"
      "    \t  \"@type\": \"type.googleapis.com/google.rpc.BadRequest\",\n"
      "    \t  \"fieldViolations\": [\n"
      "    \t    {\n"
      "    \t      \"field\": \"text\",\n"
      "    \t      \"description\": \"must not be empty\"\n"
      "    \t    }\n"
      "    \t  ]\n"
      "    \t}\n"
      "  2)\t{\n"
      "    \t  \"@type\": "
      "\"type.googleapis.com/partnerhub.grpcurl_test.EchoRequest\",\n"
      "    \t  \"text\": \"detail\"\n"
      "    \t}\n"
      "  3)\t{\n"
      "    \t  \"@type\": \"type.googleapis.com/acme.Unknown\",\n"
      "    \t  \"@error\": \"acme.Unknown is not recognized; see @value "
      "for raw binary message data\",\n"
      "    \t  \"@value\": \"AQI=\"\n"
      "    \t}\n");
}

TEST_F(GrpcurlTest, UnknownMethodOrServiceFails) {
  Result result = Grpcurl({}, {"grpc.health.v1.Health/Nope"});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_EQ(result.err,
            "Error invoking method \"grpc.health.v1.Health/Nope\": service "
            "\"grpc.health.v1.Health\" does not include a method named "
            "\"Nope\"\n");

  result = Grpcurl({}, {"no.Such/Method"});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_EQ(result.err,
            "Error invoking method \"no.Such/Method\": target server does not "
            "expose service \"no.Such\"\n");

  result = Grpcurl({}, {"nodots"});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("is not in expected format"));
}

TEST_F(GrpcurlTest, BadRequestDataFails) {
  Result result =
      Grpcurl({"-d", R"({"service": )"}, {"grpc.health.v1.Health/Check"});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(
      result.err,
      HasSubstr("Error invoking method \"grpc.health.v1.Health/Check\": "
                "error getting request data: "));

  result = Grpcurl({"-d", R"({"nope": 1})"}, {"grpc.health.v1.Health/Check"});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("error getting request data"));

  result = Grpcurl({"-allow-unknown-fields", "-d", R"({"nope": 1})"},
                   {"grpc.health.v1.Health/Check"});
  EXPECT_EQ(result.exit_code, 0) << result;

  result = Grpcurl({"-d", "{} {}"}, {"grpc.health.v1.Health/Check"});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err,
              HasSubstr("method \"grpc.health.v1.Health.Check\" is a unary "
                        "RPC, but request data contained more than 1 message"));
}

TEST_F(GrpcurlTest, BadUsageExits2) {
  Result result = RunGrpcurl({});
  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("Too few arguments."));

  result = RunGrpcurl({"-nope", "localhost:1", "list"});
  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("flag provided but not defined: -nope"));
  EXPECT_THAT(result.err, HasSubstr("Usage:"));

  result = RunGrpcurl({"-plaintext", "-insecure", "localhost:1", "list"});
  EXPECT_EQ(result.exit_code, 2) << result;

  result = RunGrpcurl({"-plaintext", *address_, "list", "a", "b"});
  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("Too many arguments."));

  result = RunGrpcurl({"-help"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("-max-time float"));
}

TEST_F(GrpcurlTest, UnreachableServerFailsToDial) {
  // Nothing listens on port 1.
  const Result result = RunGrpcurl(
      {"-plaintext", "-connect-timeout", "3", "127.0.0.1:1", "list"});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err,
              HasSubstr("Failed to dial target host \"127.0.0.1:1\": "));
}

}  // namespace
}  // namespace partnerhub::grpcurl
