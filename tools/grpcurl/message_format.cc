#include "tools/grpcurl/message_format.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

#include <string_view>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace partnerhub::grpcurl {
namespace {

constexpr char kRecordSeparator = '\x1e';

bool IsJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The length of the JSON value at the start of `text` (which starts with a
// non-space character), found by matching brackets and strings, as Go's
// json.Decoder reads one value at a time. Whether the value is valid JSON is
// left to the protobuf parser.
absl::StatusOr<size_t> JsonValueLength(absl::string_view text) {
  const char first = text[0];
  if (first == '}' || first == ']' || first == ',' || first == ':') {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid character '", std::string(1, first),
                     "' looking for beginning of value"));
  }
  if (first != '{' && first != '[' && first != '"') {
    // A number or literal ends at a space or the next structural character.
    size_t i = 1;
    while (i < text.size() && !IsJsonSpace(text[i]) &&
           std::string_view("{}[]\",:").find(text[i]) == std::string::npos) {
      ++i;
    }
    return i;
  }
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
        if (depth == 0) return i + 1;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1;
    }
  }
  return absl::InvalidArgumentError("unexpected EOF");
}

class TextErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (error_.empty()) {
      error_ = absl::StrCat("line ", line + 1, ".", column + 1, ": ", message);
    }
  }
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

}  // namespace

std::string IndentJson(absl::string_view compact) {
  std::string out;
  out.reserve(compact.size() * 2);
  int depth = 0;
  bool need_indent = false;  // after '{' or '[', until we know it is not empty
  bool in_string = false;
  auto newline = [&out](int level) {
    out += '\n';
    for (int i = 0; i < level; ++i) out += "  ";
  };
  for (size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < compact.size()) {
        out += compact[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (IsJsonSpace(c)) continue;
    if (need_indent && c != '}' && c != ']') {
      need_indent = false;
      ++depth;
      newline(depth);
    }
    switch (c) {
      case '"':
        in_string = true;
        out += c;
        break;
      case '{':
      case '[':
        need_indent = true;
        out += c;
        break;
      case ',':
        out += c;
        newline(depth);
        break;
      case ':':
        out += ": ";
        break;
      case '}':
      case ']':
        if (need_indent) {
          need_indent = false;  // "{}" and "[]" stay on one line
        } else {
          --depth;
          newline(depth);
        }
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

RequestParser::RequestParser(Format format, std::string input,
                             bool allow_unknown_fields)
    : format_(format),
      input_(std::move(input)),
      allow_unknown_fields_(allow_unknown_fields) {}

absl::StatusOr<bool> RequestParser::Next(google::protobuf::Message& message) {
  message.Clear();
  return format_ == Format::kJson ? NextJson(message) : NextText(message);
}

absl::StatusOr<bool> RequestParser::NextJson(
    google::protobuf::Message& message) {
  while (position_ < input_.size() && IsJsonSpace(input_[position_])) {
    ++position_;
  }
  if (position_ >= input_.size()) return false;
  const absl::string_view rest = absl::string_view(input_).substr(position_);
  absl::StatusOr<size_t> length = JsonValueLength(rest);
  if (!length.ok()) return length.status();
  const absl::string_view value = rest.substr(0, *length);
  position_ += *length;
  ++num_requests_;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = allow_unknown_fields_;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(value.data(), value.size()), &message,
      options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(std::string(status.message()));
  }
  return true;
}

absl::StatusOr<bool> RequestParser::NextText(
    google::protobuf::Message& message) {
  if (text_done_) return false;
  size_t end = input_.find(kRecordSeparator, position_);
  if (end == std::string::npos) {
    end = input_.size();
    text_done_ = true;
  }
  const std::string text = input_.substr(position_, end - position_);
  position_ = end + 1;
  ++num_requests_;
  google::protobuf::TextFormat::Parser parser;
  TextErrorCollector errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text, &message)) {
    return absl::InvalidArgumentError(
        errors.error().empty() ? "cannot parse text format" : errors.error());
  }
  return true;
}

absl::StatusOr<std::string> Formatter::Print(
    const google::protobuf::Message& message) {
  std::string out;
  if (options_.format == Format::kJson) {
    google::protobuf::util::JsonPrintOptions json;
    json.add_whitespace = false;
    json.always_print_primitive_fields = options_.emit_defaults;
    json.preserve_proto_field_names = options_.keep_proto_names;
    const auto status =
        google::protobuf::util::MessageToJsonString(message, &out, json);
    if (!status.ok()) {
      return absl::InvalidArgumentError(std::string(status.message()));
    }
    ++num_formatted_;
    return IndentJson(out);
  }
  if (options_.text_separator && num_formatted_ > 0) out += kRecordSeparator;
  google::protobuf::TextFormat::Printer printer;
  printer.SetExpandAny(true);
  std::string text;
  if (!printer.PrintToString(message, &text)) {
    return absl::InvalidArgumentError("cannot print message as text");
  }
  if (!text.empty() && text.back() == '\n') text.pop_back();
  out += text;
  ++num_formatted_;
  return out;
}

}  // namespace partnerhub::grpcurl
