// The CustomerExperience service through gRPC, in-process, over a real
// MariaDB schema: purchases and refunds moving the funnel, the funnel per
// partner and its counts.
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

TEST_F(CxTest, PurchasesMoveTheFunnelAndRefundsAreBounded) {
  CreateCustomer("buyer");
  v1::Purchase first, second, again;
  ASSERT_TRUE(CALL(stub_, RecordPurchase,
                   PurchaseRequest("o-1", "buyer", 5, 30000, 60), &first)
                  .ok());
  EXPECT_EQ(first.name(), "purchases/o-1");
  ASSERT_TRUE(CALL(stub_, RecordPurchase,
                   PurchaseRequest("o-2", "buyer", 5, 50000, 30), &second)
                  .ok());
  // Same order, same content: the stored one. Other content: ALREADY_EXISTS.
  ASSERT_TRUE(CALL(stub_, RecordPurchase,
                   PurchaseRequest("o-1", "buyer", 5, 30000, 60), &again)
                  .ok());
  EXPECT_EQ(again.create_time().seconds(), first.create_time().seconds());
  EXPECT_EQ(CALL(stub_, RecordPurchase,
                 PurchaseRequest("o-1", "buyer", 5, 31000, 60), &again)
                .error_code(),
            grpc::ALREADY_EXISTS);
  EXPECT_EQ(RowCount("purchases"), 2);

  v1::GetTouchpointRequest get;
  get.set_name("customers/buyer/touchpoints/purchase:o-2");
  v1::Touchpoint t;
  ASSERT_TRUE(CALL(stub_, GetTouchpoint, get, &t).ok());
  EXPECT_EQ(t.type(), Touchpoint::REPEAT_PURCHASE);
  EXPECT_EQ(t.purchase(), "purchases/o-2");

  v1::GetCustomerFunnelRequest funnel_req;
  funnel_req.set_name("customers/buyer/funnel");
  v1::CustomerFunnel funnel;
  ASSERT_TRUE(CALL(stub_, GetCustomerFunnel, funnel_req, &funnel).ok());
  EXPECT_EQ(funnel.overall().stage(), v1::FunnelProgress::REPEAT);
  ASSERT_EQ(funnel.partners_size(), 1);
  EXPECT_EQ(funnel.partners(0).partner(), "partners/5");
  EXPECT_EQ(funnel.partners(0).stage(), v1::FunnelProgress::REPEAT);

  v1::RefundPurchaseRequest refund;
  refund.set_name("purchases/o-1");
  refund.mutable_refund()->mutable_amount()->set_amount_minor(20000);
  refund.mutable_refund()->set_reason("size");
  *refund.mutable_refund()->mutable_refund_time() = ToProtoTime(Start());
  refund.set_request_id("refund-1");
  v1::Purchase refunded;
  ASSERT_TRUE(CALL(stub_, RefundPurchase, refund, &refunded).ok());
  EXPECT_EQ(refunded.refunded_total().amount_minor(), 20000);
  ASSERT_TRUE(CALL(stub_, RefundPurchase, refund, &refunded).ok());  // a retry
  EXPECT_EQ(refunded.refunds_size(), 1);
  refund.set_request_id("refund-2");
  refund.mutable_refund()->mutable_amount()->set_amount_minor(10001);
  EXPECT_EQ(CALL(stub_, RefundPurchase, refund, &refunded).error_code(),
            grpc::FAILED_PRECONDITION);
  refund.mutable_refund()->mutable_amount()->set_amount_minor(10000);
  ASSERT_TRUE(CALL(stub_, RefundPurchase, refund, &refunded).ok());
  EXPECT_EQ(refunded.refunded_total().amount_minor(), 30000);
  EXPECT_EQ(QueryInt(absl::StrCat("SELECT SUM(fully_refunded) FROM ", schema_,
                                  ".purchase_items")),
            1);

  v1::ListPurchasesRequest list;
  list.set_parent("customers/buyer");
  v1::ListPurchasesResponse purchases;
  ASSERT_TRUE(CALL(stub_, ListPurchases, list, &purchases).ok());
  ASSERT_EQ(purchases.purchases_size(), 2);
  EXPECT_EQ(purchases.purchases(0).name(), "purchases/o-2");
  EXPECT_EQ(purchases.purchases(1).refunds_size(), 2);

  v1::RecordPurchaseRequest bad = PurchaseRequest("o-3", "buyer", 5, 100, 1);
  bad.mutable_purchase()->mutable_total()->set_amount_minor(99);
  grpc::Status s = CALL(stub_, RecordPurchase, bad, &again);
  EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StartsWith(s.error_message(), "purchase.total"))
      << s.error_message();
  EXPECT_EQ(CALL(stub_, RecordPurchase,
                 PurchaseRequest("o-4", "nobody", 5, 100, 1), &again)
                .error_code(),
            grpc::NOT_FOUND);
}

TEST_F(CxTest, FunnelPerPartnerAndCounts) {
  CreateCustomer("f1");
  CreateCustomer("f2");
  v1::BatchRecordTouchpointsRequest req;
  *req.add_touchpoints() =
      MakeTouchpoint("f1", "1", Touchpoint::AD_IMPRESSION, 300, 1, 21);
  *req.add_touchpoints() =
      MakeTouchpoint("f1", "2", Touchpoint::PAGE_VIEW, 200, 1, 21);
  *req.add_touchpoints() =
      MakeTouchpoint("f1", "3", Touchpoint::ADD_TO_CART, 100, 2);
  *req.add_touchpoints() =
      MakeTouchpoint("f2", "1", Touchpoint::SEARCH, 50, 1, 21);
  *req.add_touchpoints() = MakeTouchpoint("f2", "2", Touchpoint::REVIEW, 40, 1);
  *req.add_touchpoints() =
      MakeTouchpoint("f2", "3", Touchpoint::AD_IMPRESSION, 5000, 1);
  v1::BatchRecordTouchpointsResponse batch;
  ASSERT_TRUE(CALL(stub_, BatchRecordTouchpoints, req, &batch).ok());
  ASSERT_EQ(batch.recorded_count(), 6);

  v1::GetCustomerFunnelRequest get;
  get.set_name("customers/f1/funnel");
  v1::CustomerFunnel f;
  ASSERT_TRUE(CALL(stub_, GetCustomerFunnel, get, &f).ok());
  EXPECT_EQ(f.overall().stage(), v1::FunnelProgress::CONSIDERING);
  ASSERT_EQ(f.overall().stages_reached_size(), 3);
  EXPECT_EQ(f.overall().stages_reached(0).reach_time().seconds(),
            absl::ToUnixSeconds(Start() - absl::Minutes(300)));
  ASSERT_EQ(f.partners_size(), 2);
  EXPECT_EQ(f.partners(0).stage(), v1::FunnelProgress::INTERESTED);
  EXPECT_EQ(f.partners(1).stage(), v1::FunnelProgress::CONSIDERING);

  v1::GetFunnelCountsRequest counts_req;
  counts_req.set_partner("partners/1");
  *counts_req.mutable_start_time() = ToProtoTime(Start() - absl::Hours(24));
  *counts_req.mutable_end_time() = ToProtoTime(Start());
  v1::FunnelCounts counts;
  ASSERT_TRUE(CALL(stub_, GetFunnelCounts, counts_req, &counts).ok());
  ASSERT_EQ(counts.stage_counts_size(), 6);
  EXPECT_EQ(counts.stage_counts(0).customers(), 1);  // f2's impression is older
  EXPECT_EQ(counts.stage_counts(1).customers(), 2);
  EXPECT_EQ(counts.stage_counts(5).customers(), 1);
  counts_req.set_campaign("campaigns/21");
  ASSERT_TRUE(CALL(stub_, GetFunnelCounts, counts_req, &counts).ok());
  EXPECT_EQ(counts.stage_counts(1).customers(), 2);
  EXPECT_EQ(counts.stage_counts(5).customers(), 0);
  counts_req.clear_partner();
  counts_req.clear_campaign();
  EXPECT_EQ(CALL(stub_, GetFunnelCounts, counts_req, &counts).error_code(),
            grpc::INVALID_ARGUMENT);
}
}  // namespace
}  // namespace partnerhub::customer_experience
