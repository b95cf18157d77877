// Runs the built grpcurl binary against an in-process server with
// reflection, health and a test service (grpcurl_test_fixture.h), and checks
// what it prints and how it exits, against what the Go grpcurl prints. Here:
// list and describe; calls in grpcurl_call_test.cc, failures in
// grpcurl_errors_test.cc.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/grpcurl/grpcurl_test_fixture.h"

namespace partnerhub::grpcurl {
namespace {

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
}  // namespace
}  // namespace partnerhub::grpcurl
