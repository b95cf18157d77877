// One file: one printer whose Append* functions recurse into each other.
#include "tools/grpcurl/descriptor_text.h"

#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/message.h>

#include <algorithm>
#include <map>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace partnerhub::grpcurl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::FileDescriptor;
using google::protobuf::MethodDescriptor;
using google::protobuf::OneofDescriptor;
using google::protobuf::ServiceDescriptor;
using google::protobuf::SourceLocation;

constexpr char kIndent[] = "  ";

std::string Indent(int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += kIndent;
  return out;
}

// "// line" for each line of the element's leading comment, if the server
// sent source info.
template <typename D>
void AppendComments(const D& descriptor, int depth, std::string& out) {
  SourceLocation location;
  if (!descriptor.GetSourceLocation(&location)) return;
  std::string comments = location.leading_comments;
  if (comments.empty()) return;
  if (comments.back() == '\n') comments.pop_back();
  for (absl::string_view line : absl::StrSplit(comments, '\n')) {
    absl::StrAppend(&out, Indent(depth), "//", line, "\n");
  }
}

bool IsProto3(const FileDescriptor& file) {
  return file.syntax() == FileDescriptor::SYNTAX_PROTO3;
}

std::string OptionValue(const google::protobuf::Message& options,
                        const FieldDescriptor& field, int index) {
  const google::protobuf::Reflection& r = *options.GetReflection();
  const bool repeated = field.is_repeated();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_BOOL:
      return (repeated ? r.GetRepeatedBool(options, &field, index)
                       : r.GetBool(options, &field))
                 ? "true"
                 : "false";
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(repeated ? r.GetRepeatedInt32(options, &field, index)
                                   : r.GetInt32(options, &field));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(repeated ? r.GetRepeatedInt64(options, &field, index)
                                   : r.GetInt64(options, &field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(repeated ? r.GetRepeatedUInt32(options, &field, index)
                                   : r.GetUInt32(options, &field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(repeated ? r.GetRepeatedUInt64(options, &field, index)
                                   : r.GetUInt64(options, &field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrCat(repeated ? r.GetRepeatedFloat(options, &field, index)
                                   : r.GetFloat(options, &field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrCat(repeated ? r.GetRepeatedDouble(options, &field, index)
                                   : r.GetDouble(options, &field));
    case FieldDescriptor::CPPTYPE_ENUM:
      return (repeated ? r.GetRepeatedEnum(options, &field, index)
                       : r.GetEnum(options, &field))
          ->name();
    case FieldDescriptor::CPPTYPE_STRING:
      return absl::StrCat(
          "\"",
          absl::CEscape(repeated ? r.GetRepeatedString(options, &field, index)
                                 : r.GetString(options, &field)),
          "\"");
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return absl::StrCat(
          "{ ",
          (repeated ? r.GetRepeatedMessage(options, &field, index)
                    : r.GetMessage(options, &field))
              .ShortDebugString(),
          " }");
  }
  return "";
}

// "name = value" for each option that is set (custom options are unknown
// to the pool and not shown).
std::vector<std::string> OptionList(const google::protobuf::Message& options) {
  std::vector<const FieldDescriptor*> fields;
  options.GetReflection()->ListFields(options, &fields);
  std::vector<std::string> list;
  for (const FieldDescriptor* field : fields) {
    if (field->name() == "uninterpreted_option") continue;
    const std::string name = field->is_extension()
                                 ? absl::StrCat("(", field->full_name(), ")")
                                 : field->name();
    const int count = field->is_repeated()
                          ? options.GetReflection()->FieldSize(options, field)
                          : 1;
    for (int i = 0; i < count; ++i) {
      list.push_back(
          absl::StrCat(name, " = ", OptionValue(options, *field, i)));
    }
  }
  return list;
}

void AppendOptionLines(const google::protobuf::Message& options, int depth,
                       std::string& out) {
  for (const std::string& option : OptionList(options)) {
    absl::StrAppend(&out, Indent(depth), "option ", option, ";\n");
  }
}

// " [a = b, c = d]" or "".
std::string BracketOptions(std::vector<std::string> list) {
  if (list.empty()) return "";
  return absl::StrCat(" [", absl::StrJoin(list, ", "), "]");
}

std::string TypeName(const FieldDescriptor& field) {
  switch (field.type()) {
    case FieldDescriptor::TYPE_MESSAGE:
    case FieldDescriptor::TYPE_GROUP:
      return absl::StrCat(".", field.message_type()->full_name());
    case FieldDescriptor::TYPE_ENUM:
      return absl::StrCat(".", field.enum_type()->full_name());
    default:
      return FieldDescriptor::TypeName(field.type());
  }
}

// lowerCamelCase as protoc derives json_name.
std::string DefaultJsonName(const std::string& name) {
  std::string out;
  bool upper = false;
  for (char c : name) {
    if (c == '_') {
      upper = true;
    } else if (upper) {
      out += static_cast<char>(absl::ascii_toupper(c));
      upper = false;
    } else {
      out += c;
    }
  }
  return out;
}

// The default of a proto2 field as written in a .proto.
std::string DefaultValueText(const FieldDescriptor& field) {
  google::protobuf::FieldDescriptorProto proto;
  field.CopyTo(&proto);
  switch (field.type()) {
    case FieldDescriptor::TYPE_STRING:
      return absl::StrCat("\"", absl::CEscape(proto.default_value()), "\"");
    case FieldDescriptor::TYPE_BYTES:  // already escaped in the descriptor
      return absl::StrCat("\"", proto.default_value(), "\"");
    default:
      return proto.default_value();
  }
}

std::string FieldLabel(const FieldDescriptor& field) {
  if (field.is_map() || field.real_containing_oneof() != nullptr) return "";
  if (field.is_repeated()) return "repeated ";
  if (field.is_required()) return "required ";
  if (!IsProto3(*field.file()) || field.has_optional_keyword()) {
    return "optional ";
  }
  return "";
}

void AppendMessageBody(const Descriptor& message, int depth, std::string& out);

void AppendField(const FieldDescriptor& field, int depth, std::string& out) {
  AppendComments(field, depth, out);
  std::vector<std::string> options;
  if (field.has_default_value()) {
    options.push_back(absl::StrCat("default = ", DefaultValueText(field)));
  }
  if (field.has_json_name() &&
      field.json_name() != DefaultJsonName(field.name())) {
    options.push_back(
        absl::StrCat("json_name = \"", absl::CEscape(field.json_name()), "\""));
  }
  for (std::string& option : OptionList(field.options())) {
    options.push_back(std::move(option));
  }
  absl::StrAppend(&out, Indent(depth), FieldLabel(field));
  if (field.type() == FieldDescriptor::TYPE_GROUP) {
    absl::StrAppend(&out, "group ", field.message_type()->name(), " = ",
                    field.number(), BracketOptions(options), " {\n");
    AppendMessageBody(*field.message_type(), depth + 1, out);
    absl::StrAppend(&out, Indent(depth), "}\n");
    return;
  }
  if (field.is_map()) {
    const Descriptor& entry = *field.message_type();
    absl::StrAppend(&out, "map<", TypeName(*entry.map_key()), ", ",
                    TypeName(*entry.map_value()), ">");
  } else {
    absl::StrAppend(&out, TypeName(field));
  }
  absl::StrAppend(&out, " ", field.name(), " = ", field.number(),
                  BracketOptions(options), ";\n");
}

void AppendOneof(const OneofDescriptor& oneof, int depth, std::string& out) {
  AppendComments(oneof, depth, out);
  absl::StrAppend(&out, Indent(depth), "oneof ", oneof.name(), " {\n");
  AppendOptionLines(oneof.options(), depth + 1, out);
  std::vector<const FieldDescriptor*> fields;
  for (int i = 0; i < oneof.field_count(); ++i)
    fields.push_back(oneof.field(i));
  std::stable_sort(fields.begin(), fields.end(),
                   [](const FieldDescriptor* a, const FieldDescriptor* b) {
                     return a->number() < b->number();
                   });
  for (const FieldDescriptor* field : fields)
    AppendField(*field, depth + 1, out);
  absl::StrAppend(&out, Indent(depth), "}\n");
}

void AppendEnumValue(const EnumValueDescriptor& value, int depth,
                     std::string& out) {
  AppendComments(value, depth, out);
  absl::StrAppend(&out, Indent(depth), value.name(), " = ", value.number(),
                  BracketOptions(OptionList(value.options())), ";\n");
}

template <typename Range>
std::string RangeList(const Range& ranges, bool end_inclusive, int max) {
  std::vector<std::string> parts;
  for (const auto& [start, end_exclusive_or_inclusive] : ranges) {
    const int end = end_inclusive ? end_exclusive_or_inclusive
                                  : end_exclusive_or_inclusive - 1;
    if (start == end) {
      parts.push_back(absl::StrCat(start));
    } else if (end >= max) {
      parts.push_back(absl::StrCat(start, " to max"));
    } else {
      parts.push_back(absl::StrCat(start, " to ", end));
    }
  }
  return absl::StrJoin(parts, ", ");
}

std::string QuotedNames(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const std::string& name : names) {
    quoted.push_back(absl::StrCat("\"", name, "\""));
  }
  return absl::StrJoin(quoted, ", ");
}

void AppendEnum(const EnumDescriptor& enum_type, int depth, std::string& out) {
  AppendComments(enum_type, depth, out);
  absl::StrAppend(&out, Indent(depth), "enum ", enum_type.name(), " {\n");
  AppendOptionLines(enum_type.options(), depth + 1, out);
  std::vector<const EnumValueDescriptor*> values;
  for (int i = 0; i < enum_type.value_count(); ++i) {
    values.push_back(enum_type.value(i));
  }
  std::stable_sort(
      values.begin(), values.end(),
      [](const EnumValueDescriptor* a, const EnumValueDescriptor* b) {
        return a->number() < b->number();
      });
  for (const EnumValueDescriptor* value : values) {
    AppendEnumValue(*value, depth + 1, out);
  }
  if (enum_type.reserved_range_count() > 0) {
    std::vector<std::pair<int, int>> ranges;
    for (int i = 0; i < enum_type.reserved_range_count(); ++i) {
      ranges.emplace_back(enum_type.reserved_range(i)->start,
                          enum_type.reserved_range(i)->end);
    }
    absl::StrAppend(&out, Indent(depth + 1), "reserved ",
                    RangeList(ranges, /*end_inclusive=*/true, 0x7fffffff),
                    ";\n");
  }
  if (enum_type.reserved_name_count() > 0) {
    std::vector<std::string> names;
    for (int i = 0; i < enum_type.reserved_name_count(); ++i) {
      names.push_back(enum_type.reserved_name(i));
    }
    absl::StrAppend(&out, Indent(depth + 1), "reserved ", QuotedNames(names),
                    ";\n");
  }
  absl::StrAppend(&out, Indent(depth), "}\n");
}

// "extend .X {" blocks, one per extended type, for the given extensions.
void AppendExtensions(const std::vector<const FieldDescriptor*>& extensions,
                      int depth, std::string& out) {
  std::map<std::string, std::vector<const FieldDescriptor*>> by_extendee;
  for (const FieldDescriptor* extension : extensions) {
    by_extendee[extension->containing_type()->full_name()].push_back(extension);
  }
  for (auto& [extendee, fields] : by_extendee) {
    std::stable_sort(fields.begin(), fields.end(),
                     [](const FieldDescriptor* a, const FieldDescriptor* b) {
                       return a->number() < b->number();
                     });
    absl::StrAppend(&out, Indent(depth), "extend .", extendee, " {\n");
    for (const FieldDescriptor* field : fields) {
      AppendField(*field, depth + 1, out);
    }
    absl::StrAppend(&out, Indent(depth), "}\n");
  }
}

void AppendMessage(const Descriptor& message, int depth, std::string& out) {
  AppendComments(message, depth, out);
  absl::StrAppend(&out, Indent(depth), "message ", message.name(), " {\n");
  AppendMessageBody(message, depth + 1, out);
  absl::StrAppend(&out, Indent(depth), "}\n");
}

void AppendMessageBody(const Descriptor& message, int depth, std::string& out) {
  AppendOptionLines(message.options(), depth, out);

  // Fields by number; a oneof where its first field would be.
  std::vector<const FieldDescriptor*> fields;
  for (int i = 0; i < message.field_count(); ++i) {
    fields.push_back(message.field(i));
  }
  std::stable_sort(fields.begin(), fields.end(),
                   [](const FieldDescriptor* a, const FieldDescriptor* b) {
                     return a->number() < b->number();
                   });
  std::vector<const OneofDescriptor*> printed_oneofs;
  std::vector<const Descriptor*> group_types;
  for (const FieldDescriptor* field : fields) {
    if (const OneofDescriptor* oneof = field->real_containing_oneof()) {
      if (std::find(printed_oneofs.begin(), printed_oneofs.end(), oneof) ==
          printed_oneofs.end()) {
        printed_oneofs.push_back(oneof);
        AppendOneof(*oneof, depth, out);
      }
      continue;
    }
    if (field->type() == FieldDescriptor::TYPE_GROUP) {
      group_types.push_back(field->message_type());
    }
    AppendField(*field, depth, out);
  }

  // Nested messages (not map entries or groups, shown with their fields)
  // and enums, by name.
  std::vector<const Descriptor*> nested;
  for (int i = 0; i < message.nested_type_count(); ++i) {
    const Descriptor* type = message.nested_type(i);
    if (type->options().map_entry()) continue;
    if (std::find(group_types.begin(), group_types.end(), type) !=
        group_types.end()) {
      continue;
    }
    nested.push_back(type);
  }
  std::stable_sort(nested.begin(), nested.end(),
                   [](const Descriptor* a, const Descriptor* b) {
                     return a->name() < b->name();
                   });
  for (const Descriptor* type : nested) AppendMessage(*type, depth, out);

  std::vector<const EnumDescriptor*> enums;
  for (int i = 0; i < message.enum_type_count(); ++i) {
    enums.push_back(message.enum_type(i));
  }
  std::stable_sort(enums.begin(), enums.end(),
                   [](const EnumDescriptor* a, const EnumDescriptor* b) {
                     return a->name() < b->name();
                   });
  for (const EnumDescriptor* type : enums) AppendEnum(*type, depth, out);

  std::vector<const FieldDescriptor*> extensions;
  for (int i = 0; i < message.extension_count(); ++i) {
    extensions.push_back(message.extension(i));
  }
  AppendExtensions(extensions, depth, out);

  for (int i = 0; i < message.extension_range_count(); ++i) {
    const Descriptor::ExtensionRange& range = *message.extension_range(i);
    absl::StrAppend(
        &out, Indent(depth), "extensions ",
        RangeList(std::vector<std::pair<int, int>>{{range.start, range.end}},
                  /*end_inclusive=*/false, FieldDescriptor::kMaxNumber),
        BracketOptions(OptionList(*range.options_)), ";\n");
  }
  if (message.reserved_range_count() > 0) {
    std::vector<std::pair<int, int>> ranges;
    for (int i = 0; i < message.reserved_range_count(); ++i) {
      ranges.emplace_back(message.reserved_range(i)->start,
                          message.reserved_range(i)->end);
    }
    absl::StrAppend(
        &out, Indent(depth), "reserved ",
        RangeList(ranges, /*end_inclusive=*/false, FieldDescriptor::kMaxNumber),
        ";\n");
  }
  if (message.reserved_name_count() > 0) {
    std::vector<std::string> names;
    for (int i = 0; i < message.reserved_name_count(); ++i) {
      names.push_back(message.reserved_name(i));
    }
    absl::StrAppend(&out, Indent(depth), "reserved ", QuotedNames(names),
                    ";\n");
  }
}

std::string StreamPrefix(bool streaming) { return streaming ? "stream " : ""; }

void AppendMethod(const MethodDescriptor& method, int depth, std::string& out) {
  AppendComments(method, depth, out);
  absl::StrAppend(&out, Indent(depth), "rpc ", method.name(), " ( ",
                  StreamPrefix(method.client_streaming()), ".",
                  method.input_type()->full_name(), " ) returns ( ",
                  StreamPrefix(method.server_streaming()), ".",
                  method.output_type()->full_name(), " )");
  const std::vector<std::string> options = OptionList(method.options());
  if (options.empty()) {
    absl::StrAppend(&out, ";\n");
    return;
  }
  absl::StrAppend(&out, " {\n");
  AppendOptionLines(method.options(), depth + 1, out);
  absl::StrAppend(&out, Indent(depth), "}\n");
}

void AppendService(const ServiceDescriptor& service, int depth,
                   std::string& out) {
  AppendComments(service, depth, out);
  absl::StrAppend(&out, Indent(depth), "service ", service.name(), " {\n");
  AppendOptionLines(service.options(), depth + 1, out);
  std::vector<const MethodDescriptor*> methods;
  for (int i = 0; i < service.method_count(); ++i) {
    methods.push_back(service.method(i));
  }
  std::stable_sort(methods.begin(), methods.end(),
                   [](const MethodDescriptor* a, const MethodDescriptor* b) {
                     return a->name() < b->name();
                   });
  for (const MethodDescriptor* method : methods) {
    AppendMethod(*method, depth + 1, out);
  }
  absl::StrAppend(&out, Indent(depth), "}\n");
}

std::string WithoutTrailingNewline(std::string text) {
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace

std::string DescriptorText(const Descriptor& message) {
  std::string out;
  AppendMessage(message, 0, out);
  return WithoutTrailingNewline(std::move(out));
}

std::string DescriptorText(const FieldDescriptor& field) {
  std::string out;
  if (field.is_extension()) {
    AppendExtensions({&field}, 0, out);
  } else {
    AppendField(field, 0, out);
  }
  return WithoutTrailingNewline(std::move(out));
}

std::string DescriptorText(const OneofDescriptor& oneof) {
  std::string out;
  AppendOneof(oneof, 0, out);
  return WithoutTrailingNewline(std::move(out));
}

std::string DescriptorText(const EnumDescriptor& enum_type) {
  std::string out;
  AppendEnum(enum_type, 0, out);
  return WithoutTrailingNewline(std::move(out));
}

std::string DescriptorText(const EnumValueDescriptor& value) {
  std::string out;
  AppendEnumValue(value, 0, out);
  return WithoutTrailingNewline(std::move(out));
}

std::string DescriptorText(const ServiceDescriptor& service) {
  std::string out;
  AppendService(service, 0, out);
  return WithoutTrailingNewline(std::move(out));
}

std::string DescriptorText(const MethodDescriptor& method) {
  std::string out;
  AppendMethod(method, 0, out);
  return WithoutTrailingNewline(std::move(out));
}

std::string DescribeSymbol(const Symbol& symbol) {
  std::string name, kind, text;
  if (const Descriptor* message = symbol.message) {
    name = message->full_name();
    kind = "a message";
    text = DescriptorText(*message);
    // A map entry or group type is shown as the field that uses it.
    if (const Descriptor* parent = message->containing_type()) {
      for (int i = 0; i < parent->field_count(); ++i) {
        const FieldDescriptor* field = parent->field(i);
        if (field->message_type() != message) continue;
        if (message->options().map_entry() && field->is_map()) {
          kind = "the entry type for a map field";
          text = DescriptorText(*field);
          break;
        }
        if (field->type() == FieldDescriptor::TYPE_GROUP) {
          kind = "the type of a group field";
          text = DescriptorText(*field);
          break;
        }
      }
    }
  } else if (const FieldDescriptor* field = symbol.field) {
    name = field->full_name();
    kind = field->type() == FieldDescriptor::TYPE_GROUP ? "a group field"
           : field->is_extension()                      ? "an extension"
                                                        : "a field";
    text = DescriptorText(*field);
  } else if (const OneofDescriptor* oneof = symbol.oneof) {
    name = oneof->full_name();
    kind = "a one-of";
    text = DescriptorText(*oneof);
  } else if (const EnumDescriptor* enum_type = symbol.enum_type) {
    name = enum_type->full_name();
    kind = "an enum";
    text = DescriptorText(*enum_type);
  } else if (const EnumValueDescriptor* value = symbol.enum_value) {
    name = absl::StrCat(value->type()->full_name(), ".", value->name());
    kind = "an enum value";
    text = DescriptorText(*value);
  } else if (const ServiceDescriptor* service = symbol.service) {
    name = service->full_name();
    kind = "a service";
    text = DescriptorText(*service);
  } else if (const MethodDescriptor* method = symbol.method) {
    name = method->full_name();
    kind = "a method";
    text = DescriptorText(*method);
  }
  return absl::StrCat(name, " is ", kind, ":\n", text, "\n");
}

}  // namespace partnerhub::grpcurl
