// The fixture of the partner registry's errors tests (errors_*_test.cc): a
// registry with partners in several states and their children, and Check,
// which provokes each failure of a table through the gRPC stub and checks
// what a client sees (tests/harness/grpc_errors.h).
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_TESTS_ERRORS_FIXTURE_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_TESTS_ERRORS_FIXTURE_H_

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/partner_registry/tests/fixture.h"
#include "tests/harness/grpc_errors.h"

namespace partnerhub::partner_registry {

inline constexpr absl::string_view kDomain = "partner-registry.partnerhub";

// Calls `method` with `req` on a fresh context; the response is dropped.
template <typename Req, typename Resp>
inline grpc::Status Call(Stub& stub,
                         grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                      const Req&, Resp*),
                         const Req& req) {
  grpc::ClientContext ctx;
  Resp resp;
  return (stub.*method)(&ctx, req, &resp);
}

inline partnerhub::type::v1::Date Date(int year, int month, int day) {
  partnerhub::type::v1::Date d;
  d.set_year(year);
  d.set_month(month);
  d.set_day(day);
  return d;
}

// One failure: the call, and what its error must carry.
struct Case {
  std::string name;
  std::function<grpc::Status()> call;
  // What the client must see; an empty domain is the service's own.
  ::partnerhub::testing::ExpectedError expect;
  // A table whose row count the failure must not change.
  std::string table = {};
};

class ErrorsTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    if (HasFatalFailure()) return;
    prospect_ = CreatePartner(1);     // partners/1, with children
    negotiating_ = CreatePartner(2);  // partners/2
    MoveTo(negotiating_.name(), {v1::Partner::NEGOTIATING});
    contracted_ = CreatePartner(3);  // partners/3, no agreement
    MoveTo(contracted_.name(),
           {v1::Partner::NEGOTIATING, v1::Partner::CONTRACTED});

    signed_ = SignAgreement(prospect_.name(), 10, 100);
    v1::CreateAgreementRequest draft;
    draft.set_parent(prospect_.name());
    draft.mutable_agreement()->set_settlement_cycle(v1::Agreement::MONTHLY);
    *draft.mutable_agreement()->mutable_start_date() = Date(2028, 1, 1);
    *draft.mutable_agreement()->mutable_end_date() = Date(2028, 12, 31);
    ASSERT_TRUE(Run(&Stub::CreateAgreement, draft, &draft_));

    v1::CreateContactRequest contact;
    contact.set_parent(prospect_.name());
    contact.mutable_contact()->set_display_name("Lee Jiwon");
    contact.mutable_contact()->set_email("jiwon.lee@example.co.kr");
    ASSERT_TRUE(Run(&Stub::CreateContact, contact, &contact_));
    ASSERT_TRUE(contact_.primary());

    v1::CreateSalesActivityRequest activity;
    activity.set_parent(prospect_.name());
    activity.mutable_sales_activity()->set_type(v1::SalesActivity::MEETING);
    activity.mutable_sales_activity()->set_owner("kim.minsu");
    activity.mutable_sales_activity()->mutable_occur_time()->set_seconds(
        absl::ToUnixSeconds(Start()));
    ASSERT_TRUE(Run(&Stub::CreateSalesActivity, activity, &activity_));

    v1::CreatePartnerRequest with_id;
    *with_id.mutable_partner() = ValidPartner(4);
    with_id.set_request_id("errors-test-1");
    v1::Partner created;
    ASSERT_TRUE(Run(&Stub::CreatePartner, with_id, &created));
  }

  template <typename Req, typename Resp>
  bool Run(grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&,
                                        Resp*),
           const Req& req, Resp* resp) {
    grpc::ClientContext ctx;
    grpc::Status s = (stub_.get()->*method)(&ctx, req, resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return s.ok();
  }

  template <typename Req, typename Resp>
  std::function<grpc::Status()> Calling(
      grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
      Req req) {
    return [this, method, req] { return Call(*stub_, method, req); };
  }

  // Checks every case of `cases`.
  void Check(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
      SCOPED_TRACE(c.name);
      const int64_t rows_before = c.table.empty() ? 0 : RowCount(c.table);
      const grpc::Status s = c.call();
      ::partnerhub::testing::ExpectedError expected = c.expect;
      if (expected.domain.empty()) expected.domain = std::string(kDomain);
      EXPECT_TRUE(::partnerhub::testing::ErrorMatches(s, expected));
      if (!c.table.empty()) {
        EXPECT_EQ(RowCount(c.table), rows_before);
      }
    }
  }

  v1::Partner prospect_, negotiating_, contracted_;
  v1::Agreement signed_, draft_;
  v1::Contact contact_;
  v1::SalesActivity activity_;
};

using Code = grpc::StatusCode;

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_TESTS_ERRORS_FIXTURE_H_
