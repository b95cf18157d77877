// The campaign errors of the coupon RPCs (validate, redeem, void, codes,
// redemptions), as cases of the errors table (errors_fixture.h).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/grpc/proto_convert.h"
#include "common/grpc/status_conversion.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "services/campaign/src/domain/errors.h"
#include "services/campaign/tests/errors_fixture.h"

namespace partnerhub::campaign {

namespace common_reason = ::partnerhub::reason;

std::vector<ErrorCase> ErrorsTest::CouponCases() {
  using T = ErrorsTest;
  const std::string kCodeName = "campaigns/1/offers/1/codes/{code}";
  return {
      // ---- Coupons ----
      {.name = "ValidateCouponReportsEveryBadFieldAtOnce",
       .call =
           [](T& t) {
             v1::CouponUse use = Use("ABC", 0);
             use.set_store("");
             use.set_order_id("");
             return t.Validate(use);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"use.code", "use.store", "use.order_id",
                             "use.order_amount.amount_minor"}}},
      {.name = "ValidateCouponThatWasNeverIssued",
       .call = [](T& t) { return t.Validate(Use(UnknownCode())); },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCouponCodeNotFound,
                  .resource = UnknownCode()}},
      {.name = "ValidateCouponOfAnotherPartner",
       .setup =
           [](T& t) {
             t.RunningOffer(ValidOffer());
             t.Issue(1);
           },
       .call =
           [](T& t) {
             v1::CouponUse use = Use(t.code_);
             use.set_partner(absl::StrCat("partners/", kOtherPartner));
             return t.Validate(use);
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kCouponOfAnotherPartner,
                  .subject = "{code}"}},
      {.name = "ValidateCouponOfAPausedCampaign",
       .setup =
           [](T& t) {
             t.RunningOffer(ValidOffer());
             t.Issue(1);
             t.Transition("campaigns/1", v1::Campaign::PAUSED);
           },
       .call = [](T& t) { return t.Validate(Use(t.code_)); },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kCampaignNotRunning,
                  .subject = "campaigns/1"}},
      {.name = "ValidateCouponOutsideTheOffersWindow",
       .setup =
           [](T& t) {
             v1::Offer offer = ValidOffer();
             *offer.mutable_start_time() =
                 ToProtoTime(Start() + absl::Hours(5));
             t.RunningOffer(offer);
             t.Issue(1);
           },
       .call = [](T& t) { return t.Validate(Use(t.code_)); },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kOutsideRedemptionWindow,
                  .subject = "campaigns/1/offers/1"}},
      {.name = "ValidateCouponInAnotherCurrency",
       .setup =
           [](T& t) {
             t.RunningOffer(ValidOffer());
             t.Issue(1);
           },
       .call =
           [](T& t) {
             v1::CouponUse use = Use(t.code_);
             use.mutable_order_amount()->set_currency_code("USD");
             return t.Validate(use);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"use.order_amount.currency_code"}}},
      {.name = "ValidateCouponOfAnotherCustomer",
       .setup = [](T& t) { t.PersonalCode(); },
       .call =
           [](T& t) { return t.Validate(Use(t.code_, 20000, "customers/b")); },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kCouponOfAnotherCustomer,
                  .subject = kCodeName}},
      {.name = "ValidateCouponAlreadyRedeemed",
       .setup =
           [](T& t) {
             t.RunningOffer(ValidOffer());
             t.Issue(1);
             t.RedeemOk(Use(t.code_), "r1");
           },
       .call = [](T& t) { return t.Validate(Use(t.code_)); },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kCouponAlreadyRedeemed,
                  .subject = kCodeName}},
      {.name = "ValidateCouponBelowTheMinimumPurchase",
       .setup =
           [](T& t) {
             v1::Offer offer = ValidOffer();
             offer.mutable_min_purchase()->set_currency_code("KRW");
             offer.mutable_min_purchase()->set_amount_minor(50000);
             t.RunningOffer(offer);
             t.Issue(1);
           },
       .call = [](T& t) { return t.Validate(Use(t.code_, 20000)); },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kBelowMinimumPurchase,
                  .subject = "campaigns/1/offers/1"}},
      {.name = "ValidateCouponPastTheOffersCap",
       .setup =
           [](T& t) {
             v1::Offer offer = ValidOffer();
             offer.set_redemption_cap(1);
             t.RunningOffer(offer);
             t.Issue(2);
             t.RedeemOk(Use(t.codes_[0]), "r1");
           },
       .call = [](T& t) { return t.Validate(Use(t.codes_[1])); },
       .expect = {.code = Code::RESOURCE_EXHAUSTED,
                  .reason = reason::kRedemptionCapReached,
                  .metadata_resource = "campaigns/1/offers/1"}},
      {.name = "ValidateCouponPastTheCustomersLimit",
       .setup =
           [](T& t) {
             v1::Offer offer = ValidOffer();
             offer.set_per_customer_limit(1);
             t.RunningOffer(offer);
             t.Issue(2);
             t.RedeemOk(Use(t.codes_[0]), "r1");
           },
       .call = [](T& t) { return t.Validate(Use(t.codes_[1])); },
       .expect = {.code = Code::RESOURCE_EXHAUSTED,
                  .reason = reason::kPerCustomerLimitReached,
                  .metadata_resource = "campaigns/1/offers/1"}},
      {.name = "RedeemCouponReportsEveryBadFieldAtOnce",
       .call =
           [](T& t) {
             v1::CouponUse use = Use(UnknownCode(), 0);
             use.set_store("no spaces allowed");
             return t.RedeemAs(use, "");
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"request_id", "use.store",
                             "use.order_amount.amount_minor"}},
       .table = "redemptions"},
      {.name = "RedeemCouponBeyondTheBudget",
       .setup =
           [](T& t) {
             // 10% of 20,000 is 2,000: more than the budget.
             t.RunningOffer(ValidOffer(), /*budget_minor=*/1000);
             t.Issue(1);
           },
       .call = [](T& t) { return t.RedeemAs(Use(t.code_), "r1"); },
       .expect = {.code = Code::RESOURCE_EXHAUSTED,
                  .reason = reason::kBudgetExhausted,
                  .metadata_resource = "campaigns/1"},
       .table = "redemptions"},
      {.name = "RedeemCouponAlreadyRedeemed",
       .setup =
           [](T& t) {
             t.RunningOffer(ValidOffer());
             t.Issue(1);
             t.RedeemOk(Use(t.code_), "r1");
           },
       .call = [](T& t) { return t.RedeemAs(Use(t.code_), "r2"); },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kCouponAlreadyRedeemed,
                  .subject = kCodeName},
       .table = "redemptions"},
      {.name = "RedeemCouponReusingARequestId",
       .setup =
           [](T& t) {
             t.RunningOffer(ValidOffer());
             t.Issue(2);
             t.RedeemOk(Use(t.codes_[0]), "r1");
           },
       .call = [](T& t) { return t.RedeemAs(Use(t.codes_[1]), "r1"); },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kRequestIdReused,
                  .fields = {"request_id"}},
       .table = "redemptions"},
      {.name = "VoidRedemptionWithoutAReason",
       .call =
           [](T& t) {
             v1::VoidRedemptionRequest req;
             req.set_name("campaigns/1/redemptions/1");
             return t.Rpc(&Stub::VoidRedemption, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"reason"}}},
      {.name = "VoidRedemptionThatDoesNotExist",
       .setup = [](T& t) { t.CreateCampaign(ValidCampaign()); },
       .call =
           [](T& t) {
             v1::VoidRedemptionRequest req;
             req.set_name("campaigns/1/redemptions/9");
             req.set_reason("order refunded");
             return t.Rpc(&Stub::VoidRedemption, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kRedemptionNotFound,
                  .resource = "campaigns/1/redemptions/9"}},
      {.name = "VoidRedemptionAfterItsWindow",
       .setup =
           [](T& t) {
             t.RunningOffer(ValidOffer());
             t.Issue(1);
             t.RedeemOk(Use(t.code_), "r1");
             // The fixture's void window is 48 hours.
             t.clock_.Set(Start() + absl::Hours(2 + 49));
           },
       .call =
           [](T& t) {
             v1::VoidRedemptionRequest req;
             req.set_name("campaigns/1/redemptions/1");
             req.set_reason("order refunded");
             return t.Rpc(&Stub::VoidRedemption, req);
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kVoidWindowPassed,
                  .subject = "campaigns/1/redemptions/1"}},
      {.name = "GetRedemptionWithAMalformedName",
       .call =
           [](T& t) {
             v1::GetRedemptionRequest req;
             req.set_name("campaigns/1/redemption/1");
             return t.Rpc(&Stub::GetRedemption, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"name"}}},
      {.name = "ListRedemptionsOfAMissingCampaign",
       .call =
           [](T& t) {
             v1::ListRedemptionsRequest req;
             req.set_parent("campaigns/9");
             return t.Rpc(&Stub::ListRedemptions, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCampaignNotFound,
                  .resource = "campaigns/9"}},
  };
}

}  // namespace partnerhub::campaign
