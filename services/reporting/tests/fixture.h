// Test support for reporting: three producer feeds served by real
// EventFeedService instances over their own schemas (the test appends
// events with common::events::AppendEvents), a reporting schema from the
// real migrations, and a generated dataset with its reference figures
// computed in plain C++. Defined in fixture.cc (producers, schema),
// fixture_dataset.cc (the dataset) and fixture_reference.cc (its reference
// figures).
#ifndef PARTNERHUB_SERVICES_REPORTING_TESTS_FIXTURE_H_
#define PARTNERHUB_SERVICES_REPORTING_TESTS_FIXTURE_H_

#include <array>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/events/event_feed_service.h"
#include "common/mysql/connection_pool.h"
#include "common/server/server.h"
#include "common/time/clock.h"
#include "gtest/gtest.h"
#include "partnerhub/events/v1/events.pb.h"
#include "services/reporting/src/domain/types.h"

namespace partnerhub::reporting::testing {

// The running test's name, to make schema names unique per test.
inline std::string TestName() {
  return ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

// Feed indexes, as kFeeds.
inline constexpr int kRegistry = 0;
inline constexpr int kCampaignFeed = 1;
inline constexpr int kCx = 2;

// The three producers: a schema with the outbox, and a served EventFeed.
class Producers {
 public:
  // `prefix` makes the schema names unique per test.
  static absl::StatusOr<std::unique_ptr<Producers>> Start(
      const std::string& prefix);
  ~Producers();

  // Appends events (in one transaction) to feed `feed`.
  absl::Status Append(int feed, const std::vector<events::v1::Event>& events);
  // Appends in transactions of `per_tx` events.
  absl::Status AppendAll(int feed, const std::vector<events::v1::Event>& events,
                         int per_tx = 50);
  std::string address(int feed) const { return servers_[feed]->address(); }
  // Prunes every event of `feed` (as retention would, ignoring consumers'
  // acknowledgements).
  absl::Status PruneAll(int feed);
  int64_t head(int feed) const { return heads_[feed]; }
  void Stop();

 private:
  SystemClock clock_;
  std::array<std::unique_ptr<mysql::ConnectionPool>, 3> pools_;
  std::array<std::unique_ptr<events::EventFeedService>, 3> feeds_;
  std::array<std::unique_ptr<Server>, 3> servers_;
  std::array<int64_t, 3> heads_{};
};

// A fresh reporting schema, migrated; returns its connection options.
absl::StatusOr<mysql::ConnectionOptions> ReportingSchema(
    const std::string& name);

// ---- The generated dataset ----

struct Item {
  std::string category;
  int quantity;
  int64_t amount;
};

struct PurchaseRec {
  std::string name, customer, partner, campaign;
  absl::Time time;
  std::vector<Item> items;
  int64_t total = 0;
  int64_t refunded = 0;  // sum of refunds
};

struct CustomerRec {
  std::string name;
  int age_band, gender;
  std::string region;
};

struct CampaignRec {
  std::string name, partner, snapshot;
  int holdout_bps;
  absl::Time start, end;
};

struct Dataset {
  std::vector<CustomerRec> customers;
  std::vector<CampaignRec> campaigns;
  std::map<std::string, std::vector<std::string>> snapshots;  // → members
  std::vector<PurchaseRec> purchases;                         // in feed order
  // The events of each feed, in feed order.
  std::array<std::vector<events::v1::Event>, 3> events;
  // Campaign figures known by construction.
  std::map<std::string, int64_t> codes_issued, redemptions, voids, discount;
  // Funnel reaches: (partner, campaign, stage) → count, all in the window.
  std::map<std::tuple<std::string, std::string, int>, int64_t> funnel;
  absl::Time first_day_start;  // of the purchases' range
};

// Generates a deterministic dataset. `snapshot_midway`: the CX feed carries
// the snapshots between the first and second half of the purchases
// (otherwise before all of them).
// `chronological`: purchases come in time order (as a real backlog does);
// otherwise in random time order.
Dataset Generate(int customers, int purchases, bool snapshot_midway = true,
                 bool chronological = false);

// Reference figures, computed from the dataset's records.
LiftData ReferenceLift(const Dataset& d, const std::string& campaign);
struct PatternTotals {
  std::map<std::string, std::array<int64_t, 3>> by_category, by_partner;
};
PatternTotals ReferencePatterns(const Dataset& d, const Period& period,
                                const PatternFilter& filter);
PartnerFigures ReferencePartner(const Dataset& d, const std::string& partner,
                                const Period& period);

// The events of each feed as the test writes them (for convenience).
events::v1::Event PurchaseEvent(const PurchaseRec& p);

}  // namespace partnerhub::reporting::testing

#endif  // PARTNERHUB_SERVICES_REPORTING_TESTS_FIXTURE_H_
