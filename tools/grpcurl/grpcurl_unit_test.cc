// The parts of grpcurl that need no server: flags, metadata, JSON layout,
// request parsing, and descriptor text (on the compiled-in test schema).
#include <cstdlib>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/grpcurl/descriptor_text.h"
#include "tools/grpcurl/flags.h"
#include "tools/grpcurl/message_format.h"
#include "tools/grpcurl/metadata.h"
#include "tools/grpcurl/rpc_status.h"
#include "tools/grpcurl/testdata/grpcurl_test.pb.h"

namespace partnerhub::grpcurl {
namespace {

using ::partnerhub::grpcurl_test::EchoRequest;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ParseFlagsTest, ParsesLikeGosFlagPackage) {
  absl::StatusOr<Options> options = ParseFlags(
      {"grpcurl", "-plaintext", "--d", "{}", "-H", "a: b", "-H=c: d",
       "-max-time=2.5", "-v", "-format", "text", "host:1", "-x", "list"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_TRUE(options->plaintext);
  EXPECT_EQ(options->data, "{}");
  EXPECT_THAT(options->headers, ElementsAre("a: b", "c: d"));
  EXPECT_EQ(options->max_time, 2.5);
  EXPECT_EQ(options->verbosity, 1);
  EXPECT_EQ(options->format, "text");
  // Flags end at the first argument that is not one.
  EXPECT_THAT(options->args, ElementsAre("host:1", "-x", "list"));
}

TEST(ParseFlagsTest, BooleanFlagsTakeValuesOnlyAfterEquals) {
  absl::StatusOr<Options> options =
      ParseFlags({"grpcurl", "-plaintext=false", "-emit-defaults", "true"});
  ASSERT_TRUE(options.ok());
  EXPECT_FALSE(options->plaintext);
  EXPECT_TRUE(options->emit_defaults);
  EXPECT_THAT(options->args, ElementsAre("true"));
}

TEST(ParseFlagsTest, DoubleDashEndsFlags) {
  absl::StatusOr<Options> options = ParseFlags({"grpcurl", "--", "-v"});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->verbosity, 0);
  EXPECT_THAT(options->args, ElementsAre("-v"));
}

TEST(ParseFlagsTest, ReportsErrorsLikeGo) {
  EXPECT_EQ(ParseFlags({"grpcurl", "-nope"}).status().message(),
            "flag provided but not defined: -nope");
  EXPECT_EQ(ParseFlags({"grpcurl", "-d"}).status().message(),
            "flag needs an argument: -d");
  EXPECT_EQ(ParseFlags({"grpcurl", "-max-time", "soon"}).status().message(),
            "invalid value \"soon\" for flag -max-time: parse error");
  EXPECT_EQ(ParseFlags({"grpcurl", "-v=maybe"}).status().message(),
            "invalid boolean value \"maybe\" for -v: parse error");
}

TEST(UsageTextTest, ListsFlagsLikeGo) {
  const std::string usage = UsageText("grpcurl");
  EXPECT_THAT(usage, HasSubstr("\tgrpcurl [flags] [address] [list|describe] "
                               "[symbol]\n"));
  EXPECT_THAT(usage, HasSubstr("\n  -H value\n    \tAdditional headers"));
  EXPECT_THAT(usage, HasSubstr("\n  -v\tEnable verbose output.\n"));
  EXPECT_THAT(usage, HasSubstr("separator. (default \"json\")\n"));
}

TEST(MetadataTest, ParsesHeadersLikeGrpcurl) {
  absl::StatusOr<Metadata> metadata = MetadataFromHeaders(
      {"X-Id:  42 ", "x-id: 43", "flag", "trace-bin: AQI=", ""});
  ASSERT_TRUE(metadata.ok()) << metadata.status();
  EXPECT_THAT((*metadata)["x-id"], ElementsAre("42", "43"));
  EXPECT_THAT((*metadata)["flag"], ElementsAre(""));
  EXPECT_THAT((*metadata)["trace-bin"], ElementsAre(std::string("\x01\x02")));
  EXPECT_EQ(MetadataToString(*metadata),
            "flag: \ntrace-bin: AQI=\nx-id: 42\nx-id: 43");
  EXPECT_EQ(MetadataToString({}), "(empty)");
  EXPECT_FALSE(MetadataFromHeaders({"bad key: 1"}).ok());
}

TEST(MetadataTest, ExpandsEnvironmentVariables) {
  setenv("GRPCURL_UNIT_TEST_TOKEN", "s3cret", 1);
  absl::StatusOr<std::vector<std::string>> expanded = ExpandHeaders(
      {"authorization: Bearer ${GRPCURL_UNIT_TEST_TOKEN}", "a: ${", "b: $x"});
  ASSERT_TRUE(expanded.ok()) << expanded.status();
  EXPECT_THAT(*expanded,
              ElementsAre("authorization: Bearer s3cret", "a: ${", "b: $x"));
  EXPECT_THAT(
      ExpandHeaders({"a: ${GRPCURL_UNIT_TEST_UNSET}"}).status().message(),
      HasSubstr("undefined environment variable "
                "\"GRPCURL_UNIT_TEST_UNSET\""));
}

TEST(IndentJsonTest, MatchesGosJsonIndent) {
  EXPECT_EQ(IndentJson("{}"), "{}");
  EXPECT_EQ(IndentJson(R"({"a":[],"b":{}})"),
            "{\n  \"a\": [],\n  \"b\": {}\n}");
  EXPECT_EQ(IndentJson(R"({"a":[1,{"b":"x,:{y"}]})"),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x,:{y\"\n    }\n  "
            "]\n}");
  EXPECT_EQ(IndentJson(R"({"q":"\"}"})"), "{\n  \"q\": \"\\\"}\"\n}");
}

TEST(RequestParserTest, ReadsConcatenatedJsonMessages) {
  RequestParser parser(Format::kJson, R"( {"text":"a"}{"text":"b"}
    {"text": "}"} )",
                       /*allow_unknown_fields=*/false);
  EchoRequest request;
  std::vector<std::string> texts;
  while (true) {
    absl::StatusOr<bool> more = parser.Next(request);
    ASSERT_TRUE(more.ok()) << more.status();
    if (!*more) break;
    texts.push_back(request.text());
  }
  EXPECT_THAT(texts, ElementsAre("a", "b", "}"));
  EXPECT_EQ(parser.num_requests(), 3);
}

TEST(RequestParserTest, ReportsBadJson) {
  EchoRequest request;
  RequestParser truncated(Format::kJson, R"({"text": )", false);
  EXPECT_EQ(truncated.Next(request).status().message(), "unexpected EOF");
  RequestParser stray(Format::kJson, "}", false);
  EXPECT_EQ(stray.Next(request).status().message(),
            "invalid character '}' looking for beginning of value");
  RequestParser unknown(Format::kJson, R"({"nope": 1})", false);
  EXPECT_FALSE(unknown.Next(request).ok());
  RequestParser allowed(Format::kJson, R"({"nope": 1})", true);
  EXPECT_TRUE(allowed.Next(request).ok());
  RequestParser empty(Format::kJson, "  \n", false);
  EXPECT_FALSE(*empty.Next(request));
  EXPECT_EQ(empty.num_requests(), 0);
}

TEST(RequestParserTest, ReadsTextMessagesSeparatedByRecordSeparators) {
  RequestParser parser(Format::kText, "text: \"a\"\x1etext: \"b\"", false);
  EchoRequest request;
  ASSERT_TRUE(*parser.Next(request));
  EXPECT_EQ(request.text(), "a");
  ASSERT_TRUE(*parser.Next(request));
  EXPECT_EQ(request.text(), "b");
  EXPECT_FALSE(*parser.Next(request));

  // Empty text is one empty message.
  RequestParser empty(Format::kText, "", false);
  EXPECT_TRUE(*empty.Next(request));
  EXPECT_FALSE(*empty.Next(request));
  EXPECT_EQ(empty.num_requests(), 1);
}

TEST(FormatterTest, PrintsJsonAndText) {
  EchoRequest request;
  request.set_text("x");
  request.set_big_number(5);
  Formatter json(Formatter::Options{});
  EXPECT_EQ(*json.Print(request),
            "{\n  \"text\": \"x\",\n  \"bigNumber\": \"5\"\n}");
  EXPECT_EQ(*json.Print(EchoRequest()), "{}");

  Formatter::Options text_options;
  text_options.format = Format::kText;
  text_options.text_separator = true;
  Formatter text(text_options);
  EXPECT_EQ(*text.Print(request), "text: \"x\"\nbig_number: 5");
  EXPECT_EQ(*text.Print(request), "\x1etext: \"x\"\nbig_number: 5");
}

TEST(DescriptorTextTest, PrintsProtoSource) {
  EXPECT_EQ(DescriptorText(*EchoRequest::Nested::descriptor()),
            "message Nested {\n  bytes payload = 1;\n}");
  EXPECT_EQ(
      DescriptorText(*EchoRequest::descriptor()->FindFieldByName("maybe")),
      "optional int32 maybe = 10;");
  EXPECT_EQ(DescriptorText(*EchoRequest::descriptor()->FindFieldByName("id")),
            "int32 id = 9;");
  EXPECT_EQ(
      DescriptorText(*EchoRequest::descriptor()->FindFieldByName("counts")),
      "map<string, int32> counts = 7;");
}

TEST(CodeNameTest, UsesGosNames) {
  EXPECT_EQ(CodeName(grpc::StatusCode::CANCELLED), "Canceled");
  EXPECT_EQ(CodeName(grpc::StatusCode::INVALID_ARGUMENT), "InvalidArgument");
  EXPECT_EQ(CodeName(grpc::StatusCode::UNAUTHENTICATED), "Unauthenticated");
}

}  // namespace
}  // namespace partnerhub::grpcurl
