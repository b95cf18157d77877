// Applying partner-registry's facts: partners and agreements.
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "services/reporting/src/domain/apply.h"
#include "services/reporting/src/domain/rules.h"

namespace partnerhub::reporting {

void ApplyRegistry(ApplyTx& tx, const std::vector<Fact>& facts) {
  std::map<std::string, PartnerRow> partners;
  // nullopt: deleted.
  std::map<std::string, std::optional<AgreementInfo>> agreements;
  for (const Fact& fact : facts) {
    if (const auto* p = std::get_if<PartnerChangedFact>(&fact)) {
      partners[p->partner] = {p->partner, p->display_name, p->state,
                              p->deleted};
    } else if (const auto* a = std::get_if<AgreementChangedFact>(&fact)) {
      const std::string& name = a->agreement.agreement;
      if (a->deleted) {
        agreements[name] = std::nullopt;
        continue;
      }
      AgreementInfo row = a->agreement;
      row.partner = ParentName(name);
      agreements[name] = std::move(row);
    }
  }
  std::vector<PartnerRow> partner_rows;
  for (auto& [name, row] : partners) partner_rows.push_back(std::move(row));
  tx.UpsertPartners(partner_rows);
  std::vector<AgreementInfo> agreement_rows;
  for (auto& [name, row] : agreements) {
    if (!row.has_value()) {
      tx.DeleteAgreement(name);
      continue;
    }
    agreement_rows.push_back(*std::move(row));
  }
  tx.UpsertAgreements(agreement_rows);
}

}  // namespace partnerhub::reporting
