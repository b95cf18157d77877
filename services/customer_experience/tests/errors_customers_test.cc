// The customer-experience errors of the customer RPCs (Create, Get, List,
// Update, Delete, consent), as cases of the errors table (errors_fixture.h).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/grpc/proto_convert.h"
#include "common/status/reasons.h"
#include "services/customer_experience/src/domain/errors.h"
#include "services/customer_experience/src/domain/funnel.h"
#include "services/customer_experience/tests/errors_fixture.h"

namespace partnerhub::customer_experience {

namespace common_reason = ::partnerhub::reason;

std::vector<ErrorCase> ErrorsTest::CustomerCases() {
  using T = ErrorsTest;
  const std::string kLongId(65, 'r');
  return {
      {.name = "CreateCustomerReportsEveryBadFieldAtOnce",
       .call =
           [kLongId](T& t) {
             v1::CreateCustomerRequest req;
             req.set_request_id(kLongId);
             req.set_customer_id("bad id");
             req.mutable_customer()->set_birth_year(1800);
             req.mutable_customer()->set_region("kr-11");
             req.mutable_customer()->mutable_personal_data()->set_email(
                 "not-an-email");
             return t.Rpc(&Stub::CreateCustomer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"request_id", "customer_id", "customer.birth_year",
                             "customer.region",
                             "customer.personal_data.email"}},
       .table = "customers"},
      {.name = "CreateCustomerReportsEveryUnconvertibleFieldAtOnce",
       .call =
           [](T& t) {
             v1::CreateCustomerRequest req;
             req.set_customer_id("c1");
             req.mutable_customer()->set_gender(
                 static_cast<v1::Customer::Gender>(42));
             req.mutable_customer()->mutable_marketing_consent()->set_state(
                 static_cast<v1::MarketingConsent::State>(9));
             return t.Rpc(&Stub::CreateCustomer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"customer.gender",
                             "customer.marketing_consent.state"}},
       .table = "customers"},
      {.name = "CreateCustomerWithATakenId",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::CreateCustomerRequest req;
             req.set_customer_id("c1");
             return t.Rpc(&Stub::CreateCustomer, req);
           },
       .expect = {.code = Code::ALREADY_EXISTS,
                  .reason = reason::kCustomerAlreadyExists,
                  .metadata_resource = "customers/c1"},
       .table = "customers"},
      {.name = "CreateCustomerReusingARequestId",
       .setup =
           [](T& t) {
             v1::CreateCustomerRequest req;
             req.set_customer_id("c1");
             req.set_request_id("req-1");
             EXPECT_TRUE(t.Rpc(&Stub::CreateCustomer, req).ok());
           },
       .call =
           [](T& t) {
             v1::CreateCustomerRequest req;
             req.set_customer_id("c2");
             req.set_request_id("req-1");
             return t.Rpc(&Stub::CreateCustomer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kRequestIdReused,
                  .fields = {"request_id"}},
       .table = "customers"},
      {.name = "GetCustomerThatDoesNotExist",
       .call =
           [](T& t) {
             v1::GetCustomerRequest req;
             req.set_name("customers/nobody");
             return t.Rpc(&Stub::GetCustomer, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCustomerNotFound,
                  .resource = "customers/nobody"}},
      {.name = "GetCustomerWithAMalformedName",
       .call =
           [](T& t) {
             v1::GetCustomerRequest req;
             req.set_name("customer/c1");
             return t.Rpc(&Stub::GetCustomer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"name"}}},
      {.name = "ListCustomersWithAnUnknownFilterValue",
       .call =
           [](T& t) {
             v1::ListCustomersRequest req;
             req.set_filter("gender = PURPLE");
             return t.Rpc(&Stub::ListCustomers, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"filter"}}},
      {.name = "ListCustomersWithAForeignPageToken",
       .call =
           [](T& t) {
             v1::ListCustomersRequest req;
             req.set_page_token("not-a-token");
             return t.Rpc(&Stub::ListCustomers, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidPageToken,
                  .fields = {"page_token"}}},
      {.name = "UpdateCustomerWithoutAMask",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::UpdateCustomerRequest req;
             req.mutable_customer()->set_name("customers/c1");
             return t.Rpc(&Stub::UpdateCustomer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"update_mask"}}},
      {.name = "UpdateCustomerReportsEveryPathThatCannotBeUpdated",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::UpdateCustomerRequest req;
             req.mutable_customer()->set_name("customers/c1");
             req.mutable_update_mask()->add_paths("region");
             req.mutable_update_mask()->add_paths("marketing_consent");
             req.mutable_update_mask()->add_paths("etag");
             return t.Rpc(&Stub::UpdateCustomer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"update_mask.paths[1]", "update_mask.paths[2]"}}},
      {.name = "UpdateCustomerReportsEveryBadValueAtOnce",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::UpdateCustomerRequest req;
             v1::Customer* c = req.mutable_customer();
             c->set_name("customers/c1");
             c->set_birth_year(1800);
             c->set_region("Seoul");
             c->mutable_personal_data()->set_email("no-at-sign");
             for (const char* p : {"birth_year", "region", "personal_data"})
               req.mutable_update_mask()->add_paths(p);
             return t.Rpc(&Stub::UpdateCustomer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"customer.birth_year", "customer.region",
                             "customer.personal_data.email"}}},
      {.name = "UpdateCustomerWithAStaleEtag",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::UpdateCustomerRequest req;
             req.mutable_customer()->set_name("customers/c1");
             req.mutable_customer()->set_region("KR-26");
             req.mutable_customer()->set_etag("7");
             req.mutable_update_mask()->add_paths("region");
             return t.Rpc(&Stub::UpdateCustomer, req);
           },
       .expect = {.code = Code::ABORTED,
                  .reason = common_reason::kStaleEtag,
                  .metadata_resource = "customers/c1"}},
      {.name = "UpdateCustomerThatDoesNotExist",
       .call =
           [](T& t) {
             v1::UpdateCustomerRequest req;
             req.mutable_customer()->set_name("customers/nobody");
             req.mutable_update_mask()->add_paths("region");
             return t.Rpc(&Stub::UpdateCustomer, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCustomerNotFound,
                  .resource = "customers/nobody"}},
      {.name = "SetMarketingConsentToDeniedAfterCreate",
       .setup = [](T& t) { t.CreateCustomer("c1"); },  // GRANTED
       .call =
           [](T& t) {
             v1::SetMarketingConsentRequest req;
             req.set_name("customers/c1");
             req.set_state(v1::MarketingConsent::DENIED);
             req.set_source("app-settings");
             return t.Rpc(&Stub::SetMarketingConsent, req);
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kConsentDeniedOnlyOnCreate,
                  .subject = "customers/c1"},
       .table = "consent_changes"},
      {.name = "SetMarketingConsentRevokingADeniedConsent",
       .setup =
           [](T& t) {
             t.CreateCustomer("c1", 1998, v1::Customer::FEMALE,
                              v1::MarketingConsent::DENIED);
           },
       .call =
           [](T& t) {
             v1::SetMarketingConsentRequest req;
             req.set_name("customers/c1");
             req.set_state(v1::MarketingConsent::REVOKED);
             req.set_source("app-settings");
             return t.Rpc(&Stub::SetMarketingConsent, req);
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kConsentNotGranted,
                  .subject = "customers/c1"},
       .table = "consent_changes"},
      {.name = "SetMarketingConsentReportsEveryBadFieldAtOnce",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::SetMarketingConsentRequest req;
             req.set_name("customers/c1");
             req.set_state(v1::MarketingConsent::REVOKED);
             req.set_source("app settings!");
             *req.mutable_change_time() = Future();
             return t.Rpc(&Stub::SetMarketingConsent, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"source", "change_time"}},
       .table = "consent_changes"},
      {.name = "SetMarketingConsentWithoutAState",
       .call =
           [](T& t) {
             v1::SetMarketingConsentRequest req;
             req.set_name("customers/c1");
             return t.Rpc(&Stub::SetMarketingConsent, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"state"}}},
      {.name = "ListConsentChangesOfAMissingCustomer",
       .call =
           [](T& t) {
             v1::ListConsentChangesRequest req;
             req.set_parent("customers/nobody");
             return t.Rpc(&Stub::ListConsentChanges, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCustomerNotFound,
                  .resource = "customers/nobody"}},
      {.name = "ErasePersonalDataWithAStaleEtag",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::ErasePersonalDataRequest req;
             req.set_name("customers/c1");
             req.set_etag("9");
             return t.Rpc(&Stub::ErasePersonalData, req);
           },
       .expect = {.code = Code::ABORTED,
                  .reason = common_reason::kStaleEtag,
                  .metadata_resource = "customers/c1"}},

  };
}

}  // namespace partnerhub::customer_experience
