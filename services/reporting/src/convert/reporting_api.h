// partnerhub.reporting.v1 messages <-> reporting's domain values: the
// requests' dates and filters, and the answers of the queries (figures in
// the reporting currency).
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_CONVERT_REPORTING_API_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_CONVERT_REPORTING_API_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "partnerhub/reporting/v1/reporting.pb.h"
#include "partnerhub/type/v1/date.pb.h"
#include "services/reporting/src/domain/rules.h"
#include "services/reporting/src/domain/types.h"

namespace partnerhub::reporting {

// A date field: nullopt when not set (all zero); INVALID_ARGUMENT naming
// the field unless a real date (the domain reports it with the request's
// other bad fields).
DateArg OptionalDate(absl::string_view field, bool has,
                     const type::v1::Date& d);

// A request's start_date and end_date, as given.
struct DateRange {
  DateArg start;
  DateArg end;
};
template <typename Request>
DateRange DatesOf(const Request& request) {
  return {OptionalDate("start_date", request.has_start_date(),
                       request.start_date()),
          OptionalDate("end_date", request.has_end_date(), request.end_date())};
}

// The customer filters of a GetPurchasePatterns request: UNSPECIFIED
// filters nothing; *_UNKNOWN is Customer's 0 (not given); the other
// numbers are Customer's (Reports refuses unknown ones).
PatternFilter FilterOf(const v1::GetPurchasePatternsRequest& request);

void ToProto(const CampaignPerformance& p, v1::CampaignPerformance* out);
void ToProto(const PromotionLift& lift, const std::string& currency,
             v1::PromotionLift* out);
void ToProto(const PurchasePatterns& p, const std::string& currency,
             v1::PurchasePatterns* out);
// The stages, with their conversion to the next.
void ToProto(const StageCounts& counts,
             google::protobuf::RepeatedPtrField<v1::FunnelStageCount>* out);
void ToProto(const PartnerScorecard& s, const std::string& currency,
             v1::PartnerScorecard* out);
void ToProto(const FeedStatus& s, v1::FeedStatus* out);

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_CONVERT_REPORTING_API_H_
