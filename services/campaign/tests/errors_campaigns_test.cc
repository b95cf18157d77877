// The campaign errors of the campaign RPCs (Create, Get, List, Update,
// Transition, Delete), as cases of the errors table (errors_fixture.h).
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

std::vector<ErrorCase> ErrorsTest::CampaignCases() {
  using T = ErrorsTest;
  return {
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

  };
}

}  // namespace partnerhub::campaign
