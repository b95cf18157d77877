// The PartnerRegistry service through gRPC, over a real MariaDB: a
// partner's contacts (exactly one primary), agreements (never overlapping,
// their lifecycle) and sales activities.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "services/partner_registry/tests/fixture.h"
#include "tests/harness/harness.h"
namespace partnerhub::partner_registry {
namespace {

TEST_F(RegistryTest, ContactsKeepExactlyOnePrimary) {
  v1::Partner p = CreatePartner(1);
  auto create = [&](const std::string& who, bool primary) {
    v1::CreateContactRequest req;
    req.set_parent(p.name());
    req.mutable_contact()->set_display_name(who);
    req.mutable_contact()->set_role("MD");
    req.mutable_contact()->set_email(absl::StrCat(who, "@example.co.kr"));
    req.mutable_contact()->set_phone("010-1234-5678");
    req.mutable_contact()->set_primary(primary);
    v1::Contact c;
    grpc::Status s = Call(*stub_, &Stub::CreateContact, req, &c);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return c;
  };
  auto primaries = [&]() {
    v1::ListContactsRequest req;
    req.set_parent(p.name());
    v1::ListContactsResponse resp;
    EXPECT_TRUE(Call(*stub_, &Stub::ListContacts, req, &resp).ok());
    std::vector<std::string> out;
    for (const auto& c : resp.contacts()) {
      if (c.primary()) out.push_back(c.display_name());
    }
    return out;
  };
  v1::Contact first = create("alice", false);
  EXPECT_TRUE(first.primary());  // the first contact becomes primary
  create("bob", false);
  EXPECT_EQ(primaries(), std::vector<std::string>{"alice"});
  v1::Contact carol = create("carol", true);
  EXPECT_EQ(primaries(), std::vector<std::string>{"carol"});

  v1::UpdateContactRequest update;
  *update.mutable_contact() = carol;
  update.mutable_contact()->set_primary(false);
  update.mutable_update_mask()->add_paths("primary");
  v1::Contact resp;
  EXPECT_CODE(Call(*stub_, &Stub::UpdateContact, update, &resp),
              FAILED_PRECONDITION);

  v1::DeleteContactRequest del;
  del.set_name(carol.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(Call(*stub_, &Stub::DeleteContact, del, &empty).ok());
  EXPECT_EQ(primaries(),
            std::vector<std::string>{"alice"});  // the longest-standing

  v1::CreateContactRequest bad;
  bad.set_parent(p.name());
  bad.mutable_contact()->set_display_name("x");
  bad.mutable_contact()->set_email("not-an-email");
  grpc::Status s = Call(*stub_, &Stub::CreateContact, bad, &resp);
  EXPECT_CODE(s, INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("contact.email"), std::string::npos);
  bad.mutable_contact()->set_email("x@example.com");
  bad.mutable_contact()->set_phone("12");
  s = Call(*stub_, &Stub::CreateContact, bad, &resp);
  EXPECT_NE(s.error_message().find("contact.phone"), std::string::npos);
  bad.set_parent("partners/999");
  bad.mutable_contact()->clear_phone();
  EXPECT_CODE(Call(*stub_, &Stub::CreateContact, bad, &resp), NOT_FOUND);
}

TEST_F(RegistryTest, ConcurrentPrimaryClaimsLeaveOnePrimary) {
  v1::Partner p = CreatePartner(1);
  constexpr int kClients = 12;
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      auto stub = NewStub();
      v1::CreateContactRequest req;
      req.set_parent(p.name());
      req.mutable_contact()->set_display_name(absl::StrCat("c", i));
      req.mutable_contact()->set_email(absl::StrCat("c", i, "@example.com"));
      req.mutable_contact()->set_primary(true);
      v1::Contact c;
      grpc::Status s = Call(*stub, &Stub::CreateContact, req, &c);
      EXPECT_TRUE(s.ok()) << s.error_message();
    });
  }
  for (auto& t : threads) t.join();
  auto rows =
      partnerhub::testing::MariaDbServer::Shared().QueryAsRoot(absl::StrCat(
          "SELECT COUNT(*) FROM ", schema_, ".contacts WHERE is_primary = 1"));
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0][0], "1");
  EXPECT_EQ(RowCount("contacts"), kClients);
}

TEST_F(RegistryTest, AgreementsMayNotOverlapEvenWhenCreatedConcurrently) {
  v1::Partner p = CreatePartner(1);
  constexpr int kClients = 10;
  std::atomic<int> created{0}, rejected{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      auto stub = NewStub();
      v1::CreateAgreementRequest req;
      req.set_parent(p.name());
      v1::Agreement* a = req.mutable_agreement();
      a->set_commission_rate_bps(1000 + i);
      a->set_settlement_cycle(v1::Agreement::WEEKLY);
      a->mutable_start_date()->set_year(2027);
      a->mutable_start_date()->set_month(1);
      a->mutable_start_date()->set_day(1 + i);  // all overlap each other
      a->mutable_end_date()->set_year(2027);
      a->mutable_end_date()->set_month(6);
      a->mutable_end_date()->set_day(30);
      v1::Agreement resp;
      grpc::Status s = Call(*stub, &Stub::CreateAgreement, req, &resp);
      if (s.ok()) {
        ++created;
      } else if (s.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
        ++rejected;
      } else {
        ADD_FAILURE() << s.error_code() << " " << s.error_message();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(rejected.load(), kClients - 1);
  EXPECT_EQ(RowCount("agreements"), 1);
}

TEST_F(RegistryTest, AgreementLifecycle) {
  v1::Partner p = CreatePartner(1);
  v1::Agreement a = SignAgreement(p.name(), 1, 30);
  EXPECT_EQ(a.state(), v1::Agreement::SIGNED);
  EXPECT_TRUE(a.in_force());
  EXPECT_EQ(a.kpi_targets().gmv().amount_minor(), 500000000);

  v1::UpdateAgreementRequest update;
  *update.mutable_agreement() = a;
  update.mutable_agreement()->set_commission_rate_bps(1);
  update.mutable_update_mask()->add_paths("commission_rate_bps");
  v1::Agreement resp;
  EXPECT_CODE(Call(*stub_, &Stub::UpdateAgreement, update, &resp),
              FAILED_PRECONDITION);

  v1::TerminateAgreementRequest terminate;
  terminate.set_name(a.name());
  terminate.set_reason("partner closed the store");
  ASSERT_TRUE(Call(*stub_, &Stub::TerminateAgreement, terminate, &resp).ok());
  EXPECT_EQ(resp.state(), v1::Agreement::TERMINATED);
  EXPECT_FALSE(resp.in_force());
  EXPECT_EQ(resp.terminate_reason(), "partner closed the store");
  // A terminated agreement no longer blocks a new one in its period.
  SignAgreement(p.name(), 0, 10);

  v1::CreateAgreementRequest bad;
  bad.set_parent(p.name());
  bad.mutable_agreement()->set_settlement_cycle(v1::Agreement::MONTHLY);
  bad.mutable_agreement()->mutable_start_date()->set_year(2027);
  bad.mutable_agreement()->mutable_start_date()->set_month(2);
  bad.mutable_agreement()->mutable_start_date()->set_day(30);
  *bad.mutable_agreement()->mutable_end_date() = bad.agreement().start_date();
  grpc::Status s = Call(*stub_, &Stub::CreateAgreement, bad, &resp);
  EXPECT_CODE(s, INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("agreement.start_date"), std::string::npos);
  bad.mutable_agreement()->clear_end_date();
  bad.mutable_agreement()->mutable_start_date()->set_day(1);
  s = Call(*stub_, &Stub::CreateAgreement, bad, &resp);
  EXPECT_NE(s.error_message().find("agreement.end_date"), std::string::npos);
}

TEST_F(RegistryTest, SalesActivitiesNewestFirstAndContactOfSamePartner) {
  v1::Partner p = CreatePartner(1);
  v1::Partner other = CreatePartner(2);
  v1::CreateContactRequest contact_req;
  contact_req.set_parent(other.name());
  contact_req.mutable_contact()->set_display_name("elsewhere");
  contact_req.mutable_contact()->set_email("e@example.com");
  v1::Contact foreign;
  ASSERT_TRUE(Call(*stub_, &Stub::CreateContact, contact_req, &foreign).ok());

  for (int i = 0; i < 5; ++i) {
    v1::CreateSalesActivityRequest req;
    req.set_parent(p.name());
    req.mutable_sales_activity()->set_type(v1::SalesActivity::MEETING);
    req.mutable_sales_activity()->set_owner("kim.minsu");
    req.mutable_sales_activity()->mutable_occur_time()->set_seconds(
        absl::ToUnixSeconds(Start()) + (i % 2 ? 1000 * i : -1000 * i));
    req.mutable_sales_activity()->set_notes(absl::StrCat("meeting ", i));
    v1::SalesActivity resp;
    ASSERT_TRUE(Call(*stub_, &Stub::CreateSalesActivity, req, &resp).ok());
  }
  v1::ListSalesActivitiesRequest list;
  list.set_parent(p.name());
  list.set_page_size(2);
  std::vector<int64_t> times;
  do {
    v1::ListSalesActivitiesResponse page;
    ASSERT_TRUE(Call(*stub_, &Stub::ListSalesActivities, list, &page).ok());
    for (const auto& s : page.sales_activities())
      times.push_back(s.occur_time().seconds());
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  ASSERT_EQ(times.size(), 5u);
  EXPECT_TRUE(std::is_sorted(times.rbegin(), times.rend()));

  v1::CreateSalesActivityRequest bad;
  bad.set_parent(p.name());
  bad.mutable_sales_activity()->set_type(v1::SalesActivity::CALL);
  bad.mutable_sales_activity()->set_owner("kim.minsu");
  bad.mutable_sales_activity()->mutable_occur_time()->set_seconds(1);
  bad.mutable_sales_activity()->set_contact(foreign.name());
  v1::SalesActivity resp;
  grpc::Status s = Call(*stub_, &Stub::CreateSalesActivity, bad, &resp);
  EXPECT_CODE(s, INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("sales_activity.contact"),
            std::string::npos);
  bad.clear_sales_activity();
  bad.mutable_sales_activity()->set_type(v1::SalesActivity::CALL);
  bad.mutable_sales_activity()->set_owner("kim.minsu");
  s = Call(*stub_, &Stub::CreateSalesActivity, bad, &resp);
  EXPECT_NE(s.error_message().find("sales_activity.occur_time"),
            std::string::npos);
  EXPECT_EQ(RowCount("sales_activities"), 5);
}
}  // namespace
}  // namespace partnerhub::partner_registry
