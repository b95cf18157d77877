// Issuing coupon codes: jobs (CodeIssuance) created by a request and run in
// the background one chunk at a time. Each chunk is one transaction that
// inserts its codes with one multi-row statement per up to 1024 codes and
// records the job's progress, so a job never holds one huge transaction and
// resumes exactly where it stopped.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_ISSUING_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_ISSUING_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/api/list_request.h"
#include "common/api/pagination.h"
#include "common/api/request_key.h"
#include "common/time/clock.h"
#include "services/campaign/src/domain/directories.h"
#include "services/campaign/src/domain/store.h"
#include "services/campaign/src/domain/types.h"

namespace partnerhub::campaign {

struct IssuingOptions {
  // Bulk codes per transaction.
  int bulk_chunk = 2000;
  // Snapshot members read per page (and per transaction).
  int member_page = 2000;
  // Most codes one bulk issuance may ask for.
  int64_t max_bulk_count = 10'000'000;
};

class Issuing {
 public:
  Issuing(CampaignStore& store, const Clock& clock,
          SegmentDirectory& segment_directory, IssuingOptions options = {})
      : store_(store),
        clock_(clock),
        segment_directory_(segment_directory),
        options_(options) {}

  // Called after a job is created, to wake whoever runs the jobs.
  void SetWakeup(std::function<void()> wakeup) { wakeup_ = std::move(wakeup); }

  // Creates a RUNNING job for the offer; `draft` gives kind, format and,
  // for BULK, requested_count.
  absl::StatusOr<CodeIssuance> Create(const RequestKey& key,
                                      int64_t campaign_id, int64_t offer_id,
                                      CodeIssuance draft);
  absl::StatusOr<CodeIssuance> Get(int64_t campaign_id, int64_t offer_id,
                                   int64_t id);
  absl::StatusOr<Page<CouponCode>> ListCodes(int64_t campaign_id,
                                             int64_t offer_id,
                                             int64_t issuance_id,
                                             const ListRequest& request);

  // Does the next chunk of a job. Returns whether the job still runs. An
  // error of customer-experience that a retry may cure (UNAVAILABLE,
  // DEADLINE_EXCEEDED) is returned and the job stays RUNNING; any other
  // error fails the job.
  absl::StatusOr<bool> Step(int64_t issuance_id);
  // Steps the RUNNING jobs, round-robin, until none is left, `budget` has
  // passed or a round made no progress. Returns true when it stopped for the
  // budget with work left (call again at once); false when nothing is left
  // or nothing could progress (call again later).
  bool RunPending(absl::Duration budget);

 private:
  absl::StatusOr<bool> StepBulk(int64_t id);
  absl::StatusOr<bool> StepSegment(const CodeIssuance& issuance);
  absl::Status Fail(int64_t id, const absl::Status& why);

  CampaignStore& store_;
  const Clock& clock_;
  SegmentDirectory& segment_directory_;
  const IssuingOptions options_;
  std::function<void()> wakeup_;
};

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_DOMAIN_ISSUING_H_
