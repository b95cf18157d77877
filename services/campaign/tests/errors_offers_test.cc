// The campaign errors of the offer and code issuance RPCs, as cases of the
// errors table (errors_fixture.h).
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

std::vector<ErrorCase> ErrorsTest::OfferAndIssuanceCases() {
  using T = ErrorsTest;
  return {
      // ---- Offers ----
      {.name = "CreateOfferReportsEveryBadFieldAtOnce",
       .setup = [](T& t) { t.CreateCampaign(ValidCampaign()); },
       .call =
           [](T& t) {
             v1::CreateOfferRequest req;
             req.set_parent("campaigns/1");
             v1::Offer& o = *req.mutable_offer();
             o.mutable_percent_off()->set_percent_bps(0);
             o.set_redemption_cap(-1);
             o.set_per_customer_limit(-1);
             return t.Rpc(&Stub::CreateOffer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"offer.display_name",
                             "offer.percent_off.percent_bps",
                             "offer.redemption_cap",
                             "offer.per_customer_limit"}},
       .table = "offers"},
      {.name = "CreateOfferWithMixedCurrencies",
       .setup = [](T& t) { t.CreateCampaign(ValidCampaign()); },
       .call =
           [](T& t) {
             v1::CreateOfferRequest req;
             req.set_parent("campaigns/1");
             v1::Offer& o = *req.mutable_offer();
             o.set_display_name("1,000 won off");
             o.mutable_amount_off()->set_currency_code("KRW");
             o.mutable_amount_off()->set_amount_minor(1000);
             o.mutable_min_purchase()->set_currency_code("USD");
             o.mutable_min_purchase()->set_amount_minor(5000);
             return t.Rpc(&Stub::CreateOffer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"offer.min_purchase.currency_code"}},
       .table = "offers"},
      {.name = "CreateOfferUnderAMissingCampaign",
       .call =
           [](T& t) {
             v1::CreateOfferRequest req;
             req.set_parent("campaigns/9");
             *req.mutable_offer() = ValidOffer();
             return t.Rpc(&Stub::CreateOffer, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCampaignNotFound,
                  .resource = "campaigns/9"}},
      {.name = "CreateOfferOnARunningCampaign",
       .setup = [](T& t) { t.RunningOffer(ValidOffer()); },
       .call =
           [](T& t) {
             v1::CreateOfferRequest req;
             req.set_parent("campaigns/1");
             *req.mutable_offer() = ValidOffer();
             return t.Rpc(&Stub::CreateOffer, req);
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kOffersNotEditable,
                  .subject = "campaigns/1"},
       .table = "offers"},
      {.name = "GetOfferThatDoesNotExist",
       .setup = [](T& t) { t.CreateCampaign(ValidCampaign()); },
       .call =
           [](T& t) {
             v1::GetOfferRequest req;
             req.set_name("campaigns/1/offers/9");
             return t.Rpc(&Stub::GetOffer, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kOfferNotFound,
                  .resource = "campaigns/1/offers/9"}},
      {.name = "ListOffersWithANegativePageSize",
       .call =
           [](T& t) {
             v1::ListOffersRequest req;
             req.set_parent("campaigns/1");
             req.set_page_size(-1);
             return t.Rpc(&Stub::ListOffers, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"page_size"}}},
      {.name = "UpdateOfferNamingAnUnsetDiscount",
       .call =
           [](T& t) {
             v1::UpdateOfferRequest req;
             req.mutable_offer()->set_name("campaigns/1/offers/1");
             req.mutable_update_mask()->add_paths("amount_off");
             return t.Rpc(&Stub::UpdateOffer, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"offer.amount_off"}}},

      // ---- Code issuances ----
      {.name = "CreateCodeIssuanceReportsEveryBadFieldAtOnce",
       .setup =
           [](T& t) {
             t.CreateCampaign(ValidCampaign());
             t.CreateOffer("campaigns/1", ValidOffer());
           },
       .call =
           [](T& t) {
             v1::CreateCodeIssuanceRequest req;
             req.set_parent("campaigns/1/offers/1");
             req.set_request_id("has a space");
             req.mutable_issuance()->set_kind(v1::CodeIssuance::BULK);
             req.mutable_issuance()->set_count(0);
             req.mutable_issuance()->mutable_format()->set_prefix("O0");
             req.mutable_issuance()->mutable_format()->set_length(3);
             return t.Rpc(&Stub::CreateCodeIssuance, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"request_id", "issuance.count",
                             "issuance.format.prefix",
                             "issuance.format.length"}},
       .table = "code_issuances"},
      {.name = "CreateCodeIssuanceForAMissingOffer",
       .setup = [](T& t) { t.CreateCampaign(ValidCampaign()); },
       .call =
           [](T& t) {
             return t.CreateIssuance("campaigns/1/offers/9",
                                     v1::CodeIssuance::BULK, 10);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kOfferNotFound,
                  .resource = "campaigns/1/offers/9"}},
      {.name = "CreateCodeIssuanceWithoutASegment",
       .setup =
           [](T& t) {
             v1::Campaign c = ValidCampaign();
             c.clear_segment();
             t.CreateCampaign(c);
             t.CreateOffer("campaigns/1", ValidOffer());
           },
       .call =
           [](T& t) {
             return t.CreateIssuance("campaigns/1/offers/1",
                                     v1::CodeIssuance::SEGMENT, 0);
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kCampaignHasNoSegment,
                  .subject = "campaigns/1"},
       .table = "code_issuances"},
      {.name = "CreateCodeIssuanceForAClosedCampaign",
       .setup =
           [](T& t) {
             t.CreateCampaign(ValidCampaign());
             t.CreateOffer("campaigns/1", ValidOffer());
             t.Transition("campaigns/1", v1::Campaign::CANCELLED);
           },
       .call =
           [](T& t) {
             return t.CreateIssuance("campaigns/1/offers/1",
                                     v1::CodeIssuance::BULK, 10);
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kCampaignClosed,
                  .subject = "campaigns/1"},
       .table = "code_issuances"},
      {.name = "GetCodeIssuanceThatDoesNotExist",
       .setup =
           [](T& t) {
             t.CreateCampaign(ValidCampaign());
             t.CreateOffer("campaigns/1", ValidOffer());
           },
       .call =
           [](T& t) {
             v1::GetCodeIssuanceRequest req;
             req.set_name("campaigns/1/offers/1/issuances/9");
             return t.Rpc(&Stub::GetCodeIssuance, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCodeIssuanceNotFound,
                  .resource = "campaigns/1/offers/1/issuances/9"}},
      // The issuance exists, under another campaign's name.
      {.name = "GetCodeIssuanceUnderTheWrongCampaign",
       .setup =
           [](T& t) {
             t.CreateCampaign(ValidCampaign());
             t.CreateOffer("campaigns/1", ValidOffer());
             EXPECT_TRUE(t.CreateIssuance("campaigns/1/offers/1",
                                          v1::CodeIssuance::BULK, 10)
                             .ok());
           },
       .call =
           [](T& t) {
             v1::GetCodeIssuanceRequest req;
             req.set_name("campaigns/2/offers/1/issuances/1");
             return t.Rpc(&Stub::GetCodeIssuance, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCodeIssuanceNotFound,
                  .resource = "campaigns/2/offers/1/issuances/1"}},
      {.name = "ListCouponCodesWithAMalformedParent",
       .call =
           [](T& t) {
             v1::ListCouponCodesRequest req;
             req.set_parent("campaigns/1/offers/1");
             return t.Rpc(&Stub::ListCouponCodes, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"parent"}}},

  };
}

}  // namespace partnerhub::campaign
