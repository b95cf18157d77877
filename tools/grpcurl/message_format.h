// Request data in, response messages out, in grpcurl's two formats: JSON
// (protobuf's JSON mapping, lowerCamelCase names, printed with two-space
// indentation like Go's json.Indent) and protobuf text format.
#ifndef PARTNERHUB_TOOLS_GRPCURL_MESSAGE_FORMAT_H_
#define PARTNERHUB_TOOLS_GRPCURL_MESSAGE_FORMAT_H_

#include <google/protobuf/message.h>

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace partnerhub::grpcurl {

enum class Format { kJson, kText };

// Re-indents compact JSON the way Go's json.Indent(dst, src, "", "  ") does:
// a newline and indentation after '{', '[' and ',', ": " after keys, and
// "{}" / "[]" for empty objects and arrays.
std::string IndentJson(absl::string_view compact);

// Reads request messages from the -d data: for JSON, concatenated JSON values
// (whitespace between them as needed); for text, messages separated by the
// ASCII record separator 0x1E, where empty input is one empty message.
class RequestParser {
 public:
  RequestParser(Format format, std::string input, bool allow_unknown_fields);

  // Fills `message` with the next request and returns true, or returns false
  // at the end of the input. Fails if the data does not parse.
  absl::StatusOr<bool> Next(google::protobuf::Message& message);

  // How many requests were read so far (grpcurl's "Sent N requests").
  int num_requests() const { return num_requests_; }

 private:
  absl::StatusOr<bool> NextJson(google::protobuf::Message& message);
  absl::StatusOr<bool> NextText(google::protobuf::Message& message);

  Format format_;
  std::string input_;
  size_t position_ = 0;
  bool text_done_ = false;
  bool allow_unknown_fields_;
  int num_requests_ = 0;
};

// Prints messages as grpcurl does.
class Formatter {
 public:
  struct Options {
    Format format = Format::kJson;
    bool emit_defaults = false;     // JSON: print fields with default values
    bool keep_proto_names = false;  // JSON: snake_case names as in the .proto
    bool text_separator =
        false;  // text: 0x1E before each message but the first
  };
  explicit Formatter(Options options) : options_(options) {}

  // The message without a trailing newline.
  absl::StatusOr<std::string> Print(const google::protobuf::Message& message);

  Format format() const { return options_.format; }

 private:
  Options options_;
  int num_formatted_ = 0;
};

}  // namespace partnerhub::grpcurl

#endif  // PARTNERHUB_TOOLS_GRPCURL_MESSAGE_FORMAT_H_
