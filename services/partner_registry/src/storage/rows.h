// Reading the partner registry's rows into domain values.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_ROWS_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_ROWS_H_

#include <string>

#include "absl/time/civil_time.h"
#include "services/partner_registry/src/domain/types.h"

namespace sql {
class ResultSet;
}  // namespace sql

namespace partnerhub::partner_registry {

// Each reads the current row, selected with the matching column list of
// sql.h.
Partner ReadPartner(sql::ResultSet& rs);
PartnerStateChange ReadStateChange(sql::ResultSet& rs);
Contact ReadContact(sql::ResultSet& rs);
Agreement ReadAgreement(sql::ResultSet& rs);
SalesActivity ReadSalesActivity(sql::ResultSet& rs);

// DATE text ⇄ absl::CivilDay.
std::string FormatDate(absl::CivilDay day);
absl::CivilDay ParseDate(const std::string& text);

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_ROWS_H_
