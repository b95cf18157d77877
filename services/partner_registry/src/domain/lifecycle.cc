// Partner lifecycle and agreement terms (rules.h).
#include "absl/strings/str_cat.h"
#include "common/status/error_details.h"
#include "services/partner_registry/src/domain/enum_names.h"
#include "services/partner_registry/src/domain/errors.h"
#include "services/partner_registry/src/domain/resource_names.h"
#include "services/partner_registry/src/domain/rules.h"

namespace partnerhub::partner_registry {

bool IsAllowedTransition(PartnerState from, PartnerState to) {
  using S = PartnerState;
  if (from == S::kTerminated) return false;
  if (to == S::kTerminated) return true;
  switch (from) {
    case S::kProspect:
      return to == S::kNegotiating;
    case S::kNegotiating:
      return to == S::kProspect || to == S::kContracted;
    case S::kContracted:
      return to == S::kActive;
    case S::kActive:
      return to == S::kSuspended;
    case S::kSuspended:
      return to == S::kActive;
    case S::kTerminated:
      return false;
  }
  return false;
}

absl::Status CheckTransition(const Partner& partner, PartnerState to,
                             const std::vector<Agreement>& agreements,
                             absl::CivilDay today) {
  if (!IsAllowedTransition(partner.state, to)) {
    return FailedPrecondition(
        reason::kTransitionNotAllowed, PartnerName(partner.id),
        absl::StrCat("a partner cannot move from ", NameOf(partner.state),
                     " to ", NameOf(to)));
  }
  if (to == PartnerState::kActive) {
    for (const Agreement& a : agreements) {
      if (InForce(a, today)) return absl::OkStatus();
    }
    return FailedPrecondition(
        reason::kNoAgreementInForce, PartnerName(partner.id),
        absl::StrCat(
            "partner cannot become ACTIVE without an agreement in force on ",
            absl::FormatCivilTime(today),
            ": sign one that covers today first"));
  }
  return absl::OkStatus();
}

absl::CivilDay BusinessDay(absl::Time t) {
  static const absl::TimeZone kKst = absl::FixedTimeZone(9 * 60 * 60);
  return absl::ToCivilDay(t, kKst);
}

bool InForce(const Agreement& a, absl::CivilDay today) {
  return a.state == AgreementState::kSigned && a.start_date <= today &&
         today <= a.end_date;
}

absl::Status CheckNoOverlap(const Agreement& agreement,
                            const std::vector<Agreement>& others) {
  for (const Agreement& other : others) {
    if (other.id == agreement.id ||
        other.state == AgreementState::kTerminated) {
      continue;
    }
    if (agreement.start_date <= other.end_date &&
        other.start_date <= agreement.end_date) {
      return FailedPrecondition(
          reason::kAgreementsOverlap, AgreementName(other.partner_id, other.id),
          absl::StrCat("agreement from ",
                       absl::FormatCivilTime(agreement.start_date), " to ",
                       absl::FormatCivilTime(agreement.end_date),
                       " overlaps agreement ", other.id, " (",
                       absl::FormatCivilTime(other.start_date), " to ",
                       absl::FormatCivilTime(other.end_date),
                       "); agreements of a partner may not overlap"));
    }
  }
  return absl::OkStatus();
}

}  // namespace partnerhub::partner_registry
