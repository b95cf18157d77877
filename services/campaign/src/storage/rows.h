// Reading the campaign service's rows into domain values.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_ROWS_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_ROWS_H_

#include <string>

#include "services/campaign/src/domain/types.h"

namespace sql {
class ResultSet;
}  // namespace sql

namespace partnerhub::campaign {

// Each reads the current row, selected with the matching column list of
// sql.h; `prefix` is the column-name prefix of that list ("" or "c_").
Campaign ReadCampaign(sql::ResultSet& rs, const std::string& prefix = "");
Offer ReadOffer(sql::ResultSet& rs, const std::string& prefix = "");
CodeIssuance ReadIssuance(sql::ResultSet& rs, const std::string& prefix = "");
CouponCode ReadCode(sql::ResultSet& rs, const std::string& prefix = "");
Redemption ReadRedemption(sql::ResultSet& rs, const std::string& prefix = "");

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_STORAGE_ROWS_H_
