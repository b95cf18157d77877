// Reporting's domain types: what the read models hold and what queries
// return, free of proto and SQL.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_TYPES_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_TYPES_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/reporting/src/domain/rules.h"

namespace partnerhub::reporting {

// A campaign as its feed last described it.
struct CampaignInfo {
  std::string campaign;
  std::string partner;
  std::string display_name;
  int state = 0;  // partnerhub.campaign.v1.Campaign.State
  std::optional<absl::Time> start_time;
  std::optional<absl::Time> end_time;
  int64_t budget = 0;
  std::string currency;
  int32_t partner_share_bps = 0;
  std::string segment_snapshot;
  int32_t holdout_bps = 0;
};

// A campaign's figures on a day or over a period (PerformanceFigures).
struct CampaignFigures {
  int64_t redemptions = 0;
  int64_t voids = 0;
  int64_t discount = 0;
  int64_t partner_cost = 0;
  int64_t platform_cost = 0;
  int64_t codes_issued = 0;
  int64_t orders = 0;
  int64_t gmv = 0;
  int64_t refunds = 0;
  int64_t new_customer_orders = 0;
  int64_t returning_customer_orders = 0;
  void Add(const CampaignFigures& o);
};

struct CampaignDay {
  int32_t day = 0;  // yyyymmdd
  CampaignFigures figures;
};

struct CampaignPerformance {
  CampaignInfo campaign;
  Period period;
  CampaignFigures totals;
  std::vector<CampaignDay> days;
  int64_t budget_used = 0;
};

// Groups of a lift, as stored.
inline constexpr int kTreated = 1;
inline constexpr int kControl = 2;

// What the lift read model holds for a campaign.
struct LiftData {
  std::string snapshot;
  int32_t holdout_bps = 0;
  LiftWindow window;
  int64_t treated_customers = 0;
  int64_t holdout_customers = 0;
  // Customers reporting knows (for the rest-of-customers control).
  int64_t known_customers = 0;
  // [group - 1][period - 1].
  std::array<std::array<GroupPeriod, 3>, 2> figures;
};

struct PromotionLift {
  std::string campaign;
  LiftData data;
  bool rest_control = false;
  int64_t control_customers = 0;
  double did_during = 0;
  double did_after = 0;
  bool complete = false;
};

// Customer attribute filters of GetPurchasePatterns; nullopt = any.
// Reports checks them: age_band 0 to kMaxAgeBand, gender 0 to kMaxGender,
// region an ISO 3166-2 code.
// (Default member initializers, so that designated initializers may leave
// any of them out without -Wmissing-field-initializers.)
struct PatternFilter {
  std::optional<int> age_band{};  // Customer.AgeBand number (0: not given)
  std::optional<int> gender{};    // Customer.Gender number (0: not given)
  std::optional<std::string> region{};
};
// The highest Customer.AgeBand (SIXTIES_AND_OVER) and Customer.Gender
// (OTHER) numbers.
inline constexpr int kMaxAgeBand = 6;
inline constexpr int kMaxGender = 3;

struct PatternEntry {
  std::string key;
  std::string display_name;
  int64_t lines = 0;
  int64_t quantity = 0;
  int64_t amount = 0;
};

struct PurchasePatterns {
  std::vector<PatternEntry> top_categories;
  std::vector<PatternEntry> top_partners;
  int64_t total_lines = 0;
  int64_t total_quantity = 0;
  int64_t total_amount = 0;
};

// Customers reaching AWARE .. ADVOCATE (index 0 = AWARE).
inline constexpr int kStages = 6;
using StageCounts = std::array<int64_t, kStages>;

struct AgreementInfo {
  std::string agreement;
  std::string partner;
  int32_t start_day = 0;  // yyyymmdd
  int32_t end_day = 0;
  int state = 0;  // partnerhub.partner_registry.v1.Agreement.State
  int64_t target_new_customers = 0;
  int64_t target_gmv = 0;
  int64_t target_orders = 0;
  int32_t target_repeat_rate_bps = 0;
  int32_t target_redemption_rate_bps = 0;
};

struct PartnerFigures {
  int64_t gmv = 0;
  int64_t orders = 0;
  int64_t buyers = 0;
  int64_t repeat_buyers = 0;
  int64_t new_customers = 0;
  int64_t codes_issued = 0;
  int64_t redemptions = 0;  // net of voids
  StageCounts funnel{};
};

enum class Kpi : int {
  kNewCustomers = 1,
  kGmv = 2,
  kOrders = 3,
  kRepeatRate = 4,
  kRedemptionRate = 5
};

struct KpiResult {
  Kpi kpi;
  int64_t target = 0;
  int64_t actual = 0;
  bool met = false;
};

struct PartnerScorecard {
  std::string partner;
  std::string display_name;
  std::optional<AgreementInfo> agreement;
  Period period;
  PartnerFigures figures;
  int32_t repeat_rate_bps = 0;
  int32_t redemption_rate_bps = 0;
  std::vector<KpiResult> kpis;
  bool all_kpis_met = false;
};

// A feed's stored position.
struct StoredPosition {
  std::string feed;
  int64_t position = 0;
  int64_t head_position = 0;
  absl::Time update_time;
};

// What this replica knows of its subscription to a feed.
struct LocalFeedState {
  bool active = false;
  bool connected = false;
  int64_t head_position = 0;
  std::string last_error;
  absl::Time last_contact = absl::InfinitePast();
};

struct FeedStatus {
  StoredPosition stored;
  LocalFeedState local;
  int64_t head_position = 0;
  int64_t lag = 0;
};

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_TYPES_H_
