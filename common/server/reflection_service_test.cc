#include "common/server/reflection_service.h"

#include <google/protobuf/descriptor.pb.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/method_handler.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/server/server.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "gtest/gtest.h"
#include "partnerhub_proto_type_descriptors.h"

namespace partnerhub {
namespace {

using ::google::protobuf::FileDescriptorProto;
using ::google::protobuf::FileDescriptorSet;
using ::grpc::reflection::v1alpha::ServerReflection;
using ::grpc::reflection::v1alpha::ServerReflectionRequest;
using ::grpc::reflection::v1alpha::ServerReflectionResponse;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;

constexpr char kMoneyFile[] = "partnerhub/type/v1/money.proto";

// A service without a .proto, as the application's: one raw method.
class EchoService : public grpc::Service {
 public:
  EchoService() {
    AddMethod(new grpc::internal::RpcServiceMethod(
        "/partnerhub.test.Echo/Echo", grpc::internal::RpcMethod::NORMAL_RPC,
        new grpc::internal::RpcMethodHandler<EchoService, grpc::ByteBuffer,
                                             grpc::ByteBuffer>(
            [](EchoService*, grpc::ServerContext*,
               const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
              *response = *request;
              return grpc::Status::OK;
            },
            this)));
  }
};

// A set of one file, test/order.proto, that imports money.proto (which is
// not in this set: it comes from partnerhub_proto_type's).
std::string OrderSet() {
  FileDescriptorSet set;
  FileDescriptorProto* file = set.add_file();
  file->set_name("test/order.proto");
  file->set_package("test");
  file->set_syntax("proto3");
  file->add_dependency(kMoneyFile);
  auto* message = file->add_message_type();
  message->set_name("Order");
  auto* field = message->add_field();
  field->set_name("total");
  field->set_number(1);
  field->set_label(google::protobuf::FieldDescriptorProto::LABEL_OPTIONAL);
  field->set_type(google::protobuf::FieldDescriptorProto::TYPE_MESSAGE);
  field->set_type_name(".partnerhub.type.v1.Money");
  return set.SerializeAsString();
}

std::vector<FileDescriptorProto> Files(const ServerReflectionResponse& r) {
  std::vector<FileDescriptorProto> files;
  for (const std::string& bytes :
       r.file_descriptor_response().file_descriptor_proto()) {
    files.emplace_back().ParseFromString(bytes);
  }
  return files;
}

std::vector<std::string> Names(const std::vector<FileDescriptorProto>& files) {
  std::vector<std::string> names;
  for (const FileDescriptorProto& file : files) names.push_back(file.name());
  return names;
}

// All leading comments of a file, one after another.
std::string Comments(const FileDescriptorProto& file) {
  std::string comments;
  for (const auto& location : file.source_code_info().location()) {
    comments += location.leading_comments();
  }
  return comments;
}

class ReflectionServiceTest : public testing::Test {
 protected:
  void SetUp() override {
    order_set_ = OrderSet();
    ServerOptions options;
    options.name = "reflection-test";
    options.listen_address = "127.0.0.1:0";
    options.log_requests = false;
    options.descriptor_sets = {partnerhub_descriptors::partnerhub_proto_type(),
                               order_set_};
    absl::StatusOr<std::unique_ptr<Server>> server =
        Server::Start(std::move(options), {&echo_});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    channel_ = grpc::CreateChannel(server_->address(),
                                   grpc::InsecureChannelCredentials());
    stub_ = ServerReflection::NewStub(channel_);
    stream_ = stub_->ServerReflectionInfo(&context_);
  }

  void TearDown() override {
    if (stream_ != nullptr) {
      EXPECT_TRUE(stream_->WritesDone());
      grpc::Status status = stream_->Finish();
      EXPECT_TRUE(status.ok()) << status.error_message();
    }
  }

  // One request and its response on the test's stream.
  ServerReflectionResponse Ask(const ServerReflectionRequest& request) {
    ServerReflectionResponse response;
    EXPECT_TRUE(stream_->Write(request));
    EXPECT_TRUE(stream_->Read(&response));
    return response;
  }
  ServerReflectionResponse Symbol(const std::string& symbol) {
    ServerReflectionRequest request;
    request.set_file_containing_symbol(symbol);
    return Ask(request);
  }
  ServerReflectionResponse File(const std::string& name) {
    ServerReflectionRequest request;
    request.set_file_by_filename(name);
    return Ask(request);
  }

  std::string order_set_;
  EchoService echo_;
  std::unique_ptr<Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<ServerReflection::Stub> stub_;
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReaderWriter<ServerReflectionRequest,
                                           ServerReflectionResponse>>
      stream_;
};

TEST_F(ReflectionServiceTest, ListsApplicationHealthAndReflection) {
  ServerReflectionRequest request;
  request.set_list_services("");
  ServerReflectionResponse response = Ask(request);
  std::vector<std::string> names;
  for (const auto& service : response.list_services_response().service()) {
    names.push_back(service.name());
  }
  EXPECT_THAT(names, ElementsAre("grpc.health.v1.Health",
                                 "grpc.reflection.v1alpha.ServerReflection",
                                 "partnerhub.test.Echo"));
}

TEST_F(ReflectionServiceTest, MessageSymbolGivesFileWithComments) {
  ServerReflectionResponse response = Symbol("partnerhub.type.v1.Money");
  ASSERT_FALSE(response.has_error_response())
      << response.error_response().error_message();
  std::vector<FileDescriptorProto> files = Files(response);
  ASSERT_THAT(Names(files), ElementsAre(kMoneyFile));
  EXPECT_TRUE(files[0].has_source_code_info());
  EXPECT_THAT(Comments(files[0]),
              HasSubstr("An amount of money in one currency"));
  EXPECT_THAT(Comments(files[0]), HasSubstr("ISO 4217 code"));
  EXPECT_EQ(response.original_request().file_containing_symbol(),
            "partnerhub.type.v1.Money");
}

TEST_F(ReflectionServiceTest, FieldSymbolResolvesToItsFile) {
  EXPECT_THAT(Names(Files(Symbol("partnerhub.type.v1.Money.currency_code"))),
              ElementsAre(kMoneyFile));
}

TEST_F(ReflectionServiceTest, FileComesWithItsImportsAcrossSets) {
  std::vector<FileDescriptorProto> files = Files(Symbol("test.Order"));
  ASSERT_THAT(Names(files), ElementsAre("test/order.proto", kMoneyFile));
  EXPECT_THAT(Comments(files[1]),
              HasSubstr("An amount of money in one currency"));
  EXPECT_THAT(Names(Files(File("test/order.proto"))),
              ElementsAre("test/order.proto", kMoneyFile));
}

TEST_F(ReflectionServiceTest, UnknownNamesAreNotFoundAndTheStreamGoesOn) {
  ServerReflectionResponse response = Symbol("partnerhub.nope.v1.Nothing");
  EXPECT_EQ(response.error_response().error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(response.error_response().error_message(),
              HasSubstr("partnerhub.nope.v1.Nothing"));
  EXPECT_FALSE(response.has_file_descriptor_response());

  response = File("nope.proto");
  EXPECT_EQ(response.error_response().error_code(),
            grpc::StatusCode::NOT_FOUND);

  // A fresh response: nothing of the error above.
  response = Symbol("partnerhub.type.v1.Money");
  EXPECT_FALSE(response.has_error_response());
  EXPECT_THAT(Names(Files(response)), ElementsAre(kMoneyFile));
}

TEST_F(ReflectionServiceTest, HealthResolvesFromCompiledDescriptors) {
  for (const char* symbol :
       {"grpc.health.v1.Health", "grpc.health.v1.Health.Check",
        "grpc.health.v1.HealthCheckRequest"}) {
    SCOPED_TRACE(symbol);
    ServerReflectionResponse response = Symbol(symbol);
    ASSERT_FALSE(response.has_error_response())
        << response.error_response().error_message();
    EXPECT_THAT(Names(Files(response)),
                ElementsAre("grpc/health/v1/health.proto"));
  }
  EXPECT_FALSE(
      Symbol("grpc.reflection.v1alpha.ServerReflection").has_error_response());
}

TEST_F(ReflectionServiceTest, HealthIsCallable) {
  auto stub = grpc::health::v1::Health::NewStub(channel_);
  grpc::ClientContext context;
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(stub->Check(&context, request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_F(ReflectionServiceTest, ExtensionsAreNotFoundOrNone) {
  ServerReflectionRequest request;
  request.mutable_file_containing_extension()->set_containing_type(
      "partnerhub.type.v1.Money");
  request.mutable_file_containing_extension()->set_extension_number(100);
  EXPECT_EQ(Ask(request).error_response().error_code(),
            grpc::StatusCode::NOT_FOUND);

  request.set_all_extension_numbers_of_type("partnerhub.type.v1.Money");
  ServerReflectionResponse response = Ask(request);
  EXPECT_FALSE(response.has_error_response());
  EXPECT_EQ(response.all_extension_numbers_response().base_type_name(),
            "partnerhub.type.v1.Money");
  EXPECT_EQ(response.all_extension_numbers_response().extension_number_size(),
            0);
}

TEST(ReflectionServiceCreateTest, RejectsBrokenSets) {
  EXPECT_FALSE(ReflectionService::Create({"not a descriptor set"}, {}).ok());
  // order.proto without the set that has money.proto.
  std::string order = OrderSet();
  EXPECT_FALSE(ReflectionService::Create({order}, {}).ok());

  ServerOptions options;
  options.name = "broken";
  options.listen_address = "127.0.0.1:0";
  options.descriptor_sets = {order};
  absl::StatusOr<std::unique_ptr<Server>> server =
      Server::Start(std::move(options), {});
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ReflectionServiceCreateTest, AFileInSeveralSetsIsTakenOnce) {
  std::string_view type = partnerhub_descriptors::partnerhub_proto_type();
  absl::StatusOr<std::unique_ptr<ReflectionService>> service =
      ReflectionService::Create({type, type}, {"x.Y"});
  ASSERT_TRUE(service.ok()) << service.status();
  ServerReflectionRequest request;
  request.set_file_containing_symbol("partnerhub.type.v1.Date");
  EXPECT_THAT(Names(Files((*service)->Answer(request))),
              ElementsAre("partnerhub/type/v1/date.proto"));
}

}  // namespace
}  // namespace partnerhub
