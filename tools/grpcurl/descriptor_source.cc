#include "tools/grpcurl/descriptor_source.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "tools/grpcurl/local_descriptors.h"

namespace partnerhub::grpcurl {

ReflectionDescriptorDatabase::ReflectionDescriptorDatabase(
    ReflectionClient* client)
    : client_(client) {
  AddLocalDescriptors(local_);
}

void ReflectionDescriptorDatabase::Cache(
    const std::vector<google::protobuf::FileDescriptorProto>& files) {
  for (const google::protobuf::FileDescriptorProto& file : files) {
    if (cached_files_.insert(file.name()).second) cache_.Add(file);
  }
}

bool ReflectionDescriptorDatabase::FindFileByName(
    const std::string& filename,
    google::protobuf::FileDescriptorProto* output) {
  if (cache_.FindFileByName(filename, output)) return true;
  auto files = client_->FileByFilename(filename);
  if (files.ok()) {
    Cache(*files);
    if (cache_.FindFileByName(filename, output)) return true;
    last_error_ =
        absl::NotFoundError(absl::StrCat("File not found: ", filename));
  } else {
    last_error_ = files.status();
  }
  return local_.FindFileByName(filename, output);
}

bool ReflectionDescriptorDatabase::FindFileContainingSymbol(
    const std::string& symbol_name,
    google::protobuf::FileDescriptorProto* output) {
  if (cache_.FindFileContainingSymbol(symbol_name, output)) return true;
  auto files = client_->FileContainingSymbol(symbol_name);
  if (files.ok() && !files->empty()) {
    Cache(*files);
    // The first file defines the symbol; the index finds it by name, too.
    if (!cache_.FindFileContainingSymbol(symbol_name, output)) {
      *output = files->front();
    }
    return true;
  }
  last_error_ =
      files.ok()
          ? absl::NotFoundError(absl::StrCat("Symbol not found: ", symbol_name))
          : files.status();
  return local_.FindFileContainingSymbol(symbol_name, output);
}

bool ReflectionDescriptorDatabase::FindFileContainingExtension(
    const std::string& containing_type, int field_number,
    google::protobuf::FileDescriptorProto* output) {
  if (cache_.FindFileContainingExtension(containing_type, field_number,
                                         output)) {
    return true;
  }
  auto files = client_->FileContainingExtension(containing_type, field_number);
  if (files.ok() && !files->empty()) {
    Cache(*files);
    *output = files->front();
    return true;
  }
  if (!files.ok()) last_error_ = files.status();
  return local_.FindFileContainingExtension(containing_type, field_number,
                                            output);
}

bool ReflectionDescriptorDatabase::FindAllExtensionNumbers(
    const std::string& extendee_type, std::vector<int>* output) {
  auto numbers = client_->AllExtensionNumbersOfType(extendee_type);
  if (numbers.ok()) {
    output->insert(output->end(), numbers->begin(), numbers->end());
    return true;
  }
  last_error_ = numbers.status();
  return local_.FindAllExtensionNumbers(extendee_type, output);
}

void DescriptorSource::ErrorCollector::AddError(
    const std::string& filename, const std::string& element_name,
    const google::protobuf::Message* /*descriptor*/, ErrorLocation /*location*/,
    const std::string& message) {
  database_->set_last_error(absl::InternalError(
      absl::StrCat("could not load the schema from the server: ", filename,
                   ": ", element_name, ": ", message)));
}

DescriptorSource::DescriptorSource(ReflectionClient* client)
    : client_(client),
      database_(client),
      error_collector_(&database_),
      pool_(&database_, &error_collector_),
      factory_(&pool_) {}

absl::StatusOr<std::vector<std::string>> DescriptorSource::ListServices() {
  return client_->ListServices();
}

absl::StatusOr<Symbol> DescriptorSource::FindSymbol(const std::string& name) {
  database_.set_last_error(absl::OkStatus());
  Symbol symbol;
  if (pool_.FindFileContainingSymbol(name) != nullptr) {
    if ((symbol.message = pool_.FindMessageTypeByName(name))) return symbol;
    if ((symbol.field = pool_.FindFieldByName(name))) return symbol;
    if ((symbol.field = pool_.FindExtensionByName(name))) return symbol;
    if ((symbol.oneof = pool_.FindOneofByName(name))) return symbol;
    if ((symbol.enum_type = pool_.FindEnumTypeByName(name))) return symbol;
    if ((symbol.enum_value = pool_.FindEnumValueByName(name))) return symbol;
    if ((symbol.service = pool_.FindServiceByName(name))) return symbol;
    if ((symbol.method = pool_.FindMethodByName(name))) return symbol;
  }
  const absl::Status error = database_.last_error();
  // protobuf scopes enum values beside their enum ("pkg.VALUE"); grpcurl
  // also names them inside it ("pkg.Enum.VALUE").
  if (const size_t dot = name.rfind('.'); dot != std::string::npos) {
    const google::protobuf::EnumDescriptor* enum_type =
        pool_.FindEnumTypeByName(name.substr(0, dot));
    if (enum_type != nullptr && (symbol.enum_value = enum_type->FindValueByName(
                                     name.substr(dot + 1)))) {
      return symbol;
    }
  }
  if (!error.ok() && !absl::IsNotFound(error)) return error;
  return absl::NotFoundError(absl::StrCat("Symbol not found: ", name));
}

absl::StatusOr<const google::protobuf::ServiceDescriptor*>
DescriptorSource::FindService(const std::string& name) {
  database_.set_last_error(absl::OkStatus());
  if (const google::protobuf::ServiceDescriptor* service =
          pool_.FindServiceByName(name)) {
    return service;
  }
  const absl::Status& error = database_.last_error();
  if (!error.ok() && !absl::IsNotFound(error)) return error;
  return absl::NotFoundError(absl::StrCat("Service not found: ", name));
}

std::unique_ptr<google::protobuf::Message> DescriptorSource::NewMessage(
    const google::protobuf::Descriptor* type) {
  return std::unique_ptr<google::protobuf::Message>(
      factory_.GetPrototype(type)->New());
}

}  // namespace partnerhub::grpcurl
