// Reading customer-experience rows into domain values, and the JSON text of
// touchpoint properties.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_ROWS_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_ROWS_H_

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "services/customer_experience/src/domain/types.h"

namespace sql {
class ResultSet;
}  // namespace sql

namespace partnerhub::customer_experience {

// Each reads the current row, selected with the matching columns of sql.h.
Customer ReadCustomer(sql::ResultSet& rs);
ConsentChange ReadConsentChange(sql::ResultSet& rs);
// customer_id and customer_key are the caller's.
Touchpoint ReadTouchpoint(sql::ResultSet& rs);
// Without items and refunds.
Purchase ReadPurchase(sql::ResultSet& rs);
// The six stage times of a funnel row, selected as sql.h's PH_STAGE_TIMES
// in columns first_column .. first_column + 5 (from 1).
StageTimes ReadStageTimes(sql::ResultSet& rs, int first_column);
// INTERNAL when the stored condition does not decode.
absl::StatusOr<Segment> ReadSegment(sql::ResultSet& rs);
absl::StatusOr<SegmentSnapshot> ReadSnapshot(sql::ResultSet& rs);

// {"key":"value",...}; "" for an empty map (stored as NULL).
std::string EncodeProperties(
    const std::map<std::string, std::string>& properties);
// The inverse of EncodeProperties; an empty map for text it did not make.
std::map<std::string, std::string> DecodeProperties(const std::string& text);

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_STORAGE_ROWS_H_
