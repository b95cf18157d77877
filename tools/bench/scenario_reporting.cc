// reporting's queries, over what partnerhub-feed-backlog generated (ids
// partners/1.., campaigns/1.., customers/bc0..; see feed_backlog.cc):
//   reporting:lift       GetPromotionLift of a random campaign.
//   reporting:patterns   GetPurchasePatterns, top 10, over a random 30-day
//                        period of the last 180 days, for a random age band
//                        (every second call: every age band) .
//   reporting:scorecard  GetPartnerScorecard of a random partner over a
//                        random 90-day period.
// Target (issue 5): p95 under 200 ms over ten million purchases.
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/grpc/proto_convert.h"
#include "partnerhub/reporting/v1/reporting.grpc.pb.h"
#include "tools/bench/rpc_slot.h"
#include "tools/bench/scenario.h"

namespace partnerhub::bench {
namespace {

namespace v1 = ::partnerhub::reporting::v1;

constexpr int kCampaigns = 100;
constexpr int kPartners = 100;
constexpr int kDays = 180;

// A day of the last kDays, in KST, `back` days before today.
type::v1::Date DaysAgo(int back) {
  return ToProtoDate(
      absl::ToCivilDay(absl::Now(), absl::FixedTimeZone(9 * 3600)) - back);
}

template <typename Request, typename Response>
class ReportingScenario : public AsyncScenario {
 public:
  using Method = std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> (
      v1::ReportingService::Stub::*)(grpc::ClientContext*, const Request&,
                                     grpc::CompletionQueue*);

  ReportingScenario(BenchContext& context, const char* name, Method method)
      : context_(context), method_(method), errors_(name) {}

  absl::Status Prepare() override {
    if (absl::Status s = context_.ConnectChannels(absl::Seconds(10)); !s.ok()) {
      return s;
    }
    for (int w = 0; w < context_.concurrency(); ++w) {
      stubs_.push_back(v1::ReportingService::NewStub(context_.Channel(w)));
      random_.emplace_back(w + 1);
    }
    slots_ = MakeSlots<Request, Response>(context_.concurrency());
    return absl::OkStatus();
  }

  void StartCall(int worker, CallDone done) override {
    auto& slot = *slots_[worker];
    Fill(random_[worker], slot.request);
    slot.Start(((*stubs_[worker]).*method_)(
                   slot.NewContext(context_.options().rpc_deadline),
                   slot.request, context_.Queue(worker)),
               [this, done = std::move(done)](const grpc::Status& s) {
                 done(errors_.Note(s.error_code(), s.error_message()));
               });
  }

 protected:
  virtual void Fill(WorkerRandom& random, Request& request) = 0;

 private:
  BenchContext& context_;
  const Method method_;
  std::vector<std::unique_ptr<v1::ReportingService::Stub>> stubs_;
  std::vector<WorkerRandom> random_;
  std::vector<std::unique_ptr<RpcSlot<Request, Response>>> slots_;
  ErrorLog errors_;
};

class LiftScenario final
    : public ReportingScenario<v1::GetPromotionLiftRequest, v1::PromotionLift> {
 public:
  explicit LiftScenario(BenchContext& context)
      : ReportingScenario(
            context, "reporting:lift",
            &v1::ReportingService::Stub::PrepareAsyncGetPromotionLift) {}

 private:
  void Fill(WorkerRandom& random, v1::GetPromotionLiftRequest& r) override {
    r.set_campaign(absl::StrCat("campaigns/", 1 + random.Below(kCampaigns)));
  }
};

class PatternsScenario final
    : public ReportingScenario<v1::GetPurchasePatternsRequest,
                               v1::PurchasePatterns> {
 public:
  explicit PatternsScenario(BenchContext& context)
      : ReportingScenario(
            context, "reporting:patterns",
            &v1::ReportingService::Stub::PrepareAsyncGetPurchasePatterns) {}

 private:
  void Fill(WorkerRandom& random, v1::GetPurchasePatternsRequest& r) override {
    const int end = static_cast<int>(random.Below(kDays - 30));
    *r.mutable_start_date() = DaysAgo(end + 29);
    *r.mutable_end_date() = DaysAgo(end);
    r.set_age_band(random.Below(2) == 0
                       ? v1::AGE_BAND_UNSPECIFIED
                       : static_cast<v1::AgeBand>(1 + random.Below(6)));
    r.set_top_n(10);
  }
};

class ScorecardScenario final
    : public ReportingScenario<v1::GetPartnerScorecardRequest,
                               v1::PartnerScorecard> {
 public:
  explicit ScorecardScenario(BenchContext& context)
      : ReportingScenario(
            context, "reporting:scorecard",
            &v1::ReportingService::Stub::PrepareAsyncGetPartnerScorecard) {}

 private:
  void Fill(WorkerRandom& random, v1::GetPartnerScorecardRequest& r) override {
    r.set_partner(absl::StrCat("partners/", 1 + random.Below(kPartners)));
    const int end = static_cast<int>(random.Below(kDays - 90));
    *r.mutable_start_date() = DaysAgo(end + 89);
    *r.mutable_end_date() = DaysAgo(end);
  }
};

}  // namespace

void RegisterReportingScenarios(ScenarioRegistry& registry) {
  registry.Add(
      {"reporting:lift",
       "reporting GetPromotionLift of a random campaign "
       "(data: partnerhub-feed-backlog)",
       {},
       [](BenchContext& c) { return std::make_unique<LiftScenario>(c); }});
  registry.Add(
      {"reporting:patterns",
       "reporting GetPurchasePatterns, top 10, random 30-day period",
       {},
       [](BenchContext& c) { return std::make_unique<PatternsScenario>(c); }});
  registry.Add(
      {"reporting:scorecard",
       "reporting GetPartnerScorecard, random partner, 90 days",
       {},
       [](BenchContext& c) { return std::make_unique<ScorecardScenario>(c); }});
}

}  // namespace partnerhub::bench
