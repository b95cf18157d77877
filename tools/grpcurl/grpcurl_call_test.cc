// The built grpcurl binary calling an in-process server
// (grpcurl_test_fixture.h), against what the Go grpcurl prints: health,
// every kind of field and the well-known types, format flags, streams,
// -max-time and -v.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/grpcurl/grpcurl_test_fixture.h"

namespace partnerhub::grpcurl {
namespace {

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
}  // namespace
}  // namespace partnerhub::grpcurl
