// Unit tests of the partner registry's rules: no database.
#include "services/partner_registry/src/domain/rules.h"

#include <gtest/gtest.h>

#include "common/status/error_details.h"
#include "services/partner_registry/src/domain/enum_names.h"
#include "services/partner_registry/src/domain/errors.h"
#include "services/partner_registry/src/domain/resource_names.h"

namespace partnerhub::partner_registry {
namespace {

using S = PartnerState;

// A registration number with a valid check digit (the NTS algorithm).
constexpr char kValidBrn[] = "1208147521";

TEST(BusinessRegistrationNumber, AcceptsValidDigitsAndDashes) {
  EXPECT_EQ(*NormalizeBusinessRegistrationNumber("f", kValidBrn), kValidBrn);
  EXPECT_EQ(*NormalizeBusinessRegistrationNumber("f", "120-81-47521"),
            kValidBrn);
}

TEST(BusinessRegistrationNumber, RejectsWrongCheckDigitNamingTheField) {
  for (char last = '0'; last <= '9'; ++last) {
    std::string brn = kValidBrn;
    if (brn.back() == last) continue;
    brn.back() = last;
    absl::StatusOr<std::string> result = NormalizeBusinessRegistrationNumber(
        "partner.business_registration_number", brn);
    ASSERT_FALSE(result.ok()) << brn;
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(
        result.status().message().find("partner.business_registration_number"),
        std::string::npos);
    EXPECT_NE(result.status().message().find("check digit"), std::string::npos);
  }
}

TEST(BusinessRegistrationNumber, RejectsMalformed) {
  for (const char* bad : {"", "12345", "12081475210", "120-8147521",
                          "12a8147521", "120 81 47521", "12-081-47521"}) {
    EXPECT_FALSE(NormalizeBusinessRegistrationNumber("f", bad).ok()) << bad;
  }
}

TEST(BusinessRegistrationNumber, CheckDigitIncludesTensOfNinthDigitTimesFive) {
  // With 9 as the ninth digit, (9*5)/10 = 4 is added to the weighted sum,
  // so the check digit differs from one computed without that term.
  const std::string first9 = "101010009";
  static constexpr int kWeights[9] = {1, 3, 7, 1, 3, 7, 1, 3, 5};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (first9[i] - '0') * kWeights[i];
  const int with_term = (10 - (sum + 4) % 10) % 10;
  const int without_term = (10 - sum % 10) % 10;
  ASSERT_NE(with_term, without_term);
  EXPECT_TRUE(NormalizeBusinessRegistrationNumber(
                  "f", first9 + std::to_string(with_term))
                  .ok());
  EXPECT_FALSE(NormalizeBusinessRegistrationNumber(
                   "f", first9 + std::to_string(without_term))
                   .ok());
}

TEST(Lifecycle, AllowsExactlyTheDocumentedMoves) {
  const std::vector<std::pair<S, S>> allowed = {
      {S::kProspect, S::kNegotiating},   {S::kNegotiating, S::kProspect},
      {S::kNegotiating, S::kContracted}, {S::kContracted, S::kActive},
      {S::kActive, S::kSuspended},       {S::kSuspended, S::kActive},
      {S::kProspect, S::kTerminated},    {S::kNegotiating, S::kTerminated},
      {S::kContracted, S::kTerminated},  {S::kActive, S::kTerminated},
      {S::kSuspended, S::kTerminated},
  };
  const S all[] = {S::kProspect, S::kNegotiating, S::kContracted,
                   S::kActive,   S::kSuspended,   S::kTerminated};
  for (S from : all) {
    for (S to : all) {
      const bool expected =
          std::find(allowed.begin(), allowed.end(), std::make_pair(from, to)) !=
          allowed.end();
      EXPECT_EQ(IsAllowedTransition(from, to), expected)
          << NameOf(from) << " -> " << NameOf(to);
    }
  }
}

Agreement SignedAgreement(int64_t id, absl::CivilDay start,
                          absl::CivilDay end) {
  Agreement a;
  a.id = id;
  a.state = AgreementState::kSigned;
  a.start_date = start;
  a.end_date = end;
  return a;
}

TEST(Lifecycle, ActiveRequiresAnAgreementInForceToday) {
  Partner partner;
  partner.state = S::kContracted;
  const absl::CivilDay today(2026, 11, 24);
  EXPECT_EQ(CheckTransition(partner, S::kActive, {}, today).code(),
            absl::StatusCode::kFailedPrecondition);
  // Signed but not yet started; and one already over.
  std::vector<Agreement> not_now = {SignedAgreement(1, today + 1, today + 30),
                                    SignedAgreement(2, today - 60, today - 1)};
  EXPECT_EQ(CheckTransition(partner, S::kActive, not_now, today).code(),
            absl::StatusCode::kFailedPrecondition);
  // A draft covering today does not count.
  Agreement draft = SignedAgreement(3, today - 1, today + 1);
  draft.state = AgreementState::kDraft;
  EXPECT_FALSE(CheckTransition(partner, S::kActive, {draft}, today).ok());
  // A signed one covering today, including its first and last day.
  EXPECT_TRUE(CheckTransition(partner, S::kActive,
                              {SignedAgreement(4, today, today)}, today)
                  .ok());
}

TEST(Lifecycle, TerminatedIsFinal) {
  Partner partner;
  partner.id = 7;
  partner.state = S::kTerminated;
  absl::Status s =
      CheckTransition(partner, S::kProspect, {}, absl::CivilDay(2026, 1, 1));
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(s), reason::kTransitionNotAllowed);
  ASSERT_EQ(PreconditionViolationsOf(s).size(), 1u);
  EXPECT_EQ(PreconditionViolationsOf(s)[0].subject, "partners/7");
}

TEST(Lifecycle, ActiveWithoutAgreementNamesItsReason) {
  Partner partner;
  partner.id = 8;
  partner.state = S::kContracted;
  absl::Status s =
      CheckTransition(partner, S::kActive, {}, absl::CivilDay(2026, 1, 1));
  EXPECT_EQ(ReasonOf(s), reason::kNoAgreementInForce);
  EXPECT_EQ(ErrorMetadataOf(s, "resource"), "partners/8");
}

TEST(BusinessDay, IsKoreanDate) {
  // 2026-11-24 15:30 UTC is 2026-11-25 00:30 in Seoul.
  const absl::Time t = absl::FromCivil(
      absl::CivilSecond(2026, 11, 24, 15, 30, 0), absl::UTCTimeZone());
  EXPECT_EQ(BusinessDay(t), absl::CivilDay(2026, 11, 25));
}

TEST(Overlap, DetectsAnySharedDayButIgnoresTerminatedAndItself) {
  const absl::CivilDay d(2026, 1, 1);
  Agreement existing = SignedAgreement(1, d, d + 30);
  existing.partner_id = 5;
  Agreement candidate = SignedAgreement(2, d + 30, d + 60);  // shares day 30
  absl::Status overlap = CheckNoOverlap(candidate, {existing});
  EXPECT_EQ(overlap.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(overlap), reason::kAgreementsOverlap);
  ASSERT_EQ(PreconditionViolationsOf(overlap).size(), 1u);
  // The subject is the agreement in the way.
  EXPECT_EQ(PreconditionViolationsOf(overlap)[0].subject, AgreementName(5, 1));
  candidate.start_date = d + 31;  // the day after: fine
  EXPECT_TRUE(CheckNoOverlap(candidate, {existing}).ok());
  Agreement inside = SignedAgreement(3, d + 5, d + 6);
  EXPECT_FALSE(CheckNoOverlap(inside, {existing}).ok());
  Agreement around = SignedAgreement(4, d - 5, d + 100);
  EXPECT_FALSE(CheckNoOverlap(around, {existing}).ok());
  existing.state = AgreementState::kTerminated;
  EXPECT_TRUE(CheckNoOverlap(around, {existing}).ok());
  EXPECT_TRUE(CheckNoOverlap(inside, {inside}).ok());  // itself on update
}

Partner ValidPartner() {
  Partner p;
  p.display_name = "Shinsegae Gangnam";
  p.legal_name = "(주)신세계";
  p.business_registration_number = kValidBrn;
  p.account_manager = "kim.minsu";
  return p;
}

TEST(Validation, PartnerErrorsNameTheField) {
  EXPECT_TRUE(ValidatePartner(ValidPartner()).ok());
  struct Case {
    std::function<void(Partner&)> spoil;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](Partner& p) { p.display_name = ""; }, "partner.display_name"},
      {[](Partner& p) { p.display_name = std::string(201, 'x'); },
       "partner.display_name"},
      {[](Partner& p) { p.legal_name = ""; }, "partner.legal_name"},
      {[](Partner& p) { p.legal_name = "bad\x01"; }, "partner.legal_name"},
      {[](Partner& p) { p.business_registration_number = "1"; },
       "partner.business_registration_number"},
      {[](Partner& p) { p.account_manager = ""; }, "partner.account_manager"},
      {[](Partner& p) { p.account_manager = "Kim Minsu"; },
       "partner.account_manager"},
      {[](Partner& p) { p.needs = std::string(4001, 'n'); }, "partner.needs"},
      {[](Partner& p) { p.value_proposition = "\xff"; },
       "partner.value_proposition"},
  };
  for (const Case& c : cases) {
    Partner p = ValidPartner();
    c.spoil(p);
    absl::Status s = ValidatePartner(p);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.field;
    EXPECT_EQ(s.message().substr(0, c.field.size()), c.field) << s.message();
  }
}

TEST(Validation, ReportsEveryBadFieldAtOnce) {
  Partner p = ValidPartner();
  p.display_name = "";
  p.business_registration_number = "1";
  p.needs = std::string(4001, 'n');
  absl::Status s = ValidatePartner(p);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  const std::vector<FieldViolation> violations = FieldViolationsOf(s);
  ASSERT_EQ(violations.size(), 3u) << s;
  EXPECT_EQ(violations[0].field, "partner.display_name");
  EXPECT_EQ(violations[1].field, "partner.business_registration_number");
  EXPECT_EQ(violations[2].field, "partner.needs");
}

TEST(Validation, ContactEmailAndPhone) {
  Contact c;
  c.display_name = "Lee Jiwon";
  c.email = "jiwon.lee@example.co.kr";
  c.phone = "+82 10-1234-5678";
  EXPECT_TRUE(ValidateContact(c).ok());
  for (const char* email :
       {"", "no-at", "a@b", "a@@b.com", "a b@c.com", "a@-b.com", "@b.com"}) {
    Contact bad = c;
    bad.email = email;
    absl::Status s = ValidateContact(bad);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << email;
    EXPECT_NE(s.message().find("contact.email"), std::string::npos) << email;
  }
  for (const char* phone : {"123", "+82 10 1234 5678 9999 1", "02-abc-1234",
                            "--1234567890", "+", "010--1234-5678"}) {
    Contact bad = c;
    bad.phone = phone;
    absl::Status s = ValidateContact(bad);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << phone;
    EXPECT_NE(s.message().find("contact.phone"), std::string::npos) << phone;
  }
}

TEST(Validation, AgreementRatesDatesAndKpis) {
  Agreement a;
  a.commission_rate_bps = 1250;
  a.partner_discount_share_bps = 5000;
  a.start_date = absl::CivilDay(2026, 1, 1);
  a.end_date = absl::CivilDay(2026, 12, 31);
  EXPECT_TRUE(ValidateAgreement(a).ok());
  Agreement bad = a;
  bad.commission_rate_bps = 10001;
  EXPECT_NE(
      ValidateAgreement(bad).message().find("agreement.commission_rate_bps"),
      std::string::npos);
  bad = a;
  bad.partner_discount_share_bps = -1;
  EXPECT_NE(ValidateAgreement(bad).message().find(
                "agreement.partner_discount_share_bps"),
            std::string::npos);
  bad = a;
  bad.end_date = absl::CivilDay(2025, 12, 31);
  EXPECT_NE(ValidateAgreement(bad).message().find("agreement.end_date"),
            std::string::npos);
  bad = a;
  bad.kpi_targets.gmv_amount_minor = 100;
  bad.kpi_targets.gmv_currency_code = "krw";
  EXPECT_NE(ValidateAgreement(bad).message().find(
                "agreement.kpi_targets.gmv.currency_code"),
            std::string::npos);
  bad = a;
  bad.kpi_targets.repeat_purchase_rate_bps = 20000;
  EXPECT_NE(ValidateAgreement(bad).message().find(
                "agreement.kpi_targets.repeat_purchase_rate_bps"),
            std::string::npos);
}

TEST(UpdateMask, AppliesOnlyNamedFieldsAndRejectsOthers) {
  Partner target = ValidPartner();
  Partner patch;
  patch.display_name = "New name";
  patch.needs = "ignored";
  ASSERT_TRUE(ApplyMask(patch, {"display_name"}, target).ok());
  EXPECT_EQ(target.display_name, "New name");
  EXPECT_EQ(target.needs, "");
  absl::Status s = ApplyMask(patch, {"state"}, target);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("update_mask"), std::string::npos);
  ASSERT_EQ(FieldViolationsOf(s).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(s)[0].field, "update_mask.paths[0]");
  EXPECT_EQ(ApplyMask(patch, {}, target).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ApplyMask(patch, {"business_registration_number"}, target).code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace partnerhub::partner_registry
