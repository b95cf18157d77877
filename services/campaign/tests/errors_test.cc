// The errors of the CampaignService as its clients see them (AIP-193):
// through the gRPC stub, over a real MariaDB, one case of each RPC group and
// of each reason reachable without a race, asserting the code, the
// ErrorInfo (reason, domain) and the detail the code carries.
#include "services/campaign/src/domain/errors.h"

#include <gtest/gtest.h>

#include <functional>
#include <iterator>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/grpc/proto_convert.h"
#include "common/grpc/status_conversion.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "services/campaign/src/domain/rules.h"
#include "services/campaign/tests/fixture.h"
#include "tests/harness/harness.h"

namespace partnerhub::campaign {
namespace {

namespace common_reason = ::partnerhub::reason;
using ::partnerhub::testing::ErrorMatches;
using Code = grpc::StatusCode;

constexpr absl::string_view kDomain = "campaign.partnerhub";

TEST(ErrorReasonTest, EnumListsEveryReason) {
  ::partnerhub::testing::ExpectReasonEnumMatches(
      *v1::ErrorReason_descriptor(),
      {std::begin(reason::kServiceReasons), std::end(reason::kServiceReasons)});
}

class ErrorsTest;

// One failure: how to provoke it, and what a client must see. In the
// expected names, "{code}" stands for the code the setup issued (code_).
struct ErrorCase {
  std::string name;
  // Puts the service in the state the failure needs; may be empty. Every
  // case runs on a new schema, so the first campaign is campaigns/1.
  std::function<void(ErrorsTest&)> setup = nullptr;
  // The failing call.
  std::function<grpc::Status(ErrorsTest&)> call;
  // What the client must see; an empty domain is the service's own.
  ::partnerhub::testing::ExpectedError expect;
  // A table whose row count the failed call must leave as it was.
  std::string table = "";
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class ErrorsTest : public CampaignTest,
                   public ::testing::WithParamInterface<ErrorCase> {
 public:
  static std::vector<ErrorCase> Cases();

 protected:
  template <typename Req, typename Resp>
  grpc::Status Rpc(grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                const Req&, Resp*),
                   const Req& req) {
    Resp resp;
    return Call(*stub_, method, req, &resp);
  }

  // Issues `n` bulk codes for campaigns/1/offers/1 into codes_ (code_ is
  // the first).
  void Issue(int n) {
    codes_ = IssueCodes("campaigns/1/offers/1", n);
    if (!codes_.empty()) code_ = codes_[0];
  }
  void RedeemOk(const v1::CouponUse& use, const std::string& request_id) {
    v1::Redemption r;
    grpc::Status s = Redeem(*stub_, use, request_id, &r);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }
  grpc::Status Validate(const v1::CouponUse& use) {
    v1::ValidateCouponRequest req;
    *req.mutable_use() = use;
    return Rpc(&Stub::ValidateCoupon, req);
  }
  grpc::Status RedeemAs(const v1::CouponUse& use,
                        const std::string& request_id) {
    v1::Redemption r;
    return Redeem(*stub_, use, request_id, &r);
  }
  // UpdateCampaign of campaigns/1 with `patch` and the mask `paths`.
  grpc::Status UpdateCampaign(v1::Campaign patch,
                              const std::vector<std::string>& paths) {
    v1::UpdateCampaignRequest req;
    patch.set_name("campaigns/1");
    *req.mutable_campaign() = std::move(patch);
    for (const std::string& p : paths) req.mutable_update_mask()->add_paths(p);
    return Rpc(&Stub::UpdateCampaign, req);
  }
  grpc::Status TransitionTo(v1::Campaign::State state) {
    v1::TransitionCampaignRequest req;
    req.set_name("campaigns/1");
    req.set_state(state);
    return Rpc(&Stub::TransitionCampaign, req);
  }
  grpc::Status CreateIssuance(const std::string& offer,
                              v1::CodeIssuance::Kind kind, int64_t count) {
    v1::CreateCodeIssuanceRequest req;
    req.set_parent(offer);
    req.mutable_issuance()->set_kind(kind);
    req.mutable_issuance()->set_count(count);
    return Rpc(&Stub::CreateCodeIssuance, req);
  }
  // A RUNNING campaign without holdout targeting "customers/a", and the
  // personal code issued to that customer in code_.
  void PersonalCode() {
    segment_directory_.Set("segments/fashion-20s", {"customers/a"});
    v1::Campaign c = ValidCampaign();
    c.set_holdout_bps(0);
    CreateCampaign(c);
    CreateOffer("campaigns/1", ValidOffer());
    StartCampaign("campaigns/1");
    EXPECT_TRUE(
        CreateIssuance("campaigns/1/offers/1", v1::CodeIssuance::SEGMENT, 0)
            .ok());
    RunJobs();
    v1::ListCouponCodesRequest list;
    list.set_parent("campaigns/1/offers/1/issuances/1");
    v1::ListCouponCodesResponse page;
    EXPECT_TRUE(Call(*stub_, &Stub::ListCouponCodes, list, &page).ok());
    ASSERT_EQ(page.coupon_codes_size(), 1);
    EXPECT_EQ(page.coupon_codes(0).customer(), "customers/a");
    code_ = page.coupon_codes(0).code();
  }

  std::string Expand(const std::string& expected) const {
    return absl::StrReplaceAll(expected, {{"{code}", code_}});
  }

  std::vector<std::string> codes_;
  std::string code_;
};

// A code whose check character matches, never issued.
std::string UnknownCode() {
  return absl::StrCat("ABCDEFGH", std::string(1, CheckCharacter("ABCDEFGH")));
}

std::vector<ErrorCase> ErrorsTest::Cases() {
  using T = ErrorsTest;
  const std::string kCodeName = "campaigns/1/offers/1/codes/{code}";
  return {
      // ---- Campaigns ----
      {.name = "CreateCampaignReportsEveryBadFieldAtOnce",
       .call =
           [](T& t) {
             v1::CreateCampaignRequest req;
             *req.mutable_campaign() = ValidCampaign();
             req.mutable_campaign()->clear_display_name();
             req.mutable_campaign()->mutable_budget()->set_currency_code("won");
             req.mutable_campaign()->set_holdout_bps(10001);
             req.set_request_id(std::string(65, 'r'));
             return t.Rpc(&Stub::CreateCampaign, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"request_id", "campaign.display_name",
                             "campaign.budget.currency_code",
                             "campaign.holdout_bps"}},
       .table = "campaigns"},
      {.name = "CreateCampaignReportsEveryUnconvertibleFieldAtOnce",
       .call =
           [](T& t) {
             v1::CreateCampaignRequest req;
             *req.mutable_campaign() = ValidCampaign();
             req.mutable_campaign()->set_partner("partner/3");
             req.mutable_campaign()->clear_objective();
             req.mutable_campaign()->set_channel(
                 static_cast<v1::Campaign::Channel>(42));
             return t.Rpc(&Stub::CreateCampaign, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"campaign.partner", "campaign.objective",
                             "campaign.channel"}},
       .table = "campaigns"},
      {.name = "CreateCampaignReusingARequestId",
       .setup =
           [](T& t) {
             v1::CreateCampaignRequest req;
             *req.mutable_campaign() = ValidCampaign();
             req.set_request_id("create-1");
             EXPECT_TRUE(t.Rpc(&Stub::CreateCampaign, req).ok());
           },
       .call =
           [](T& t) {
             v1::CreateCampaignRequest req;
             *req.mutable_campaign() = ValidCampaign();
             req.mutable_campaign()->set_display_name("Another one");
             req.set_request_id("create-1");
             return t.Rpc(&Stub::CreateCampaign, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kRequestIdReused,
                  .fields = {"request_id"}},
       .table = "campaigns"},
      {.name = "CreateCampaignForAnUnknownPartner",
       .call =
           [](T& t) {
             v1::CreateCampaignRequest req;
             *req.mutable_campaign() = ValidCampaign();
             req.mutable_campaign()->set_partner("partners/99");
             return t.Rpc(&Stub::CreateCampaign, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kPartnerNotFound,
                  .resource = "partners/99"},
       .table = "campaigns"},
      // partner-registry's own NOT_FOUND: campaign decides, in its domain.
      {.name = "CreateCampaignForAPartnerTheRegistryDoesNotKnow",
       .setup =
           [](T& t) {
             t.partner_directory_.SetAnswer(
                 ToGrpcStatus(NotFound("PARTNER_NOT_FOUND",
                                       "partnerhub.partner_registry.v1.Partner",
                                       "partners/3"),
                              "partner-registry.partnerhub"));
           },
       .call =
           [](T& t) {
             v1::CreateCampaignRequest req;
             *req.mutable_campaign() = ValidCampaign();
             return t.Rpc(&Stub::CreateCampaign, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kPartnerNotFound,
                  .resource = "partners/3"},
       .table = "campaigns"},
      // An answer of partner-registry passed on keeps its details.
      {.name = "CreateCampaignPassesOnPartnerRegistrysError",
       .setup =
           [](T& t) {
             t.partner_directory_.SetAnswer(ToGrpcStatus(
                 ErrorWithReason(absl::StatusCode::kPermissionDenied,
                                 common_reason::kPermissionDenied,
                                 "campaign may not read partners"),
                 "partner-registry.partnerhub"));
           },
       .call =
           [](T& t) {
             v1::CreateCampaignRequest req;
             *req.mutable_campaign() = ValidCampaign();
             return t.Rpc(&Stub::CreateCampaign, req);
           },
       .expect = {.code = Code::PERMISSION_DENIED,
                  .reason = common_reason::kPermissionDenied,
                  .domain = "partner-registry.partnerhub"},
       .table = "campaigns"},
      {.name = "CreateCampaignForAPartnerNotUnderContract",
       .setup =
           [](T& t) {
             t.partner_directory_.Set(5, "NEGOTIATING", std::nullopt);
           },
       .call =
           [](T& t) {
             v1::CreateCampaignRequest req;
             *req.mutable_campaign() = ValidCampaign();
             req.mutable_campaign()->set_partner("partners/5");
             return t.Rpc(&Stub::CreateCampaign, req);
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kPartnerNotEligible,
                  .subject = "partners/5"},
       .table = "campaigns"},
      {.name = "CreateCampaignWhilePartnerRegistryIsDown",
       .setup = [](T& t) { t.partner_directory_.SetDown(true); },
       .call =
           [](T& t) {
             v1::CreateCampaignRequest req;
             *req.mutable_campaign() = ValidCampaign();
             return t.Rpc(&Stub::CreateCampaign, req);
           },
       .expect = {.code = Code::UNAVAILABLE,
                  .reason = common_reason::kDependencyUnavailable,
                  .retry = true},
       .table = "campaigns"},
      {.name = "GetCampaignWithAMalformedName",
       .call =
           [](T& t) {
             v1::GetCampaignRequest req;
             req.set_name("campaign/1");
             return t.Rpc(&Stub::GetCampaign, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"name"}}},
      {.name = "GetCampaignThatDoesNotExist",
       .call =
           [](T& t) {
             v1::GetCampaignRequest req;
             req.set_name("campaigns/9");
             return t.Rpc(&Stub::GetCampaign, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCampaignNotFound,
                  .resource = "campaigns/9"}},
      {.name = "ListCampaignsWithAForeignPageToken",
       .call =
           [](T& t) {
             v1::ListCampaignsRequest req;
             req.set_page_token("not-a-token");
             return t.Rpc(&Stub::ListCampaigns, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidPageToken,
                  .fields = {"page_token"}}},
      {.name = "UpdateCampaignWithAStaleEtag",
       .setup = [](T& t) { t.CreateCampaign(ValidCampaign()); },
       .call =
           [](T& t) {
             v1::Campaign patch = ValidCampaign();
             patch.set_etag("7");
             return t.UpdateCampaign(patch, {"display_name"});
           },
       .expect = {.code = Code::ABORTED,
                  .reason = common_reason::kStaleEtag,
                  .metadata_resource = "campaigns/1"}},
      {.name = "UpdateCampaignWithoutAMask",
       .setup = [](T& t) { t.CreateCampaign(ValidCampaign()); },
       .call = [](T& t) { return t.UpdateCampaign(ValidCampaign(), {}); },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"update_mask"}}},
      {.name = "UpdateCampaignReportsEveryPathItCannotUpdate",
       .setup = [](T& t) { t.CreateCampaign(ValidCampaign()); },
       .call =
           [](T& t) {
             return t.UpdateCampaign(ValidCampaign(),
                                     {"display_name", "state", "spent"});
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"update_mask.paths[1]", "update_mask.paths[2]"}}},
      {.name = "UpdateCampaignFieldFixedOnceStarted",
       .setup = [](T& t) { t.RunningOffer(ValidOffer()); },
       .call =
           [](T& t) {
             return t.UpdateCampaign(ValidCampaign(), {"objective"});
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kFieldFixedOnceStarted,
                  .subject = "campaigns/1"}},
      {.name = "UpdateCampaignTargetingAfterPersonalCodes",
       .setup =
           [](T& t) {
             t.segment_directory_.Set("segments/fashion-20s", {"customers/a"});
             t.CreateCampaign(ValidCampaign());
             t.CreateOffer("campaigns/1", ValidOffer());
             EXPECT_TRUE(t.CreateIssuance("campaigns/1/offers/1",
                                          v1::CodeIssuance::SEGMENT, 0)
                             .ok());
             t.RunJobs();
           },
       .call =
           [](T& t) {
             return t.UpdateCampaign(ValidCampaign(), {"holdout_bps"});
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kTargetingFixed,
                  .subject = "campaigns/1"}},
      {.name = "UpdateCampaignEndTimeIntoThePast",
       .setup = [](T& t) { t.RunningOffer(ValidOffer()); },
       .call =
           [](T& t) {
             v1::Campaign patch = ValidCampaign();
             *patch.mutable_end_time() =
                 ToProtoTime(Start() + absl::Minutes(90));
             return t.UpdateCampaign(patch, {"end_time"});
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kEndTimeInPast,
                  .subject = "campaigns/1"}},
      {.name = "UpdateCampaignBudgetBelowSpent",
       .setup =
           [](T& t) {
             t.RunningOffer(ValidOffer());
             t.Issue(1);
             t.RedeemOk(Use(t.code_), "r1");
           },
       .call =
           [](T& t) {
             v1::Campaign patch = ValidCampaign();
             patch.mutable_budget()->set_amount_minor(1);
             return t.UpdateCampaign(patch, {"budget"});
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kBudgetBelowSpent,
                  .subject = "campaigns/1"}},
      {.name = "UpdateCampaignThatIsClosed",
       .setup =
           [](T& t) {
             t.CreateCampaign(ValidCampaign());
             t.Transition("campaigns/1", v1::Campaign::CANCELLED);
           },
       .call =
           [](T& t) {
             return t.UpdateCampaign(ValidCampaign(), {"display_name"});
           },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kCampaignClosed,
                  .subject = "campaigns/1"}},
      {.name = "TransitionCampaignWithoutAState",
       .call =
           [](T& t) { return t.TransitionTo(v1::Campaign::STATE_UNSPECIFIED); },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"state"}}},
      {.name = "TransitionCampaignNotAllowed",
       .setup = [](T& t) { t.CreateCampaign(ValidCampaign()); },
       .call = [](T& t) { return t.TransitionTo(v1::Campaign::RUNNING); },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kTransitionNotAllowed,
                  .subject = "campaigns/1"}},
      {.name = "TransitionCampaignWithoutAnOffer",
       .setup = [](T& t) { t.CreateCampaign(ValidCampaign()); },
       .call = [](T& t) { return t.TransitionTo(v1::Campaign::SCHEDULED); },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kCampaignHasNoOffer,
                  .subject = "campaigns/1"}},
      {.name = "TransitionCampaignBeforeItsWindow",
       .setup =
           [](T& t) {
             t.CreateCampaign(ValidCampaign());
             t.CreateOffer("campaigns/1", ValidOffer());
             t.Transition("campaigns/1", v1::Campaign::SCHEDULED);
           },
       .call = [](T& t) { return t.TransitionTo(v1::Campaign::RUNNING); },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kOutsideCampaignWindow,
                  .subject = "campaigns/1"}},
      {.name = "TransitionCampaignWithoutAnAgreementInForce",
       .setup =
           [](T& t) {
             t.CreateCampaign(ValidCampaign());
             t.CreateOffer("campaigns/1", ValidOffer());
             t.Transition("campaigns/1", v1::Campaign::SCHEDULED);
             t.clock_.Set(Start() + absl::Hours(2));
             t.partner_directory_.Set(kPartner, "ACTIVE", std::nullopt);
           },
       .call = [](T& t) { return t.TransitionTo(v1::Campaign::RUNNING); },
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kNoAgreementInForce,
                  .subject = "partners/3"}},

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

TEST_P(ErrorsTest, CarriesTheDetailsOfItsCode) {
  const ErrorCase& c = GetParam();
  if (c.setup) c.setup(*this);
  ASSERT_FALSE(HasFailure()) << "the setup failed";
  const std::string count =
      c.table.empty() ? "" : absl::StrCat("SELECT COUNT(*) FROM ", c.table);
  const int64_t rows_before = count.empty() ? 0 : QueryInt(count);

  const grpc::Status s = c.call(*this);
  ::partnerhub::testing::ExpectedError expected = c.expect;
  if (expected.domain.empty()) expected.domain = std::string(kDomain);
  for (std::string* name :
       {&expected.resource, &expected.subject, &expected.metadata_resource}) {
    *name = Expand(*name);
  }
  EXPECT_TRUE(ErrorMatches(s, expected));

  if (!count.empty()) {
    EXPECT_EQ(QueryInt(count), rows_before) << "the failed call wrote rows";
  }
}

INSTANTIATE_TEST_SUITE_P(Campaign, ErrorsTest,
                         ::testing::ValuesIn(ErrorsTest::Cases()),
                         [](const ::testing::TestParamInfo<ErrorCase>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace partnerhub::campaign
