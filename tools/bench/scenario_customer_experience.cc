// One file: each direct-SQL baseline beside the RPC it must match.
// customer-experience: batch ingestion of touchpoints and segment size
// estimates, each next to the same work run directly on MariaDB.
//
//   BatchRecordTouchpoints CustomerExperienceService/BatchRecordTouchpoints
//                               with a batch of new events (new event ids,
//                               random seeded customers, types, partners,
//                               campaigns and times in the last 90 days)
//   sql:BatchRecordTouchpoints  the transaction that RPC runs, through the
//                               service's domain and storage (MySqlCxStore):
//                               check the funnel projector's lag, resolve the
//                               customers, the multi-row INSERTs
//                               of the touchpoints and their event in the
//                               outbox (the funnel projector moves the funnel
//                               afterwards, off this path)
//   sql:InsertTouchpoints       only the multi-row INSERTs of the same rows,
//                               with the customer keys known in advance
//   EstimateSegmentSize         CustomerExperienceService/EstimateSegmentSize
//   of a
//                               behavioural segment (below)
//   sql:EstimateSegmentSize     its COUNT query through the storage
// (Registered through the generated all_scenarios.cc as
// RegisterCustomerExperienceScenarios.)
//
// One call is one batch: events/s = req/s × the batch size. The customers
// must exist as "bench-0000001" .. "bench-<N>" with keys 1..N
// (tools/bench/customer_experience.sh generates them with SQL). Environment:
//   PARTNERHUB_BENCH_CX_BATCH      events per batch (default 1000)
//   PARTNERHUB_BENCH_CX_CUSTOMERS  N (default 1000000)
// On exit each ingestion scenario logs the events it got acknowledged
// (RECORDED or DUPLICATE) and the event-id prefix it used, so that the
// stored rows can be counted against them.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/grpc/proto_convert.h"
#include "common/log/log.h"
#include "common/status/status_macros.h"
#include "partnerhub/customer_experience/v1/customer_experience.grpc.pb.h"
#include "services/customer_experience/src/domain/funnel.h"
#include "services/customer_experience/src/domain/rules.h"
#include "services/customer_experience/src/domain/store.h"
#include "services/customer_experience/src/storage/mysql_cx_store.h"
#include "tools/bench/scenario.h"

namespace partnerhub::bench {
namespace {

namespace v1 = ::partnerhub::customer_experience::v1;
namespace cx = ::partnerhub::customer_experience;

int EnvInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  int out = 0;
  return value != nullptr && absl::SimpleAtoi(value, &out) && out > 0
             ? out
             : fallback;
}

int BatchSize() { return EnvInt("PARTNERHUB_BENCH_CX_BATCH", 1000); }
int Customers() { return EnvInt("PARTNERHUB_BENCH_CX_CUSTOMERS", 1000000); }

std::string CustomerId(int n) { return absl::StrFormat("bench-%07d", n); }

// One generated event; the same distribution for every scenario.
struct Event {
  int customer = 1;
  std::string event_id;
  int type = 1;
  absl::Time occur_time;
  int channel = 1;
  int partner = 1;
  int campaign = 0;
};

Event NextEvent(WorkerRandom& random, const std::string& prefix,
                uint64_t serial, absl::Time now) {
  Event e;
  e.customer = 1 + static_cast<int>(random.Below(Customers()));
  e.event_id = absl::StrCat(prefix, serial);
  e.type = 1 + static_cast<int>(random.Below(9));
  e.occur_time =
      now - absl::Seconds(static_cast<int64_t>(random.Below(90 * 86400)));
  e.channel = 1 + static_cast<int>(random.Below(8));
  e.partner = 1 + static_cast<int>(random.Below(50));
  e.campaign =
      random.Below(5) == 0 ? 1 + static_cast<int>(random.Below(20)) : 0;
  return e;
}

cx::Touchpoint ToDomain(const Event& e, absl::Time now) {
  cx::Touchpoint t;
  t.customer_id = CustomerId(e.customer);
  t.customer_key = e.customer;
  t.event_id = e.event_id;
  t.type = static_cast<cx::TouchpointType>(e.type);
  t.occur_time = e.occur_time;
  t.channel = static_cast<cx::Channel>(e.channel);
  t.partner_id = e.partner;
  t.campaign_id = e.campaign;
  t.record_time = now;
  return t;
}

// Counts what a scenario's calls acknowledged, logged when it ends.
class Acknowledged {
 public:
  Acknowledged(std::string scenario, std::string prefix)
      : scenario_(std::move(scenario)), prefix_(std::move(prefix)) {}
  ~Acknowledged() {
    if (calls_ == 0) return;
    LogInfo("customer-experience: scenario=", scenario_,
            " event_id_prefix=", prefix_,
            " acknowledged_events=", events_.load(),
            " duplicates=", duplicates_.load(), " rejected=", rejected_.load(),
            " calls=", calls_.load());
  }
  void Add(int64_t acknowledged, int64_t duplicates, int64_t rejected) {
    events_ += acknowledged;
    duplicates_ += duplicates;
    rejected_ += rejected;
    ++calls_;
  }
  const std::string& prefix() const { return prefix_; }

 private:
  const std::string scenario_;
  const std::string prefix_;
  std::atomic<int64_t> events_{0}, duplicates_{0}, rejected_{0}, calls_{0};
};

class BatchRecordScenario final : public BlockingScenario {
 public:
  explicit BatchRecordScenario(BenchContext& context)
      : context_(context),
        acknowledged_("BatchRecordTouchpoints",
                      absl::StrCat(context.run_id(), "-rpc-")) {}

  absl::Status Prepare() override {
    PH_RETURN_IF_ERROR(context_.ConnectChannels(absl::Seconds(10)));
    for (int w = 0; w < context_.concurrency(); ++w) {
      stubs_.push_back(
          v1::CustomerExperienceService::NewStub(context_.Channel(w)));
      random_.emplace_back(1000 + w);
      requests_.emplace_back();
    }
    return absl::OkStatus();
  }

  grpc::StatusCode Call(int worker) override {
    const absl::Time now = absl::Now();
    v1::BatchRecordTouchpointsRequest& req = requests_[worker];
    req.clear_touchpoints();
    const int n = BatchSize();
    for (int i = 0; i < n; ++i) {
      const Event e = NextEvent(random_[worker], acknowledged_.prefix(),
                                context_.NextSerial(), now);
      v1::Touchpoint* t = req.add_touchpoints();
      t->set_customer(absl::StrCat("customers/", CustomerId(e.customer)));
      t->set_event_id(e.event_id);
      t->set_type(static_cast<v1::Touchpoint::Type>(e.type));
      *t->mutable_occur_time() = ToProtoTime(e.occur_time);
      t->set_channel(static_cast<v1::Touchpoint::Channel>(e.channel));
      t->set_partner(absl::StrCat("partners/", e.partner));
      if (e.campaign != 0)
        t->set_campaign(absl::StrCat("campaigns/", e.campaign));
    }
    grpc::ClientContext ctx;
    ctx.set_deadline(
        std::chrono::system_clock::now() +
        absl::ToChronoMilliseconds(context_.options().rpc_deadline));
    v1::BatchRecordTouchpointsResponse resp;
    const grpc::Status s =
        stubs_[worker]->BatchRecordTouchpoints(&ctx, req, &resp);
    if (!s.ok()) return errors_.Note(s.error_code(), s.error_message());
    acknowledged_.Add(resp.recorded_count() + resp.duplicate_count(),
                      resp.duplicate_count(), resp.rejected_count());
    if (resp.rejected_count() > 0) {
      for (const auto& r : resp.results()) {
        if (r.outcome() == v1::TouchpointResult::REJECTED) {
          return errors_.Note(grpc::StatusCode::INVALID_ARGUMENT, r.message());
        }
      }
    }
    return grpc::StatusCode::OK;
  }

 private:
  BenchContext& context_;
  std::vector<std::unique_ptr<v1::CustomerExperienceService::Stub>> stubs_;
  std::vector<WorkerRandom> random_;
  std::vector<v1::BatchRecordTouchpointsRequest> requests_;
  Acknowledged acknowledged_;
  ErrorLog errors_{"BatchRecordTouchpoints"};
};

// The direct-SQL baselines share the storage on the bench's pool.
class SqlBatchScenario final : public BlockingScenario {
 public:
  // `full`: the RPC's whole transaction; otherwise only the INSERTs.
  SqlBatchScenario(BenchContext& context, bool full)
      : context_(context),
        full_(full),
        acknowledged_(
            full ? "sql:BatchRecordTouchpoints" : "sql:InsertTouchpoints",
            absl::StrCat(context.run_id(), full ? "-sqlfull-" : "-sqlinsert-")),
        errors_(full ? "sql:BatchRecordTouchpoints" : "sql:InsertTouchpoints") {
  }

  absl::Status Prepare() override {
    PH_ASSIGN_OR_RETURN(mysql::ConnectionPool * pool, context_.Pool());
    store_ = std::make_unique<cx::MySqlCxStore>(*pool);
    // The generated customers must have keys 1..N (see the file comment).
    const std::vector<std::string> probe = {CustomerId(1),
                                            CustomerId(Customers())};
    absl::flat_hash_map<std::string, int64_t> keys;
    PH_RETURN_IF_ERROR(store_->Read([&](cx::CxTx& tx) -> absl::Status {
      PH_ASSIGN_OR_RETURN(keys, tx.CustomerKeys(probe));
      return absl::OkStatus();
    }));
    if (keys[probe[0]] != 1 || keys[probe[1]] != Customers()) {
      return absl::FailedPreconditionError(
          absl::StrCat("customers ", probe[0], ".. ", probe[1],
                       " with keys 1..N are missing; generate them "
                       "(customer_experience.sh)"));
    }
    for (int w = 0; w < context_.concurrency(); ++w)
      random_.emplace_back(2000 + w);
    return absl::OkStatus();
  }

  grpc::StatusCode Call(int worker) override {
    const absl::Time now = absl::Now();
    const int n = BatchSize();
    std::vector<cx::Touchpoint> rows;
    rows.reserve(n);
    for (int i = 0; i < n; ++i) {
      rows.push_back(ToDomain(NextEvent(random_[worker], acknowledged_.prefix(),
                                        context_.NextSerial(), now),
                              now));
    }
    std::vector<const cx::Touchpoint*> ptrs;
    ptrs.reserve(n);
    for (const cx::Touchpoint& t : rows) ptrs.push_back(&t);
    int64_t inserted_count = 0;
    absl::Status s = store_->Transact([&](cx::CxTx& tx) -> absl::Status {
      if (full_) {
        PH_RETURN_IF_ERROR(cx::CheckFunnelLag(tx, cx::kDefaultFunnelMaxLag));
        std::vector<std::string> ids;
        ids.reserve(n);
        for (const cx::Touchpoint& t : rows) ids.push_back(t.customer_id);
        PH_ASSIGN_OR_RETURN(auto keys, tx.CustomerKeys(ids));
        if (static_cast<int>(keys.size()) == 0)
          return absl::InternalError("no customers");
      }
      PH_ASSIGN_OR_RETURN(std::vector<bool> inserted,
                          tx.InsertTouchpoints(ptrs));
      std::vector<const cx::Touchpoint*> recorded;
      for (size_t i = 0; i < ptrs.size(); ++i) {
        if (inserted[i]) recorded.push_back(ptrs[i]);
      }
      inserted_count = static_cast<int64_t>(recorded.size());
      if (full_) cx::PublishTouchpoints(tx, recorded, now);
      return absl::OkStatus();
    });
    if (!s.ok()) return errors_.Note(s);
    acknowledged_.Add(n, n - inserted_count, 0);
    return grpc::StatusCode::OK;
  }

 private:
  BenchContext& context_;
  const bool full_;
  std::unique_ptr<cx::MySqlCxStore> store_;
  std::vector<WorkerRandom> random_;
  Acknowledged acknowledged_;
  ErrorLog errors_;
};

// The benchmark's behavioural segment: customers in their twenties or
// thirties who viewed pages at least twice in the last 30 days, with any
// partner, and did not add anything to a cart with partner 7 in that time.
v1::SegmentCondition BenchSegment() {
  v1::SegmentCondition c;
  auto* all = c.mutable_all_of();
  auto* age = all->add_conditions()->mutable_age_band();
  age->add_age_bands(v1::Customer::TWENTIES);
  age->add_age_bands(v1::Customer::THIRTIES);
  auto* viewed = all->add_conditions()->mutable_touchpoint();
  viewed->set_type(v1::Touchpoint::PAGE_VIEW);
  viewed->set_min_count(2);
  viewed->mutable_window()->set_last_days(30);
  auto* carted =
      all->add_conditions()->mutable_negation()->mutable_touchpoint();
  carted->set_type(v1::Touchpoint::ADD_TO_CART);
  carted->set_partner("partners/7");
  carted->mutable_window()->set_last_days(30);
  return c;
}

class EstimateScenario final : public BlockingScenario {
 public:
  explicit EstimateScenario(BenchContext& context) : context_(context) {}

  absl::Status Prepare() override {
    PH_RETURN_IF_ERROR(context_.ConnectChannels(absl::Seconds(10)));
    for (int w = 0; w < context_.concurrency(); ++w) {
      stubs_.push_back(
          v1::CustomerExperienceService::NewStub(context_.Channel(w)));
    }
    *request_.mutable_condition() = BenchSegment();
    return absl::OkStatus();
  }

  grpc::StatusCode Call(int worker) override {
    grpc::ClientContext ctx;
    ctx.set_deadline(
        std::chrono::system_clock::now() +
        absl::ToChronoMilliseconds(context_.options().rpc_deadline));
    v1::EstimateSegmentSizeResponse resp;
    const grpc::Status s =
        stubs_[worker]->EstimateSegmentSize(&ctx, request_, &resp);
    if (!s.ok()) return errors_.Note(s.error_code(), s.error_message());
    if (!logged_.exchange(true)) {
      LogInfo("EstimateSegmentSize: member_count=", resp.member_count(),
              " matching_count=", resp.matching_count());
    }
    return grpc::StatusCode::OK;
  }

 private:
  BenchContext& context_;
  std::vector<std::unique_ptr<v1::CustomerExperienceService::Stub>> stubs_;
  v1::EstimateSegmentSizeRequest request_;
  std::atomic<bool> logged_{false};
  ErrorLog errors_{"EstimateSegmentSize"};
};

class SqlEstimateScenario final : public BlockingScenario {
 public:
  explicit SqlEstimateScenario(BenchContext& context) : context_(context) {}

  absl::Status Prepare() override {
    PH_ASSIGN_OR_RETURN(mysql::ConnectionPool * pool, context_.Pool());
    store_ = std::make_unique<cx::MySqlCxStore>(*pool);
    // The same condition as the RPC's, in domain terms (built by hand to
    // keep the handler out of the baseline).
    using Kind = cx::Condition::Kind;
    cx::Condition age{.kind = Kind::kAgeBand, .values = {2, 3}};
    cx::Condition viewed{.kind = Kind::kTouchpoint,
                         .min_count = 2,
                         .touchpoint_type = cx::TouchpointType::kPageView,
                         .window = {.last_days = 30}};
    cx::Condition carted{.kind = Kind::kTouchpoint,
                         .partner_id = 7,
                         .min_count = 1,
                         .touchpoint_type = cx::TouchpointType::kAddToCart,
                         .window = {.last_days = 30}};
    cx::Condition negation{.kind = Kind::kNot, .children = {carted}};
    condition_ = cx::Condition{.kind = Kind::kAllOf,
                               .children = {age, viewed, negation}};
    return absl::OkStatus();
  }

  grpc::StatusCode Call(int) override {
    absl::Status s = store_->Read([&](cx::CxTx& tx) -> absl::Status {
      return tx.CountSegment(condition_, absl::Now()).status();
    });
    return s.ok() ? grpc::StatusCode::OK : errors_.Note(s);
  }

 private:
  BenchContext& context_;
  std::unique_ptr<cx::MySqlCxStore> store_;
  cx::Condition condition_;
  ErrorLog errors_{"sql:EstimateSegmentSize"};
};

}  // namespace

void RegisterCustomerExperienceScenarios(ScenarioRegistry& registry) {
  ScenarioInfo batch;
  batch.name = "BatchRecordTouchpoints";
  batch.description =
      "CustomerExperienceService/BatchRecordTouchpoints of "
      "PARTNERHUB_BENCH_CX_BATCH "
      "(1000) new "
      "events; events/s = req/s x batch";
  batch.comparisons = {{"sql:InsertTouchpoints", 0.50},
                       {"sql:BatchRecordTouchpoints", std::nullopt}};
  batch.create = [](BenchContext& c) -> std::unique_ptr<Scenario> {
    return std::make_unique<BatchRecordScenario>(c);
  };
  registry.Add(std::move(batch));

  ScenarioInfo sql_batch;
  sql_batch.name = "sql:BatchRecordTouchpoints";
  sql_batch.description =
      "the batch's whole transaction through MySqlCxStore: customer keys, "
      "multi-row "
      "INSERTs, funnel upserts";
  sql_batch.create = [](BenchContext& c) -> std::unique_ptr<Scenario> {
    return std::make_unique<SqlBatchScenario>(c, /*full=*/true);
  };
  registry.Add(std::move(sql_batch));

  ScenarioInfo sql_insert;
  sql_insert.name = "sql:InsertTouchpoints";
  sql_insert.description =
      "only the batch's multi-row INSERTs of touchpoints, in a transaction";
  sql_insert.create = [](BenchContext& c) -> std::unique_ptr<Scenario> {
    return std::make_unique<SqlBatchScenario>(c, /*full=*/false);
  };
  registry.Add(std::move(sql_insert));

  ScenarioInfo estimate;
  estimate.name = "EstimateSegmentSize";
  estimate.description =
      "CustomerExperienceService/EstimateSegmentSize of a behavioural segment "
      "(20s-30s, >= 2 page "
      "views in 30 days, no add-to-cart with partners/7)";
  estimate.comparisons = {{"sql:EstimateSegmentSize", std::nullopt}};
  estimate.create = [](BenchContext& c) -> std::unique_ptr<Scenario> {
    return std::make_unique<EstimateScenario>(c);
  };
  registry.Add(std::move(estimate));

  ScenarioInfo sql_estimate;
  sql_estimate.name = "sql:EstimateSegmentSize";
  sql_estimate.description = "the segment's COUNT query through MySqlCxStore";
  sql_estimate.create = [](BenchContext& c) -> std::unique_ptr<Scenario> {
    return std::make_unique<SqlEstimateScenario>(c);
  };
  registry.Add(std::move(sql_estimate));
}

}  // namespace partnerhub::bench
