// The built grpcurl binary failing against an in-process server
// (grpcurl_test_fixture.h), against what the Go grpcurl prints and exits
// with: RPC errors and their details, unknown methods, bad request data, bad
// usage, an unreachable server.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/grpcurl/grpcurl_test_fixture.h"

namespace partnerhub::grpcurl {
namespace {

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
