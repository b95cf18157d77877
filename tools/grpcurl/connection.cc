#include "tools/grpcurl/connection.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_certificate_verifier.h>
#include <grpcpp/security/tls_credentials_options.h>
#include <grpcpp/support/channel_arguments.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace partnerhub::grpcurl {
namespace {

// The version this port claims in its User-Agent.
constexpr char kUserAgent[] = "grpcurl/partnerhub-cpp";

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("open ", path, ": no such file or directory"));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeCredentials(
    const Options& options) {
  if (options.plaintext) return grpc::InsecureChannelCredentials();
  std::string roots, cert, key;
  if (!options.cacert.empty() && !options.insecure) {
    absl::StatusOr<std::string> data = ReadFile(options.cacert);
    if (!data.ok()) return data.status();
    roots = *std::move(data);
  }
  if (!options.cert.empty()) {
    absl::StatusOr<std::string> cert_data = ReadFile(options.cert);
    if (!cert_data.ok()) return cert_data.status();
    absl::StatusOr<std::string> key_data = ReadFile(options.key);
    if (!key_data.ok()) return key_data.status();
    cert = *std::move(cert_data);
    key = *std::move(key_data);
  }
  if (!options.insecure) {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = roots;
    ssl.pem_private_key = key;
    ssl.pem_cert_chain = cert;
    return grpc::SslCredentials(ssl);
  }
  // -insecure: TLS without checking the server's certificate or name.
  grpc::experimental::TlsChannelCredentialsOptions tls;
  tls.set_verify_server_certs(false);
  tls.set_check_call_host(false);
  tls.set_certificate_verifier(
      std::make_shared<grpc::experimental::NoOpCertificateVerifier>());
  if (!cert.empty()) {
    tls.set_certificate_provider(
        std::make_shared<grpc::experimental::StaticDataCertificateProvider>(
            std::vector<grpc::experimental::IdentityKeyCertPair>{{key, cert}}));
    tls.watch_identity_key_cert_pairs();
  }
  return grpc::experimental::TlsCredentials(tls);
}

grpc::ChannelArguments MakeChannelArguments(const Options& options) {
  grpc::ChannelArguments args;
  std::string user_agent = kUserAgent;
  if (!options.user_agent.empty()) {
    user_agent = absl::StrCat(options.user_agent, " ", user_agent);
  }
  args.SetUserAgentPrefix(user_agent);
  if (options.max_msg_sz > 0) args.SetMaxReceiveMessageSize(options.max_msg_sz);
  if (options.keepalive_time > 0) {
    const int ms = static_cast<int>(options.keepalive_time * 1000);
    args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, ms);
    args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, ms);
  }
  std::string authority = options.authority;
  if (!options.plaintext && authority.empty()) authority = options.servername;
  if (!authority.empty()) {
    args.SetString(GRPC_ARG_DEFAULT_AUTHORITY, authority);
    if (!options.plaintext) args.SetSslTargetNameOverride(authority);
  }
  return args;
}

// Why a channel in TRANSIENT_FAILURE cannot connect: a call that does not
// wait for the connection fails at once with gRPC's account of the last
// connection error. Nothing reaches a server unless the channel has connected
// meanwhile; then the server rejects the unknown method, and this returns
// nothing, as the channel works after all.
std::optional<std::string> ConnectionError(
    const std::shared_ptr<grpc::Channel>& channel) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_wait_for_ready(false);
  context.set_deadline(Clock::now() + std::chrono::seconds(2));
  grpc::CompletionQueue cq;
  void* const start_tag = reinterpret_cast<void*>(1);
  void* const finish_tag = reinterpret_cast<void*>(2);
  auto call = stub.PrepareCall(&context, "/grpcurl.Probe/Connect", &cq);
  call->StartCall(start_tag);
  void* tag = nullptr;
  bool ok = false;
  cq.Next(&tag, &ok);
  grpc::Status status;
  call->Finish(&status, finish_tag);
  while (cq.Next(&tag, &ok) && tag != finish_tag) {
  }
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
  if (status.error_code() != grpc::StatusCode::UNAVAILABLE) return std::nullopt;
  return status.error_message();
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::Channel>> Dial(
    const Options& options, const std::string& address,
    Clock::time_point connect_deadline) {
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      MakeCredentials(options);
  if (!credentials.ok()) {
    return absl::Status(credentials.status().code(),
                        absl::StrCat("Failed to create TLS config: ",
                                     credentials.status().message()));
  }
  std::string target = address;
  if (options.unix_socket && !absl::StartsWith(target, "unix:")) {
    target = absl::StrCat("unix:", target);
  }
  std::shared_ptr<grpc::Channel> channel = grpc::CreateCustomChannel(
      target, *credentials, MakeChannelArguments(options));
  const std::string failure =
      absl::StrCat("Failed to dial target host \"", address, "\": ");
  grpc_connectivity_state state = channel->GetState(/*try_to_connect=*/true);
  while (state != GRPC_CHANNEL_READY) {
    if (state == GRPC_CHANNEL_TRANSIENT_FAILURE) {
      // Like grpcurl, give up at the first failure that is not a timeout
      // (connection refused, unknown host, TLS handshake failure).
      if (std::optional<std::string> error = ConnectionError(channel)) {
        return absl::UnavailableError(absl::StrCat(failure, *error));
      }
    }
    if (state == GRPC_CHANNEL_SHUTDOWN) {
      return absl::UnavailableError(absl::StrCat(failure, "channel shut down"));
    }
    if (!channel->WaitForStateChange(state, connect_deadline)) {
      return absl::DeadlineExceededError(
          absl::StrCat(failure, "context deadline exceeded"));
    }
    state = channel->GetState(/*try_to_connect=*/true);
  }
  return channel;
}

}  // namespace partnerhub::grpcurl
