// The partner registry's errors as a client sees them (AIP-193): through
// the gRPC stub, over a real MariaDB, each failure carries its reason, the
// service's domain, and the details of its code. Here: every reason is a
// value of ErrorReason, and the partner RPCs' failures; those of the RPCs
// of a partner's children in errors_children_test.cc.
#include "services/partner_registry/src/domain/errors.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "services/partner_registry/tests/errors_fixture.h"
#include "tests/harness/harness.h"

namespace partnerhub::partner_registry {
namespace {

namespace common_reason = ::partnerhub::reason;

using ::partnerhub::testing::ExpectReasonEnumMatches;

TEST(ErrorReasonTest, EnumListsEveryReason) {
  ExpectReasonEnumMatches(
      *v1::ErrorReason_descriptor(),
      {std::begin(reason::kServiceReasons), std::end(reason::kServiceReasons)});
}
TEST_F(ErrorsTest, PartnerRpcs) {
  v1::CreatePartnerRequest many_bad;
  *many_bad.mutable_partner() = ValidPartner(10);
  many_bad.set_request_id("has space");
  many_bad.mutable_partner()->clear_display_name();
  many_bad.mutable_partner()->set_legal_name("bell\a");
  many_bad.mutable_partner()->set_business_registration_number("abc");
  many_bad.mutable_partner()->set_account_manager("Kim!");

  v1::CreatePartnerRequest no_enums;
  *no_enums.mutable_partner() = ValidPartner(11);
  no_enums.mutable_partner()->clear_category();
  no_enums.mutable_partner()->set_tier(static_cast<v1::Partner::Tier>(42));

  v1::CreatePartnerRequest duplicate;
  *duplicate.mutable_partner() = ValidPartner(1);
  duplicate.mutable_partner()->set_display_name("Someone else");

  v1::CreatePartnerRequest reused;
  *reused.mutable_partner() = ValidPartner(12);
  reused.set_request_id("errors-test-1");

  v1::GetPartnerRequest malformed;
  malformed.set_name("partner/1");
  v1::GetPartnerRequest missing;
  missing.set_name("partners/424242");

  v1::ListPartnersRequest bad_filter;
  bad_filter.set_filter("color = RED");
  v1::ListPartnersRequest bad_token;
  bad_token.set_page_token("not-a-token");

  v1::UpdatePartnerRequest bad_paths;
  bad_paths.mutable_partner()->set_name(prospect_.name());
  for (const char* path :
       {"state", "display_name", "business_registration_number"}) {
    bad_paths.mutable_update_mask()->add_paths(path);
  }
  v1::UpdatePartnerRequest no_mask;
  no_mask.mutable_partner()->set_name(prospect_.name());
  v1::UpdatePartnerRequest bad_values;
  bad_values.mutable_partner()->set_name(prospect_.name());
  bad_values.mutable_partner()->set_account_manager("Kim Minsu");
  bad_values.mutable_update_mask()->add_paths("display_name");
  bad_values.mutable_update_mask()->add_paths("account_manager");
  v1::UpdatePartnerRequest stale;
  stale.mutable_partner()->set_name(prospect_.name());
  stale.mutable_partner()->set_needs("new needs");
  stale.mutable_partner()->set_etag("99");
  stale.mutable_update_mask()->add_paths("needs");

  v1::DeletePartnerRequest delete_negotiating;
  delete_negotiating.set_name(negotiating_.name());
  v1::DeletePartnerRequest delete_with_agreements;
  delete_with_agreements.set_name(prospect_.name());

  v1::TransitionPartnerRequest not_allowed;
  not_allowed.set_name(negotiating_.name());
  not_allowed.set_state(v1::Partner::ACTIVE);
  not_allowed.set_reason("go live");
  v1::TransitionPartnerRequest no_agreement;
  no_agreement.set_name(contracted_.name());
  no_agreement.set_state(v1::Partner::ACTIVE);
  no_agreement.set_reason("go live");
  v1::TransitionPartnerRequest no_state;
  no_state.set_name(prospect_.name());
  no_state.set_reason("somewhere");

  v1::ListPartnerStateChangesRequest history_of_missing;
  history_of_missing.set_parent("partners/424242");
  v1::ListPartnerStateChangesRequest negative_page;
  negative_page.set_parent(prospect_.name());
  negative_page.set_page_size(-1);

  Check({
      {.name = "CreatePartner reports every bad field at once",
       .call = Calling(&Stub::CreatePartner, many_bad),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"request_id", "partner.display_name",
                             "partner.legal_name",
                             "partner.business_registration_number",
                             "partner.account_manager"}},
       .table = "partners"},
      {.name = "CreatePartner with bad enums",
       .call = Calling(&Stub::CreatePartner, no_enums),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"partner.category", "partner.tier"}},
       .table = "partners"},
      {.name = "CreatePartner with a registered number",
       .call = Calling(&Stub::CreatePartner, duplicate),
       .expect = {.code = Code::ALREADY_EXISTS,
                  .reason = reason::kPartnerAlreadyExists,
                  .metadata_resource = prospect_.name()},
       .table = "partners"},
      {.name = "CreatePartner reusing a request_id",
       .call = Calling(&Stub::CreatePartner, reused),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kRequestIdReused,
                  .fields = {"request_id"}},
       .table = "partners"},
      {.name = "GetPartner with a malformed name",
       .call = Calling(&Stub::GetPartner, malformed),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"name"}}},
      {.name = "GetPartner of a missing partner",
       .call = Calling(&Stub::GetPartner, missing),
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kPartnerNotFound,
                  .resource = "partners/424242"}},
      {.name = "ListPartners with an unknown filter field",
       .call = Calling(&Stub::ListPartners, bad_filter),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"filter"}}},
      {.name = "ListPartners with a bad page_token",
       .call = Calling(&Stub::ListPartners, bad_token),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidPageToken,
                  .fields = {"page_token"}}},
      {.name = "UpdatePartner naming fields that cannot be updated",
       .call = Calling(&Stub::UpdatePartner, bad_paths),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"update_mask.paths[0]", "update_mask.paths[2]"}}},
      {.name = "UpdatePartner without a mask",
       .call = Calling(&Stub::UpdatePartner, no_mask),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"update_mask"}}},
      {.name = "UpdatePartner to several bad values",
       .call = Calling(&Stub::UpdatePartner, bad_values),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"partner.display_name",
                             "partner.account_manager"}}},
      {.name = "UpdatePartner with a stale etag",
       .call = Calling(&Stub::UpdatePartner, stale),
       .expect = {.code = Code::ABORTED,
                  .reason = common_reason::kStaleEtag,
                  .metadata_resource = prospect_.name()}},
      {.name = "DeletePartner of a partner past PROSPECT",
       .call = Calling(&Stub::DeletePartner, delete_negotiating),
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kPartnerNotProspect,
                  .subject = negotiating_.name()},
       .table = "partners"},
      {.name = "DeletePartner of a partner with agreements",
       .call = Calling(&Stub::DeletePartner, delete_with_agreements),
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kPartnerHasAgreements,
                  .subject = prospect_.name()},
       .table = "partners"},
      {.name = "TransitionPartner by a move the lifecycle forbids",
       .call = Calling(&Stub::TransitionPartner, not_allowed),
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kTransitionNotAllowed,
                  .subject = negotiating_.name()},
       .table = "partner_state_changes"},
      {.name = "TransitionPartner to ACTIVE without an agreement in force",
       .call = Calling(&Stub::TransitionPartner, no_agreement),
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kNoAgreementInForce,
                  .subject = contracted_.name()},
       .table = "partner_state_changes"},
      {.name = "TransitionPartner without a state",
       .call = Calling(&Stub::TransitionPartner, no_state),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"state"}}},
      {.name = "ListPartnerStateChanges of a missing partner",
       .call = Calling(&Stub::ListPartnerStateChanges, history_of_missing),
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kPartnerNotFound,
                  .resource = "partners/424242"}},
      {.name = "ListPartnerStateChanges with a negative page_size",
       .call = Calling(&Stub::ListPartnerStateChanges, negative_page),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"page_size"}}},
  });

  // The rejected update wrote nothing.
  v1::GetPartnerRequest get;
  get.set_name(prospect_.name());
  v1::Partner now;
  ASSERT_TRUE(Run(&Stub::GetPartner, get, &now));
  EXPECT_EQ(now.etag(), prospect_.etag());
  EXPECT_EQ(now.display_name(), prospect_.display_name());
}

}  // namespace
}  // namespace partnerhub::partner_registry
