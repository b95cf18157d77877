// The PartnerRegistry service through gRPC, over a real MariaDB.
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

using Stub = v1::PartnerRegistryService::Stub;

TEST_F(RegistryTest, CreateThenGetReturnsTheStoredPartner) {
  v1::CreatePartnerRequest req;
  *req.mutable_partner() = ValidPartner(1);
  req.mutable_partner()->set_business_registration_number(
      RegistrationNumber(1).insert(3, "-").insert(6, "-"));
  v1::Partner created;
  ASSERT_TRUE(Call(*stub_, &Stub::CreatePartner, req, &created).ok());
  EXPECT_EQ(created.name(), "partners/1");
  EXPECT_EQ(created.state(), v1::Partner::PROSPECT);
  EXPECT_EQ(created.business_registration_number(), RegistrationNumber(1));
  EXPECT_EQ(created.legal_name(), "(주)파트너1");
  EXPECT_EQ(created.etag(), "1");
  EXPECT_EQ(created.create_time().seconds(), absl::ToUnixSeconds(Start()));

  v1::GetPartnerRequest get;
  get.set_name(created.name());
  v1::Partner got;
  ASSERT_TRUE(Call(*stub_, &Stub::GetPartner, get, &got).ok());
  EXPECT_EQ(got.SerializeAsString(), created.SerializeAsString());
  EXPECT_EQ(RowCount("partner_state_changes"), 1);
}

TEST_F(RegistryTest, BadInputOfEveryFieldIsRejectedByNameAndWritesNothing) {
  struct Case {
    std::function<void(v1::CreatePartnerRequest&)> spoil;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](auto& r) { r.mutable_partner()->clear_display_name(); },
       "partner.display_name"},
      {[](auto& r) {
         r.mutable_partner()->set_display_name(std::string(201, 'x'));
       },
       "partner.display_name"},
      {[](auto& r) { r.mutable_partner()->clear_legal_name(); },
       "partner.legal_name"},
      {[](auto& r) {
         r.mutable_partner()->set_business_registration_number("1208147522");
       },
       "partner.business_registration_number"},
      {[](auto& r) {
         r.mutable_partner()->set_business_registration_number("abc");
       },
       "partner.business_registration_number"},
      {[](auto& r) { r.mutable_partner()->clear_category(); },
       "partner.category"},
      {[](auto& r) {
         r.mutable_partner()->set_category(
             static_cast<v1::Partner::Category>(42));
       },
       "partner.category"},
      {[](auto& r) { r.mutable_partner()->clear_tier(); }, "partner.tier"},
      {[](auto& r) { r.mutable_partner()->set_account_manager("Kim!"); },
       "partner.account_manager"},
      {[](auto& r) { r.mutable_partner()->clear_account_manager(); },
       "partner.account_manager"},
      {[](auto& r) { r.mutable_partner()->set_needs(std::string(4001, 'n')); },
       "partner.needs"},
      {[](auto& r) {
         r.mutable_partner()->set_value_proposition("tab\tok but bell\a not");
       },
       "partner.value_proposition"},
      {[](auto& r) { r.set_request_id(std::string(65, 'r')); }, "request_id"},
      {[](auto& r) { r.set_request_id("has space"); }, "request_id"},
  };
  for (const Case& c : cases) {
    v1::CreatePartnerRequest req;
    *req.mutable_partner() = ValidPartner(7);
    c.spoil(req);
    v1::Partner resp;
    grpc::Status s = Call(*stub_, &Stub::CreatePartner, req, &resp);
    EXPECT_CODE(s, INVALID_ARGUMENT);
    EXPECT_EQ(s.error_message().substr(0, c.field.size()), c.field)
        << s.error_message();
  }
  EXPECT_EQ(RowCount("partners"), 0);
  EXPECT_EQ(RowCount("partner_state_changes"), 0);
  EXPECT_EQ(RowCount("request_ids"), 0);
}

TEST_F(RegistryTest, DuplicateRegistrationNumberIsAlreadyExists) {
  CreatePartner(1);
  v1::CreatePartnerRequest req;
  *req.mutable_partner() = ValidPartner(1);
  req.mutable_partner()->set_display_name("Someone else");
  v1::Partner resp;
  grpc::Status s = Call(*stub_, &Stub::CreatePartner, req, &resp);
  EXPECT_CODE(s, ALREADY_EXISTS);
  EXPECT_NE(s.error_message().find("business_registration_number"),
            std::string::npos);
  EXPECT_EQ(RowCount("partners"), 1);
}

TEST_F(RegistryTest, RetriedCreateWithSameRequestIdCreatesOnce) {
  v1::CreatePartnerRequest req;
  *req.mutable_partner() = ValidPartner(3);
  req.set_request_id("6f1c2a9e-retry");
  v1::Partner first, second;
  ASSERT_TRUE(Call(*stub_, &Stub::CreatePartner, req, &first).ok());
  ASSERT_TRUE(Call(*stub_, &Stub::CreatePartner, req, &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(RowCount("partners"), 1);

  req.mutable_partner()->set_display_name("A different request");
  v1::Partner third;
  grpc::Status s = Call(*stub_, &Stub::CreatePartner, req, &third);
  EXPECT_CODE(s, INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("request_id"), std::string::npos);
  EXPECT_EQ(RowCount("partners"), 1);
}

TEST_F(RegistryTest, ConcurrentCreatesWithOneRequestIdExecuteOnce) {
  constexpr int kClients = 16;
  v1::CreatePartnerRequest req;
  *req.mutable_partner() = ValidPartner(4);
  req.set_request_id("concurrent-1");
  std::vector<std::string> names(kClients);
  std::vector<grpc::Status> statuses(kClients);
  absl::Barrier* start = new absl::Barrier(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      auto stub = NewStub();
      v1::Partner resp;
      if (start->Block()) delete start;
      statuses[i] = Call(*stub, &Stub::CreatePartner, req, &resp);
      names[i] = resp.name();
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kClients; ++i) {
    EXPECT_TRUE(statuses[i].ok()) << statuses[i].error_message();
    EXPECT_EQ(names[i], names[0]);
  }
  EXPECT_EQ(RowCount("partners"), 1);
  EXPECT_EQ(RowCount("partner_state_changes"), 1);
}

TEST_F(RegistryTest, ListPagesFiltersAndOrders) {
  for (int i = 1; i <= 23; ++i) {
    v1::CreatePartnerRequest req;
    *req.mutable_partner() = ValidPartner(i);
    req.mutable_partner()->set_display_name(
        absl::StrCat(i % 2 ? "Lotte " : "Shinsegae ", 100 + i));
    req.mutable_partner()->set_category(i % 3 ? v1::Partner::FASHION
                                              : v1::Partner::BEAUTY);
    req.mutable_partner()->set_account_manager(i <= 10 ? "kim.minsu"
                                                       : "lee.jiwon");
    clock_.Advance(absl::Seconds(1));
    v1::Partner resp;
    ASSERT_TRUE(Call(*stub_, &Stub::CreatePartner, req, &resp).ok());
  }
  // All pages of 7, in creation order, no duplicates, no gaps.
  std::vector<std::string> seen;
  v1::ListPartnersRequest list;
  list.set_page_size(7);
  int pages = 0;
  do {
    v1::ListPartnersResponse resp;
    ASSERT_TRUE(Call(*stub_, &Stub::ListPartners, list, &resp).ok());
    for (const auto& p : resp.partners()) seen.push_back(p.name());
    list.set_page_token(resp.next_page_token());
    ++pages;
  } while (!list.page_token().empty());
  EXPECT_EQ(pages, 4);
  ASSERT_EQ(seen.size(), 23u);
  for (int i = 0; i < 23; ++i)
    EXPECT_EQ(seen[i], absl::StrCat("partners/", i + 1));

  auto names = [&](const std::string& filter, const std::string& order_by) {
    v1::ListPartnersRequest req;
    req.set_filter(filter);
    req.set_order_by(order_by);
    req.set_page_size(100);
    v1::ListPartnersResponse resp;
    grpc::Status s = Call(*stub_, &Stub::ListPartners, req, &resp);
    EXPECT_TRUE(s.ok()) << filter << ": " << s.error_message();
    std::vector<std::string> out;
    for (const auto& p : resp.partners()) out.push_back(p.display_name());
    return out;
  };
  EXPECT_EQ(names("display_name = \"Lotte*\"", "").size(), 12u);
  EXPECT_EQ(names("category = BEAUTY", "").size(), 7u);
  EXPECT_EQ(
      names("category != BEAUTY AND account_manager = kim.minsu", "").size(),
      7u);
  EXPECT_EQ(names("state = PROSPECT AND tier = PREMIUM", "").size(), 23u);
  EXPECT_EQ(names("state = ACTIVE", "").size(), 0u);
  std::vector<std::string> desc = names("", "display_name desc");
  ASSERT_EQ(desc.size(), 23u);
  EXPECT_EQ(desc.front(), "Shinsegae 122");
  EXPECT_EQ(desc.back(), "Lotte 101");
  // Paging in a custom order agrees with the single page.
  std::vector<std::string> paged;
  v1::ListPartnersRequest req;
  req.set_order_by("display_name desc");
  req.set_page_size(5);
  do {
    v1::ListPartnersResponse resp;
    ASSERT_TRUE(Call(*stub_, &Stub::ListPartners, req, &resp).ok());
    for (const auto& p : resp.partners()) paged.push_back(p.display_name());
    req.set_page_token(resp.next_page_token());
  } while (!req.page_token().empty());
  EXPECT_EQ(paged, desc);
}

TEST_F(RegistryTest, ListRejectsBadArgumentsByName) {
  CreatePartner(1);
  auto code_and_message = [&](v1::ListPartnersRequest req) {
    v1::ListPartnersResponse resp;
    return Call(*stub_, &Stub::ListPartners, req, &resp);
  };
  v1::ListPartnersRequest req;
  req.set_page_size(-1);
  grpc::Status s = code_and_message(req);
  EXPECT_CODE(s, INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("page_size"), std::string::npos);
  for (const char* filter :
       {"color = RED", "state = HAPPY", "state ACTIVE",
        "state = ACTIVE OR tier = STANDARD", "tier = PREM*"}) {
    req = {};
    req.set_filter(filter);
    s = code_and_message(req);
    EXPECT_CODE(s, INVALID_ARGUMENT);
    EXPECT_NE(s.error_message().find("filter"), std::string::npos) << filter;
  }
  req = {};
  req.set_order_by("legal_name");
  s = code_and_message(req);
  EXPECT_CODE(s, INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("order_by"), std::string::npos);
  req = {};
  req.set_page_token("not-a-token");
  s = code_and_message(req);
  EXPECT_CODE(s, INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("page_token"), std::string::npos);
  // A token is bound to its query.
  CreatePartner(2);
  req = {};
  req.set_page_size(1);
  v1::ListPartnersResponse first;
  ASSERT_TRUE(Call(*stub_, &Stub::ListPartners, req, &first).ok());
  ASSERT_FALSE(first.next_page_token().empty());
  req.set_page_token(first.next_page_token());
  req.set_filter("state = PROSPECT");
  s = code_and_message(req);
  EXPECT_CODE(s, INVALID_ARGUMENT);
}

TEST_F(RegistryTest, UpdateAppliesMaskAndHonoursEtag) {
  v1::Partner p = CreatePartner(1);
  v1::UpdatePartnerRequest req;
  req.mutable_partner()->set_name(p.name());
  req.mutable_partner()->set_display_name("Renamed");
  req.mutable_partner()->set_needs("ignored: not in the mask");
  req.mutable_partner()->set_etag(p.etag());
  req.mutable_update_mask()->add_paths("display_name");
  v1::Partner updated;
  ASSERT_TRUE(Call(*stub_, &Stub::UpdatePartner, req, &updated).ok());
  EXPECT_EQ(updated.display_name(), "Renamed");
  EXPECT_EQ(updated.needs(), p.needs());
  EXPECT_EQ(updated.etag(), "2");
  // The same (now stale) etag again.
  grpc::Status s = Call(*stub_, &Stub::UpdatePartner, req, &updated);
  EXPECT_CODE(s, ABORTED);
  // Masks naming what cannot change, or nothing.
  req.mutable_partner()->clear_etag();
  req.mutable_update_mask()->set_paths(0, "state");
  EXPECT_CODE(Call(*stub_, &Stub::UpdatePartner, req, &updated),
              INVALID_ARGUMENT);
  req.mutable_update_mask()->clear_paths();
  EXPECT_CODE(Call(*stub_, &Stub::UpdatePartner, req, &updated),
              INVALID_ARGUMENT);
  // Invalid new value: rejected, nothing written.
  req.mutable_update_mask()->add_paths("tier");
  req.mutable_partner()->set_tier(v1::Partner::TIER_UNSPECIFIED);
  s = Call(*stub_, &Stub::UpdatePartner, req, &updated);
  EXPECT_CODE(s, INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("partner.tier"), std::string::npos);
  v1::GetPartnerRequest get;
  get.set_name(p.name());
  v1::Partner now;
  ASSERT_TRUE(Call(*stub_, &Stub::GetPartner, get, &now).ok());
  EXPECT_EQ(now.etag(), "2");
  EXPECT_EQ(now.tier(), v1::Partner::PREMIUM);
}

TEST_F(RegistryTest, ConcurrentUpdatesAreNeverLost) {
  v1::Partner p = CreatePartner(1);
  constexpr int kClients = 8, kEach = 5;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      auto stub = NewStub();
      for (int j = 0; j < kEach; ++j) {
        v1::UpdatePartnerRequest req;
        req.mutable_partner()->set_name(p.name());
        req.mutable_partner()->set_needs(
            absl::StrCat("client ", i, " write ", j));
        req.mutable_update_mask()->add_paths("needs");
        v1::Partner resp;
        if (Call(*stub, &Stub::UpdatePartner, req, &resp).ok()) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), kClients * kEach);
  v1::GetPartnerRequest get;
  get.set_name(p.name());
  v1::Partner now;
  ASSERT_TRUE(Call(*stub_, &Stub::GetPartner, get, &now).ok());
  EXPECT_EQ(now.etag(), absl::StrCat(1 + kClients * kEach));
}

TEST_F(RegistryTest, LifecycleTransitionsAreCheckedAndKeptAsHistory) {
  v1::Partner p = CreatePartner(1);
  MoveTo(p.name(), {v1::Partner::NEGOTIATING, v1::Partner::PROSPECT,
                    v1::Partner::NEGOTIATING, v1::Partner::CONTRACTED});
  v1::TransitionPartnerRequest req;
  req.set_name(p.name());
  req.set_state(v1::Partner::ACTIVE);
  req.set_reason("go live");
  v1::Partner resp;
  grpc::Status s = Call(*stub_, &Stub::TransitionPartner, req, &resp);
  EXPECT_CODE(s, FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("agreement in force"), std::string::npos);

  SignAgreement(p.name(), 10, 100);
  ASSERT_TRUE(Call(*stub_, &Stub::TransitionPartner, req, &resp).ok());
  EXPECT_EQ(resp.state(), v1::Partner::ACTIVE);
  MoveTo(p.name(), {v1::Partner::SUSPENDED, v1::Partner::ACTIVE,
                    v1::Partner::TERMINATED});
  req.set_state(v1::Partner::PROSPECT);
  EXPECT_CODE(Call(*stub_, &Stub::TransitionPartner, req, &resp),
              FAILED_PRECONDITION);
  req.set_state(v1::Partner::STATE_UNSPECIFIED);
  s = Call(*stub_, &Stub::TransitionPartner, req, &resp);
  EXPECT_CODE(s, INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("state"), std::string::npos);
  req.set_state(v1::Partner::ACTIVE);
  req.clear_reason();
  s = Call(*stub_, &Stub::TransitionPartner, req, &resp);
  EXPECT_CODE(s, INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("reason"), std::string::npos);

  v1::ListPartnerStateChangesRequest history;
  history.set_parent(p.name());
  history.set_page_size(3);
  std::vector<v1::Partner::State> states;
  do {
    v1::ListPartnerStateChangesResponse page;
    ASSERT_TRUE(
        Call(*stub_, &Stub::ListPartnerStateChanges, history, &page).ok());
    for (const auto& c : page.state_changes()) states.push_back(c.to_state());
    history.set_page_token(page.next_page_token());
  } while (!history.page_token().empty());
  const std::vector<v1::Partner::State> expected = {
      v1::Partner::TERMINATED, v1::Partner::ACTIVE,
      v1::Partner::SUSPENDED,  v1::Partner::ACTIVE,
      v1::Partner::CONTRACTED, v1::Partner::NEGOTIATING,
      v1::Partner::PROSPECT,   v1::Partner::NEGOTIATING,
      v1::Partner::PROSPECT};
  EXPECT_EQ(states, expected);
}

TEST_F(RegistryTest, DeleteOnlyProspectsWithoutAgreements) {
  v1::Partner keep = CreatePartner(1);
  v1::Partner gone = CreatePartner(2);
  MoveTo(keep.name(), {v1::Partner::NEGOTIATING});
  v1::DeletePartnerRequest req;
  req.set_name(keep.name());
  google::protobuf::Empty empty;
  EXPECT_CODE(Call(*stub_, &Stub::DeletePartner, req, &empty),
              FAILED_PRECONDITION);
  req.set_name(gone.name());
  req.set_etag("99");
  EXPECT_CODE(Call(*stub_, &Stub::DeletePartner, req, &empty), ABORTED);
  req.clear_etag();
  ASSERT_TRUE(Call(*stub_, &Stub::DeletePartner, req, &empty).ok());
  v1::GetPartnerRequest get;
  get.set_name(gone.name());
  v1::Partner resp;
  grpc::Status s = Call(*stub_, &Stub::GetPartner, get, &resp);
  EXPECT_CODE(s, NOT_FOUND);
  EXPECT_NE(s.error_message().find(gone.name()), std::string::npos);
}

TEST_F(RegistryTest, MalformedNamesAreInvalidMissingOnesNotFound) {
  v1::GetPartnerRequest get;
  v1::Partner resp;
  for (const char* name :
       {"", "partner/1", "partners/x", "partners/0", "partners/1/x"}) {
    get.set_name(name);
    grpc::Status s = Call(*stub_, &Stub::GetPartner, get, &resp);
    EXPECT_CODE(s, INVALID_ARGUMENT);
    EXPECT_EQ(s.error_message().substr(0, 4), "name") << name;
  }
  get.set_name("partners/424242");
  EXPECT_CODE(Call(*stub_, &Stub::GetPartner, get, &resp), NOT_FOUND);
}

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
