// The CustomerExperience service through gRPC, in-process, over a real
// MariaDB schema: customers (personal data, request ids, masks and etags,
// consent, erasure, listing). Touchpoints in handler_touchpoints_test.cc,
// purchases and the funnel in handler_funnel_test.cc, segments in
// handler_segments_test.cc.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/grpc/proto_convert.h"
#include "services/customer_experience/tests/fixture.h"

namespace partnerhub::customer_experience {
namespace {

using v1::Touchpoint;

TEST_F(CxTest, CreateGetMasksPersonalDataUnlessFull) {
  v1::Customer created = CreateCustomer("cust-1", 2000);
  EXPECT_EQ(created.name(), "customers/cust-1");
  EXPECT_EQ(created.age_band(), v1::Customer::TWENTIES);
  EXPECT_EQ(created.marketing_consent().state(), v1::MarketingConsent::GRANTED);
  EXPECT_EQ(created.etag(), "1");

  v1::GetCustomerRequest get;
  get.set_name("customers/cust-1");
  v1::Customer basic;
  ASSERT_TRUE(CALL(stub_, GetCustomer, get, &basic).ok());
  EXPECT_EQ(basic.personal_data().email(), "m********@e******.com");
  get.set_view(v1::FULL);
  v1::Customer full;
  ASSERT_TRUE(CALL(stub_, GetCustomer, get, &full).ok());
  EXPECT_EQ(full.personal_data().email(), "minji.kim@example.com");

  v1::CreateCustomerRequest again;
  again.set_customer_id("cust-1");
  v1::Customer out;
  EXPECT_EQ(CALL(stub_, CreateCustomer, again, &out).error_code(),
            grpc::ALREADY_EXISTS);
  again.set_customer_id("bad id");
  grpc::Status s = CALL(stub_, CreateCustomer, again, &out);
  EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StartsWith(s.error_message(), "customer_id"))
      << s.error_message();
  again.set_customer_id("cust-2");
  again.mutable_customer()->mutable_personal_data()->set_email("not-an-email");
  s = CALL(stub_, CreateCustomer, again, &out);
  EXPECT_TRUE(
      absl::StartsWith(s.error_message(), "customer.personal_data.email"))
      << s.error_message();
  get.set_name("customers/nobody");
  EXPECT_EQ(CALL(stub_, GetCustomer, get, &out).error_code(), grpc::NOT_FOUND);
}

TEST_F(CxTest, CreateWithRequestIdIsIdempotent) {
  v1::CreateCustomerRequest req;
  req.set_customer_id("c-r");
  req.set_request_id("req-1");
  v1::Customer first, second;
  ASSERT_TRUE(CALL(stub_, CreateCustomer, req, &first).ok());
  ASSERT_TRUE(CALL(stub_, CreateCustomer, req, &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(first.marketing_consent().state(),
            v1::MarketingConsent::DENIED);  // default
  req.set_customer_id("c-other");
  EXPECT_EQ(CALL(stub_, CreateCustomer, req, &second).error_code(),
            grpc::INVALID_ARGUMENT);
  EXPECT_EQ(RowCount("customers"), 1);
}

TEST_F(CxTest, UpdateHonoursMaskAndEtag) {
  v1::Customer c = CreateCustomer("u1");
  v1::UpdateCustomerRequest req;
  req.mutable_customer()->set_name("customers/u1");
  req.mutable_customer()->set_region("KR-26");
  req.mutable_customer()->set_birth_year(1980);  // not in the mask: unchanged
  req.mutable_customer()->set_etag(c.etag());
  req.mutable_update_mask()->add_paths("region");
  v1::Customer updated;
  ASSERT_TRUE(CALL(stub_, UpdateCustomer, req, &updated).ok());
  EXPECT_EQ(updated.region(), "KR-26");
  EXPECT_EQ(updated.birth_year(), 1998);
  EXPECT_EQ(updated.etag(), "2");
  EXPECT_EQ(CALL(stub_, UpdateCustomer, req, &updated).error_code(),
            grpc::ABORTED);
  req.mutable_customer()->clear_etag();
  req.mutable_update_mask()->set_paths(0, "marketing_consent");
  EXPECT_EQ(CALL(stub_, UpdateCustomer, req, &updated).error_code(),
            grpc::INVALID_ARGUMENT);
  req.mutable_update_mask()->set_paths(0, "personal_data.phone");
  req.mutable_customer()->mutable_personal_data()->set_phone("02-555-0101");
  ASSERT_TRUE(CALL(stub_, UpdateCustomer, req, &updated).ok());
  EXPECT_EQ(updated.personal_data().phone(), "02-555-0101");
  EXPECT_EQ(updated.personal_data().email(), "minji.kim@example.com");
}

TEST_F(CxTest, ConsentChangesAreRecordedWithTheirTime) {
  CreateCustomer("k1", 1990, v1::Customer::MALE, v1::MarketingConsent::DENIED);
  auto set = [&](v1::MarketingConsent::State state) {
    v1::SetMarketingConsentRequest req;
    req.set_name("customers/k1");
    req.set_state(state);
    req.set_source("app-settings");
    v1::Customer out;
    clock_.Advance(absl::Minutes(1));
    return CALL(stub_, SetMarketingConsent, req, &out);
  };
  EXPECT_EQ(set(v1::MarketingConsent::REVOKED).error_code(),
            grpc::FAILED_PRECONDITION);
  EXPECT_TRUE(set(v1::MarketingConsent::GRANTED).ok());
  EXPECT_TRUE(set(v1::MarketingConsent::GRANTED).ok());  // no change, no entry
  EXPECT_TRUE(set(v1::MarketingConsent::REVOKED).ok());
  EXPECT_EQ(set(v1::MarketingConsent::DENIED).error_code(),
            grpc::FAILED_PRECONDITION);

  v1::ListConsentChangesRequest list;
  list.set_parent("customers/k1");
  v1::ListConsentChangesResponse changes;
  ASSERT_TRUE(CALL(stub_, ListConsentChanges, list, &changes).ok());
  ASSERT_EQ(changes.consent_changes_size(), 3);
  EXPECT_EQ(changes.consent_changes(0).to_state(),
            v1::MarketingConsent::REVOKED);
  EXPECT_EQ(changes.consent_changes(1).to_state(),
            v1::MarketingConsent::GRANTED);
  EXPECT_EQ(changes.consent_changes(1).from_state(),
            v1::MarketingConsent::DENIED);
  EXPECT_EQ(changes.consent_changes(2).from_state(),
            v1::MarketingConsent::STATE_UNSPECIFIED);
  EXPECT_EQ(changes.consent_changes(2).source(), "sign-up");
  EXPECT_LT(
      FromProtoTime("", changes.consent_changes(1).change_time()).value(),
      FromProtoTime("", changes.consent_changes(0).change_time()).value());
}

TEST_F(CxTest, ErasureRemovesPersonalDataAndKeepsHistory) {
  CreateCustomer("e1");
  v1::RecordTouchpointRequest rec;
  *rec.mutable_touchpoint() =
      MakeTouchpoint("e1", "ev1", Touchpoint::PAGE_VIEW, 5, 3);
  v1::Touchpoint t;
  ASSERT_TRUE(CALL(stub_, RecordTouchpoint, rec, &t).ok());
  v1::ErasePersonalDataRequest erase;
  erase.set_name("customers/e1");
  v1::Customer erased;
  ASSERT_TRUE(CALL(stub_, ErasePersonalData, erase, &erased).ok());
  EXPECT_FALSE(erased.has_personal_data());
  EXPECT_TRUE(erased.has_personal_data_erase_time());
  EXPECT_EQ(RowCount("customer_personal_data"), 0);
  EXPECT_EQ(RowCount("touchpoints"), 1);
  EXPECT_EQ(QueryInt(absl::StrCat(
                "SELECT COUNT(*) FROM ", schema_,
                ".customers WHERE customer_id = 'e1' AND birth_year = 1998")),
            1);
  CatchUpFunnel();
  v1::GetCustomerRequest get;
  get.set_name("customers/e1");
  get.set_view(v1::FULL);
  v1::Customer full;
  ASSERT_TRUE(CALL(stub_, GetCustomer, get, &full).ok());
  EXPECT_TRUE(full.personal_data().email().empty());
  EXPECT_EQ(full.funnel_stage(), v1::FunnelProgress::INTERESTED);
}

TEST_F(CxTest, ListCustomersFiltersAndPages) {
  CreateCustomer("a1", 2000, v1::Customer::FEMALE,
                 v1::MarketingConsent::GRANTED);
  CreateCustomer("a2", 2001, v1::Customer::MALE, v1::MarketingConsent::GRANTED);
  CreateCustomer("a3", 1990, v1::Customer::FEMALE,
                 v1::MarketingConsent::GRANTED);
  CreateCustomer("a4", 2002, v1::Customer::FEMALE,
                 v1::MarketingConsent::DENIED);
  CreateCustomer("a5", 2003, v1::Customer::OTHER, v1::MarketingConsent::GRANTED,
                 "KR-26");
  v1::ListCustomersRequest req;
  req.set_filter("age_band = TWENTIES AND consent = GRANTED");
  req.set_page_size(2);
  std::vector<std::string> names;
  for (int page = 0; page < 5; ++page) {
    v1::ListCustomersResponse resp;
    ASSERT_TRUE(CALL(stub_, ListCustomers, req, &resp).ok());
    for (const auto& c : resp.customers()) names.push_back(c.name());
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"customers/a1", "customers/a2",
                                             "customers/a5"}));

  v1::ListCustomersRequest other;
  other.set_filter("region != KR-11 AND funnel_stage = STAGE_UNSPECIFIED");
  v1::ListCustomersResponse resp;
  ASSERT_TRUE(CALL(stub_, ListCustomers, other, &resp).ok());
  ASSERT_EQ(resp.customers_size(), 1);
  EXPECT_EQ(resp.customers(0).name(), "customers/a5");
  other.set_filter("gender = NOBODY");
  EXPECT_EQ(CALL(stub_, ListCustomers, other, &resp).error_code(),
            grpc::INVALID_ARGUMENT);
  other.set_filter("");
  other.set_order_by("create_time desc");
  other.set_page_size(2);
  ASSERT_TRUE(CALL(stub_, ListCustomers, other, &resp).ok());
}
}  // namespace
}  // namespace partnerhub::customer_experience
