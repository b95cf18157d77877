// The PartnerRegistry service through gRPC, over a real MariaDB: creating
// partners (validation, duplicates, request ids) and listing them. Changing
// partners in handler_partner_changes_test.cc, their children in
// handler_children_test.cc.
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
}  // namespace
}  // namespace partnerhub::partner_registry
