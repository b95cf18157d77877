// The partner registry's errors of the RPCs of a partner's children
// (contacts, agreements, sales activities) as a client sees them (AIP-193),
// through the gRPC stub over a real MariaDB (errors_fixture.h).
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
#include "services/partner_registry/src/domain/errors.h"
#include "services/partner_registry/tests/errors_fixture.h"
#include "tests/harness/harness.h"

namespace partnerhub::partner_registry {
namespace {

namespace common_reason = ::partnerhub::reason;

TEST_F(ErrorsTest, ContactRpcs) {
  v1::CreateContactRequest many_bad;
  many_bad.set_parent(prospect_.name());
  many_bad.mutable_contact()->set_role(std::string(101, 'r'));
  many_bad.mutable_contact()->set_email("not-an-email");
  many_bad.mutable_contact()->set_phone("12");

  v1::CreateContactRequest of_missing;
  of_missing.set_parent("partners/999");
  of_missing.mutable_contact()->set_display_name("Nobody");
  of_missing.mutable_contact()->set_email("nobody@example.com");

  v1::GetContactRequest missing;
  missing.set_name(absl::StrCat(prospect_.name(), "/contacts/999"));

  v1::ListContactsRequest list_of_missing;
  list_of_missing.set_parent("partners/999");

  v1::UpdateContactRequest clear_primary;
  *clear_primary.mutable_contact() = contact_;
  clear_primary.mutable_contact()->set_primary(false);
  clear_primary.mutable_update_mask()->add_paths("primary");

  v1::DeleteContactRequest malformed;
  malformed.set_name(absl::StrCat(prospect_.name(), "/agreements/1"));

  Check({
      {.name = "CreateContact reports every bad field at once",
       .call = Calling(&Stub::CreateContact, many_bad),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"contact.display_name", "contact.role",
                             "contact.email", "contact.phone"}},
       .table = "contacts"},
      {.name = "CreateContact under a missing partner",
       .call = Calling(&Stub::CreateContact, of_missing),
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kPartnerNotFound,
                  .resource = "partners/999"},
       .table = "contacts"},
      {.name = "GetContact of a missing contact",
       .call = Calling(&Stub::GetContact, missing),
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kContactNotFound,
                  .resource = missing.name()}},
      {.name = "ListContacts of a missing partner",
       .call = Calling(&Stub::ListContacts, list_of_missing),
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kPartnerNotFound,
                  .resource = "partners/999"}},
      {.name = "UpdateContact clearing the primary",
       .call = Calling(&Stub::UpdateContact, clear_primary),
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kPrimaryContactCannotBeCleared,
                  .subject = contact_.name()}},
      {.name = "DeleteContact with another resource's name",
       .call = Calling(&Stub::DeleteContact, malformed),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"name"}},
       .table = "contacts"},
  });
}

TEST_F(ErrorsTest, AgreementRpcs) {
  v1::CreateAgreementRequest many_bad;
  many_bad.set_parent(prospect_.name());
  v1::Agreement* bad = many_bad.mutable_agreement();
  bad->set_commission_rate_bps(10001);
  bad->set_partner_discount_share_bps(-1);
  bad->set_settlement_cycle(v1::Agreement::WEEKLY);
  *bad->mutable_start_date() = Date(2029, 6, 1);
  *bad->mutable_end_date() = Date(2029, 5, 31);
  bad->mutable_kpi_targets()->set_repeat_purchase_rate_bps(20000);

  v1::CreateAgreementRequest unconvertible;
  unconvertible.set_parent(prospect_.name());
  *unconvertible.mutable_agreement()->mutable_start_date() = Date(2029, 2, 30);

  v1::CreateAgreementRequest overlapping;
  overlapping.set_parent(prospect_.name());
  overlapping.mutable_agreement()->set_settlement_cycle(v1::Agreement::WEEKLY);
  *overlapping.mutable_agreement()->mutable_start_date() = Date(2027, 1, 1);
  *overlapping.mutable_agreement()->mutable_end_date() = Date(2027, 1, 31);

  v1::GetAgreementRequest missing;
  missing.set_name(absl::StrCat(prospect_.name(), "/agreements/999"));

  v1::ListAgreementsRequest bad_token;
  bad_token.set_parent(prospect_.name());
  bad_token.set_page_token("bm90LWEtdG9rZW4");

  v1::UpdateAgreementRequest update_signed;
  *update_signed.mutable_agreement() = signed_;
  update_signed.mutable_agreement()->set_commission_rate_bps(1);
  update_signed.mutable_update_mask()->add_paths("commission_rate_bps");

  v1::SignAgreementRequest sign_signed;
  sign_signed.set_name(signed_.name());
  v1::DeleteAgreementRequest delete_signed;
  delete_signed.set_name(signed_.name());

  v1::TerminateAgreementRequest terminate_draft;
  terminate_draft.set_name(draft_.name());
  terminate_draft.set_reason("changed our minds");
  v1::TerminateAgreementRequest no_reason;
  no_reason.set_name(signed_.name());

  Check({
      {.name = "CreateAgreement reports every bad field at once",
       .call = Calling(&Stub::CreateAgreement, many_bad),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"agreement.commission_rate_bps",
                             "agreement.partner_discount_share_bps",
                             "agreement.end_date",
                             "agreement.kpi_targets.repeat_purchase_rate_bps"}},
       .table = "agreements"},
      {.name = "CreateAgreement with fields that do not convert",
       .call = Calling(&Stub::CreateAgreement, unconvertible),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"agreement.settlement_cycle",
                             "agreement.start_date", "agreement.end_date"}},
       .table = "agreements"},
      {.name = "CreateAgreement overlapping a signed one",
       .call = Calling(&Stub::CreateAgreement, overlapping),
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kAgreementsOverlap,
                  .subject = signed_.name()},
       .table = "agreements"},
      {.name = "GetAgreement of a missing agreement",
       .call = Calling(&Stub::GetAgreement, missing),
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kAgreementNotFound,
                  .resource = missing.name()}},
      {.name = "ListAgreements with a bad page_token",
       .call = Calling(&Stub::ListAgreements, bad_token),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidPageToken,
                  .fields = {"page_token"}}},
      {.name = "UpdateAgreement of a signed agreement",
       .call = Calling(&Stub::UpdateAgreement, update_signed),
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kAgreementNotDraft,
                  .subject = signed_.name()}},
      {.name = "SignAgreement of a signed agreement",
       .call = Calling(&Stub::SignAgreement, sign_signed),
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kAgreementNotDraft,
                  .subject = signed_.name()}},
      {.name = "DeleteAgreement of a signed agreement",
       .call = Calling(&Stub::DeleteAgreement, delete_signed),
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kAgreementNotDraft,
                  .subject = signed_.name()},
       .table = "agreements"},
      {.name = "TerminateAgreement of a draft",
       .call = Calling(&Stub::TerminateAgreement, terminate_draft),
       .expect = {.code = Code::FAILED_PRECONDITION,
                  .reason = reason::kAgreementNotSigned,
                  .subject = draft_.name()}},
      {.name = "TerminateAgreement without a reason",
       .call = Calling(&Stub::TerminateAgreement, no_reason),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"reason"}}},
  });
}

TEST_F(ErrorsTest, SalesActivityRpcs) {
  v1::CreateSalesActivityRequest many_bad;
  many_bad.set_parent(prospect_.name());
  many_bad.mutable_sales_activity()->set_type(v1::SalesActivity::CALL);
  many_bad.mutable_sales_activity()->set_next_step(std::string(501, 'n'));

  v1::CreateSalesActivityRequest foreign_contact;
  foreign_contact.set_parent(prospect_.name());
  foreign_contact.mutable_sales_activity()->set_type(v1::SalesActivity::CALL);
  foreign_contact.mutable_sales_activity()->set_owner("kim.minsu");
  foreign_contact.mutable_sales_activity()->mutable_occur_time()->set_seconds(
      1);
  foreign_contact.mutable_sales_activity()->set_contact(
      absl::StrCat(negotiating_.name(), "/contacts/1"));
  v1::CreateSalesActivityRequest unknown_contact = foreign_contact;
  unknown_contact.mutable_sales_activity()->set_contact(
      absl::StrCat(prospect_.name(), "/contacts/999"));

  v1::GetSalesActivityRequest missing;
  missing.set_name(absl::StrCat(prospect_.name(), "/salesActivities/999"));

  v1::UpdateSalesActivityRequest bad_path;
  bad_path.mutable_sales_activity()->set_name(activity_.name());
  bad_path.mutable_update_mask()->add_paths("notes");
  bad_path.mutable_update_mask()->add_paths("partner");

  v1::DeleteSalesActivityRequest stale;
  stale.set_name(activity_.name());
  stale.set_etag("99");

  Check({
      {.name = "CreateSalesActivity reports every bad field at once",
       .call = Calling(&Stub::CreateSalesActivity, many_bad),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"sales_activity.owner",
                             "sales_activity.occur_time",
                             "sales_activity.next_step"}},
       .table = "sales_activities"},
      {.name = "CreateSalesActivity with another partner's contact",
       .call = Calling(&Stub::CreateSalesActivity, foreign_contact),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"sales_activity.contact"}},
       .table = "sales_activities"},
      {.name = "CreateSalesActivity with a missing contact",
       .call = Calling(&Stub::CreateSalesActivity, unknown_contact),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"sales_activity.contact"}},
       .table = "sales_activities"},
      {.name = "GetSalesActivity of a missing activity",
       .call = Calling(&Stub::GetSalesActivity, missing),
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kSalesActivityNotFound,
                  .resource = missing.name()}},
      {.name = "UpdateSalesActivity naming a field that cannot be updated",
       .call = Calling(&Stub::UpdateSalesActivity, bad_path),
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"update_mask.paths[1]"}}},
      {.name = "DeleteSalesActivity with a stale etag",
       .call = Calling(&Stub::DeleteSalesActivity, stale),
       .expect = {.code = Code::ABORTED,
                  .reason = common_reason::kStaleEtag,
                  .metadata_resource = activity_.name()},
       .table = "sales_activities"},
  });
}

}  // namespace
}  // namespace partnerhub::partner_registry
