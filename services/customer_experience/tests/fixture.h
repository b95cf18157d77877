// A customer-experience handler served in-process over a real MariaDB
// schema made from the real migrations, with a stub to call it through gRPC.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_TESTS_FIXTURE_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_TESTS_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/mysql/connection_pool.h"
#include "common/server/server.h"
#include "common/time/clock.h"
#include "partnerhub/customer_experience/v1/customer_experience.grpc.pb.h"
#include "services/customer_experience/src/domain/funnel_projector.h"
#include "services/customer_experience/src/handler/customer_experience_handler.h"
#include "services/customer_experience/src/storage/mysql_cx_store.h"

namespace partnerhub::customer_experience {

namespace v1 = ::partnerhub::customer_experience::v1;

class CxTest : public ::testing::Test {
 public:
  // 2026-11-24 10:00 UTC.
  static absl::Time Start();
  // A purchase of `amount` KRW (one fashion item) by `customer` at
  // `partner`, `minutes_ago` before Start(), attributed to campaigns/
  // `campaign` (none for 0).
  static v1::RecordPurchaseRequest PurchaseRequest(const std::string& order,
                                                   const std::string& customer,
                                                   int partner, int64_t amount,
                                                   int minutes_ago,
                                                   int campaign = 8);

 protected:
  void SetUp() override;
  void TearDown() override;

  // A new stub on its own channel (for concurrency tests).
  std::unique_ptr<v1::CustomerExperienceService::Stub> NewStub();

  // Creates customer `id` through the API; fails the test on error.
  v1::Customer CreateCustomer(
      const std::string& id, int birth_year = 1998,
      v1::Customer::Gender gender = v1::Customer::FEMALE,
      v1::MarketingConsent::State consent = v1::MarketingConsent::GRANTED,
      const std::string& region = "KR-11");
  // A touchpoint of `customer` (an id) with `event_id`, `minutes_ago`
  // before Start().
  static v1::Touchpoint MakeTouchpoint(const std::string& customer,
                                       const std::string& event_id,
                                       v1::Touchpoint::Type type,
                                       int minutes_ago, int partner = 0,
                                       int campaign = 0);

  // Steps the funnel projector to the feed's head (the service runs it on a
  // thread of its own): the stored funnel and the reach events follow what
  // was recorded. Fails the test on error.
  void CatchUpFunnel();

  // Rows in a table of this test's schema; the first column of a query.
  int64_t RowCount(const std::string& table);
  int64_t QueryInt(const std::string& sql);

  std::string schema_;
  ManualClock clock_{Start()};
  std::unique_ptr<mysql::ConnectionPool> pool_;
  std::unique_ptr<MySqlCxStore> store_;
  std::unique_ptr<CustomerExperienceHandler> handler_;
  std::unique_ptr<FunnelProjector> projector_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::CustomerExperienceService::Stub> stub_;
};

// Calls `method`, a callable (ClientContext*, request, response*), with a
// fresh context.
template <typename Req, typename Resp, typename Method>
grpc::Status Call(Method method, const Req& req, Resp* resp) {
  grpc::ClientContext ctx;
  return method(&ctx, req, resp);
}

// CALL(stub_, GetCustomer, req, &resp): the RPC `Method` of `stub` through
// Call.
#define CALL(stub, Method, req, resp)                                   \
  Call<decltype(req)>([&](grpc::ClientContext* c, const auto& r,        \
                          auto* o) { return (stub)->Method(c, r, o); }, \
                      req, resp)

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_TESTS_FIXTURE_H_
