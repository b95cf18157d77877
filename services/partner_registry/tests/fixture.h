// A partner-registry handler served in-process over a real MariaDB schema
// made from the real migrations, with a stub to call it through gRPC.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_TESTS_FIXTURE_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_TESTS_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/mysql/connection_pool.h"
#include "common/server/server.h"
#include "common/time/clock.h"
#include "partnerhub/partner_registry/v1/partner_registry.grpc.pb.h"
#include "services/partner_registry/src/handler/partner_registry_handler.h"
#include "services/partner_registry/src/storage/mysql_partner_store.h"

namespace partnerhub::partner_registry {

namespace v1 = ::partnerhub::partner_registry::v1;

class RegistryTest : public ::testing::Test {
 protected:
  // 2026-11-24 10:00 UTC (19:00 KST).
  static absl::Time Start();

  void SetUp() override;
  void TearDown() override;

  // A new stub on its own channel (for concurrency tests).
  std::unique_ptr<v1::PartnerRegistryService::Stub> NewStub();

  // A valid partner to create; `n` makes its registration number unique.
  static v1::Partner ValidPartner(int n);
  // A valid registration number, distinct for each n in [0, 10^8).
  static std::string RegistrationNumber(int n);

  // Creates a valid partner; fails the test on error.
  v1::Partner CreatePartner(int n);
  // Moves a partner through `states` in order.
  v1::Partner MoveTo(const std::string& name,
                     std::initializer_list<v1::Partner::State> states);
  // Signs an agreement of `partner` covering [today - before, today + after].
  v1::Agreement SignAgreement(const std::string& partner, int before,
                              int after);

  // Rows in a table of this test's schema.
  int64_t RowCount(const std::string& table);

  std::string schema_;
  ManualClock clock_{Start()};
  std::unique_ptr<mysql::ConnectionPool> pool_;
  std::unique_ptr<MySqlPartnerStore> store_;
  std::unique_ptr<PartnerRegistryHandler> handler_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::PartnerRegistryService::Stub> stub_;
};

using Stub = v1::PartnerRegistryService::Stub;

#define EXPECT_CODE(status, code_name)                          \
  EXPECT_EQ((status).error_code(), grpc::StatusCode::code_name) \
      << (status).error_message()

// Calls `method` on `stub` with a fresh context.
template <typename Stub, typename Req, typename Resp>
grpc::Status Call(Stub& stub,
                  grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&,
                                               Resp*),
                  const Req& req, Resp* resp) {
  grpc::ClientContext ctx;
  return (stub.*method)(&ctx, req, resp);
}

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_TESTS_FIXTURE_H_
