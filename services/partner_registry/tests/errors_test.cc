// The partner registry's errors as a client sees them (AIP-193): through
// the gRPC stub, over a real MariaDB, each failure carries its reason, the
// service's domain, and the details of its code.
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
#include "services/partner_registry/tests/fixture.h"
#include "tests/harness/harness.h"

namespace partnerhub::partner_registry {
namespace {

using ::partnerhub::testing::ErrorMatches;
using ::partnerhub::testing::ExpectReasonEnumMatches;
using Stub = v1::PartnerRegistryService::Stub;
namespace common_reason = ::partnerhub::reason;

constexpr absl::string_view kDomain = "partner-registry.partnerhub";

TEST(ErrorReasonTest, EnumListsEveryReason) {
  ExpectReasonEnumMatches(
      *v1::ErrorReason_descriptor(),
      {std::begin(reason::kServiceReasons), std::end(reason::kServiceReasons)});
}

// Calls `method` with `req` on a fresh context; the response is dropped.
template <typename Req, typename Resp>
grpc::Status Call(Stub& stub,
                  grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&,
                                               Resp*),
                  const Req& req) {
  grpc::ClientContext ctx;
  Resp resp;
  return (stub.*method)(&ctx, req, &resp);
}

partnerhub::type::v1::Date Date(int year, int month, int day) {
  partnerhub::type::v1::Date d;
  d.set_year(year);
  d.set_month(month);
  d.set_day(day);
  return d;
}

// One failure: the call, and what its error must carry.
struct Case {
  std::string name;
  std::function<grpc::Status()> call;
  // What the client must see; an empty domain is the service's own.
  ::partnerhub::testing::ExpectedError expect;
  // A table whose row count the failure must not change.
  std::string table = {};
};

class ErrorsTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    if (HasFatalFailure()) return;
    prospect_ = CreatePartner(1);     // partners/1, with children
    negotiating_ = CreatePartner(2);  // partners/2
    MoveTo(negotiating_.name(), {v1::Partner::NEGOTIATING});
    contracted_ = CreatePartner(3);  // partners/3, no agreement
    MoveTo(contracted_.name(),
           {v1::Partner::NEGOTIATING, v1::Partner::CONTRACTED});

    signed_ = SignAgreement(prospect_.name(), 10, 100);
    v1::CreateAgreementRequest draft;
    draft.set_parent(prospect_.name());
    draft.mutable_agreement()->set_settlement_cycle(v1::Agreement::MONTHLY);
    *draft.mutable_agreement()->mutable_start_date() = Date(2028, 1, 1);
    *draft.mutable_agreement()->mutable_end_date() = Date(2028, 12, 31);
    ASSERT_TRUE(Run(&Stub::CreateAgreement, draft, &draft_));

    v1::CreateContactRequest contact;
    contact.set_parent(prospect_.name());
    contact.mutable_contact()->set_display_name("Lee Jiwon");
    contact.mutable_contact()->set_email("jiwon.lee@example.co.kr");
    ASSERT_TRUE(Run(&Stub::CreateContact, contact, &contact_));
    ASSERT_TRUE(contact_.primary());

    v1::CreateSalesActivityRequest activity;
    activity.set_parent(prospect_.name());
    activity.mutable_sales_activity()->set_type(v1::SalesActivity::MEETING);
    activity.mutable_sales_activity()->set_owner("kim.minsu");
    activity.mutable_sales_activity()->mutable_occur_time()->set_seconds(
        absl::ToUnixSeconds(Start()));
    ASSERT_TRUE(Run(&Stub::CreateSalesActivity, activity, &activity_));

    v1::CreatePartnerRequest with_id;
    *with_id.mutable_partner() = ValidPartner(4);
    with_id.set_request_id("errors-test-1");
    v1::Partner created;
    ASSERT_TRUE(Run(&Stub::CreatePartner, with_id, &created));
  }

  template <typename Req, typename Resp>
  bool Run(grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&,
                                        Resp*),
           const Req& req, Resp* resp) {
    grpc::ClientContext ctx;
    grpc::Status s = (stub_.get()->*method)(&ctx, req, resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return s.ok();
  }

  template <typename Req, typename Resp>
  std::function<grpc::Status()> Calling(
      grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
      Req req) {
    return [this, method, req] { return Call(*stub_, method, req); };
  }

  // Checks every case of `cases`.
  void Check(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
      SCOPED_TRACE(c.name);
      const int64_t rows_before = c.table.empty() ? 0 : RowCount(c.table);
      const grpc::Status s = c.call();
      ::partnerhub::testing::ExpectedError expected = c.expect;
      if (expected.domain.empty()) expected.domain = std::string(kDomain);
      EXPECT_TRUE(ErrorMatches(s, expected));
      if (!c.table.empty()) {
        EXPECT_EQ(RowCount(c.table), rows_before);
      }
    }
  }

  v1::Partner prospect_, negotiating_, contracted_;
  v1::Agreement signed_, draft_;
  v1::Contact contact_;
  v1::SalesActivity activity_;
};

using Code = grpc::StatusCode;

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
