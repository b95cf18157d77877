// The rows the domain writes to the read models when it applies a batch of
// facts, and what it reads back to decide (domain/store.h, ApplyTx). Plain
// values: the domain decides every figure, storage only writes them.
#ifndef PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_READ_MODEL_ROWS_H_
#define PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_READ_MODEL_ROWS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/reporting/src/domain/rules.h"
#include "services/reporting/src/domain/types.h"

namespace partnerhub::reporting {

// "Any" in the pattern cube: the age band or gender of a row summed over
// every value, and the region of such a row.
inline constexpr int kAnyAttribute = -1;
inline constexpr const char* kAnyRegion = "*";

// A partner as the registry last described it.
struct PartnerRow {
  std::string partner;
  std::string display_name;
  int state = 0;
  bool deleted = false;
};

// A customer's attributes (the dimensions of the pattern cube).
struct CustomerRow {
  std::string customer;
  int age_band = 0;
  int gender = 0;
  std::string region;
  std::optional<absl::Time> sign_up_time;
};

// A customer's dimensions, as stored.
struct CustomerDims {
  int age_band = 0;
  int gender = 0;
  std::string region;
};

// A snapshot taken; `complete` when it has no members to wait for.
struct SnapshotRow {
  std::string snapshot;
  int64_t member_count = 0;
  bool complete = false;
};

// One member of a snapshot.
struct SnapshotMemberRow {
  std::string snapshot;
  std::string customer;
};

// Members of a snapshot received in a batch; `last` when its final chunk
// was among them.
struct MembersReceivedRow {
  std::string snapshot;
  int64_t received = 0;
  bool last = false;
};

// A campaign's figures on a day, to add to the stored ones.
struct CampaignDayRow {
  std::string campaign;
  int32_t day = 0;  // yyyymmdd
  CampaignFigures figures;
};

// A purchase's fact row: written whole (the refunded amount added).
struct PurchaseFactRow {
  std::string purchase;
  std::string customer;
  std::string partner;
  std::string campaign;
  absl::Time purchase_time;
  int32_t day = 0;  // of purchase_time
  int64_t total = 0;
  int64_t refunded = 0;
};

// A partner's figures on a day, to add to the stored ones.
struct PartnerDayRow {
  std::string partner;
  int32_t day = 0;
  int64_t orders = 0;
  int64_t gmv = 0;
  int64_t refunds = 0;
  int64_t new_customers = 0;
};

// The two rollups of the pattern cube.
enum class PatternRollup { kCategory, kPartner };

// A cell of the pattern cube, to add to the stored one: day, the
// customers' attributes (or kAnyAttribute / kAnyRegion), and the category
// or the partner.
struct PatternRow {
  int32_t day = 0;
  int age_band = 0;
  int gender = 0;
  std::string region;
  std::string key;
  int64_t lines = 0;
  int64_t quantity = 0;
  int64_t amount = 0;
};

// A lift set up before the batch, whose purchases it counts.
struct ReadyLiftRow {
  std::string campaign;
  int32_t holdout_bps = 0;
  LiftWindow window;
};

// A customer's lift figures in a period, to add to the stored ones (a new
// row when the customer has none there yet).
struct LiftCustomerRow {
  std::string campaign;
  std::string customer;
  LiftPeriodKind period = LiftPeriodKind::kNone;
  int grp = 0;  // kTreated or kControl
  int64_t orders = 0;
  int64_t sales = 0;
};

// A lift group's figures in a period, to add to the stored ones.
struct LiftAggRow {
  std::string campaign;
  int grp = 0;
  LiftPeriodKind period = LiftPeriodKind::kNone;
  int64_t buyers = 0;
  int64_t orders = 0;
  int64_t sales = 0;
};

// Funnel reaches of a stage on a day, to add to the stored count.
struct FunnelRow {
  std::string partner;
  int32_t day = 0;
  std::string campaign;
  int stage = 0;
  int64_t reaches = 0;
};

// A campaign whose lift can be set up: window and complete snapshot known,
// not set up yet for them.
struct DueLiftRow {
  std::string campaign;
  std::string snapshot;
  int32_t holdout_bps = 0;
  LiftWindow window;
};

// A snapshot member's lift group.
struct LiftMemberRow {
  std::string campaign;
  std::string customer;
  int grp = 0;
};

// A lift set up: what it was set up for, and its group sizes.
struct LiftStateRow {
  std::string campaign;
  std::string snapshot;
  int32_t holdout_bps = 0;
  LiftWindow window;
  int64_t treated = 0;
  int64_t holdout = 0;
};

}  // namespace partnerhub::reporting

#endif  // PARTNERHUB_SERVICES_REPORTING_SRC_DOMAIN_READ_MODEL_ROWS_H_
