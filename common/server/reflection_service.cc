#include "common/server/reflection_service.h"

#include <google/protobuf/descriptor.pb.h>

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace partnerhub {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::DescriptorPool;
using google::protobuf::FieldDescriptor;
using google::protobuf::FileDescriptor;
using google::protobuf::FileDescriptorProto;
using google::protobuf::FileDescriptorSet;

void SetError(ReflectionService::Response& response, grpc::StatusCode code,
              std::string message) {
  response.mutable_error_response()->set_error_code(code);
  response.mutable_error_response()->set_error_message(std::move(message));
}

}  // namespace

absl::StatusOr<std::unique_ptr<ReflectionService>> ReflectionService::Create(
    const std::vector<std::string_view>& descriptor_sets,
    std::vector<std::string> service_names) {
  std::unique_ptr<ReflectionService> service(
      new ReflectionService(std::move(service_names)));
  std::vector<std::string> file_names;
  for (size_t i = 0; i < descriptor_sets.size(); ++i) {
    FileDescriptorSet set;
    if (!set.ParseFromArray(descriptor_sets[i].data(),
                            static_cast<int>(descriptor_sets[i].size()))) {
      return absl::InvalidArgumentError(absl::StrCat(
          "reflection: descriptor set #", i, " is not a FileDescriptorSet"));
    }
    for (const FileDescriptorProto& file : set.file()) {
      if (service->serialized_files_.contains(file.name())) continue;
      if (!service->database_.Add(file)) {
        return absl::InvalidArgumentError(
            absl::StrCat("reflection: cannot index ", file.name(),
                         " of descriptor set #", i));
      }
      service->serialized_files_.emplace(file.name(), file.SerializeAsString());
      file_names.push_back(file.name());
    }
  }
  // Build everything now: a broken set fails at start, not on a query.
  for (const std::string& name : file_names) {
    if (service->pool_->FindFileByName(name) == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "reflection: ", name,
          " does not build (a dependency missing from the descriptor sets, "
          "or conflicting definitions)"));
    }
  }
  return service;
}

ReflectionService::ReflectionService(std::vector<std::string> service_names)
    : service_names_(std::move(service_names)),
      pool_(std::make_unique<DescriptorPool>(&database_)) {}

grpc::Status ReflectionService::ServerReflectionInfo(
    grpc::ServerContext* /*context*/,
    grpc::ServerReaderWriter<Response, Request>* stream) {
  Request request;
  while (stream->Read(&request)) {
    // A fresh response each time: no field of the last answer can leak into
    // this one.
    if (!stream->Write(Answer(request))) break;
  }
  return grpc::Status::OK;
}

ReflectionService::Response ReflectionService::Answer(
    const Request& request) const {
  Response response;
  response.set_valid_host(request.host());
  *response.mutable_original_request() = request;
  switch (request.message_request_case()) {
    case Request::kListServices:
      for (const std::string& name : service_names_) {
        response.mutable_list_services_response()->add_service()->set_name(
            name);
      }
      break;
    case Request::kFileByFilename: {
      const FileDescriptor* file = FindFileByName(request.file_by_filename());
      if (file == nullptr) {
        SetError(response, grpc::StatusCode::NOT_FOUND,
                 absl::StrCat("File not found: ", request.file_by_filename()));
      } else {
        AddFileAndDependencies(file, response);
      }
      break;
    }
    case Request::kFileContainingSymbol: {
      const FileDescriptor* file =
          FindFileContainingSymbol(request.file_containing_symbol());
      if (file == nullptr) {
        SetError(response, grpc::StatusCode::NOT_FOUND,
                 absl::StrCat("Symbol not found: ",
                              request.file_containing_symbol()));
      } else {
        AddFileAndDependencies(file, response);
      }
      break;
    }
    case Request::kFileContainingExtension: {
      const auto& query = request.file_containing_extension();
      const Descriptor* type = FindMessageType(query.containing_type());
      const FieldDescriptor* extension =
          type == nullptr ? nullptr
                          : type->file()->pool()->FindExtensionByNumber(
                                type, query.extension_number());
      if (extension == nullptr) {
        SetError(response, grpc::StatusCode::NOT_FOUND,
                 absl::StrCat("Extension not found: ", query.containing_type(),
                              " ", query.extension_number()));
      } else {
        AddFileAndDependencies(extension->file(), response);
      }
      break;
    }
    case Request::kAllExtensionNumbersOfType: {
      const Descriptor* type =
          FindMessageType(request.all_extension_numbers_of_type());
      if (type == nullptr) {
        SetError(response, grpc::StatusCode::NOT_FOUND,
                 absl::StrCat("Type not found: ",
                              request.all_extension_numbers_of_type()));
        break;
      }
      auto* numbers = response.mutable_all_extension_numbers_response();
      numbers->set_base_type_name(type->full_name());
      std::vector<const FieldDescriptor*> extensions;
      type->file()->pool()->FindAllExtensions(type, &extensions);
      for (const FieldDescriptor* extension : extensions) {
        numbers->add_extension_number(extension->number());
      }
      break;
    }
    case Request::MESSAGE_REQUEST_NOT_SET:
      SetError(response, grpc::StatusCode::INVALID_ARGUMENT,
               "The request names no query.");
      break;
  }
  return response;
}

void ReflectionService::AddFileAndDependencies(const FileDescriptor* file,
                                               Response& response) const {
  auto* files = response.mutable_file_descriptor_response();
  absl::flat_hash_set<const FileDescriptor*> seen = {file};
  std::vector<const FileDescriptor*> pending = {file};
  while (!pending.empty()) {
    const FileDescriptor* next = pending.back();
    pending.pop_back();
    auto serialized = serialized_files_.end();
    if (next->pool() == pool_.get()) {
      serialized = serialized_files_.find(next->name());
    }
    if (serialized != serialized_files_.end()) {
      files->add_file_descriptor_proto(serialized->second);
    } else {
      FileDescriptorProto proto;
      next->CopyTo(&proto);
      files->add_file_descriptor_proto(proto.SerializeAsString());
    }
    for (int i = 0; i < next->dependency_count(); ++i) {
      const FileDescriptor* dependency = next->dependency(i);
      if (seen.insert(dependency).second) pending.push_back(dependency);
    }
  }
}

const FileDescriptor* ReflectionService::FindFileByName(
    const std::string& name) const {
  if (const FileDescriptor* file = pool_->FindFileByName(name)) return file;
  return DescriptorPool::generated_pool()->FindFileByName(name);
}

const FileDescriptor* ReflectionService::FindFileContainingSymbol(
    const std::string& symbol) const {
  if (const FileDescriptor* file = pool_->FindFileContainingSymbol(symbol)) {
    return file;
  }
  return DescriptorPool::generated_pool()->FindFileContainingSymbol(symbol);
}

const Descriptor* ReflectionService::FindMessageType(
    const std::string& name) const {
  if (const Descriptor* type = pool_->FindMessageTypeByName(name)) {
    return type;
  }
  return DescriptorPool::generated_pool()->FindMessageTypeByName(name);
}

}  // namespace partnerhub
