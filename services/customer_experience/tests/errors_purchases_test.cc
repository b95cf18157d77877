// The customer-experience errors of the purchase RPCs (record, refund, get,
// list), as cases of the errors table (errors_fixture.h).
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

std::vector<ErrorCase> ErrorsTest::PurchaseCases() {
  using T = ErrorsTest;
  const std::string kLongId(65, 'r');
  return {
      {.name = "RecordPurchaseReportsEveryBadFieldAtOnce",
       .setup = [](T& t) { t.CreateCustomer("c1"); },
       .call =
           [](T& t) {
             v1::RecordPurchaseRequest req;
             req.set_purchase_id("bad id");
             v1::Purchase p = ValidPurchase("c1", 10000);
             p.mutable_items(0)->set_category("Bad Category");
             p.mutable_items(0)->set_quantity(0);
             p.set_coupon_code(std::string(65, 'C'));
             *req.mutable_purchase() = p;
             return t.Rpc(&Stub::RecordPurchase, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"purchase_id", "purchase.items[0].category",
                             "purchase.items[0].quantity",
                             "purchase.coupon_code"}},
       .table = "purchases"},
      {.name = "RecordPurchaseReportsEveryUnconvertibleFieldAtOnce",
       .call =
           [](T& t) {
             v1::RecordPurchaseRequest req;
             req.set_purchase_id("o1");
             v1::Purchase p = ValidPurchase("c1", 10000);
             p.set_customer("customer/c1");
             p.clear_partner();
             p.mutable_items(0)->mutable_amount()->set_currency_code("USD");
             p.set_campaign("campaign/1");
             *req.mutable_purchase() = p;
             return t.Rpc(&Stub::RecordPurchase, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"purchase.customer", "purchase.partner",
                             "purchase.items[0].amount.currency_code",
                             "purchase.campaign"}},
       .table = "purchases"},
      {.name = "RecordPurchaseOfAnUnknownCustomer",
       .call =
           [](T& t) {
             v1::RecordPurchaseRequest req;
             req.set_purchase_id("o1");
             *req.mutable_purchase() = ValidPurchase("ghost", 10000);
             return t.Rpc(&Stub::RecordPurchase, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCustomerNotFound,
                  .resource = "customers/ghost"},
       .table = "purchases"},
      {.name = "RecordPurchaseAgainWithOtherContent",
       .setup =
           [](T& t) {
             t.CreateCustomer("c1");
             t.RecordPurchaseOk("o1", ValidPurchase("c1", 10000));
           },
       .call =
           [](T& t) {
             v1::RecordPurchaseRequest req;
             req.set_purchase_id("o1");
             *req.mutable_purchase() = ValidPurchase("c1", 12000);
             return t.Rpc(&Stub::RecordPurchase, req);
           },
       .expect = {.code = Code::ALREADY_EXISTS,
                  .reason = reason::kPurchaseContentMismatch,
                  .metadata_resource = "purchases/o1"},
       .table = "purchases"},
      {.name = "GetPurchaseThatDoesNotExist",
       .call =
           [](T& t) {
             v1::GetPurchaseRequest req;
             req.set_name("purchases/nope");
             return t.Rpc(&Stub::GetPurchase, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kPurchaseNotFound,
                  .resource = "purchases/nope"}},
      {.name = "RefundPurchaseBeyondItsTotal",
       .setup =
           [](T& t) {
             t.CreateCustomer("c1");
             t.RecordPurchaseOk("o1", ValidPurchase("c1", 10000));
           },
       .call =
           [](T& t) {
             v1::RefundPurchaseRequest req;
             req.set_name("purchases/o1");
             req.mutable_refund()->mutable_amount()->set_amount_minor(20000);
             *req.mutable_refund()->mutable_refund_time() =
                 ToProtoTime(Start());
             return t.Rpc(&Stub::RefundPurchase, req);
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kRefundExceedsTotal,
                  .subject = "purchases/o1"},
       .table = "refunds"},
      {.name = "RefundPurchaseReportsEveryBadFieldAtOnce",
       .setup =
           [](T& t) {
             t.CreateCustomer("c1");
             t.RecordPurchaseOk("o1", ValidPurchase("c1", 10000));
           },
       .call =
           [kLongId](T& t) {
             v1::RefundPurchaseRequest req;
             req.set_name("purchases/o1");
             req.set_request_id(kLongId);
             req.mutable_refund()->set_reason(std::string(501, 'x'));
             return t.Rpc(&Stub::RefundPurchase, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"request_id", "refund.amount.amount_minor",
                             "refund.reason", "refund.refund_time"}},
       .table = "refunds"},
      {.name = "RefundPurchaseThatDoesNotExist",
       .call =
           [](T& t) {
             v1::RefundPurchaseRequest req;
             req.set_name("purchases/nope");
             req.mutable_refund()->mutable_amount()->set_amount_minor(100);
             return t.Rpc(&Stub::RefundPurchase, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kPurchaseNotFound,
                  .resource = "purchases/nope"}},

  };
}

}  // namespace partnerhub::customer_experience
