// The partner-registry RPCs, through the service's full stack (gRPC, handler,
// domain, storage, MariaDB):
//   GetPartner     reads a random one of --seed_partners partners created
//                  through CreatePartner in Prepare.
//   CreatePartner  creates a partner: new request_id, new valid
//                  registration number each call.
// Each is compared with its direct-SQL twin (scenario_partner_registry_sql.cc).
#include <grpcpp/client_context.h>

#include <chrono>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "partnerhub/partner_registry/v1/partner_registry.grpc.pb.h"
#include "tools/bench/load_generator.h"
#include "tools/bench/partner_registry_fixture.h"
#include "tools/bench/rpc_slot.h"
#include "tools/bench/scenario.h"

namespace partnerhub::bench {
namespace {

namespace v1 = ::partnerhub::partner_registry::v1;

// What both RPC scenarios share: a stub per worker.
class PartnerRegistryRpc {
 public:
  explicit PartnerRegistryRpc(BenchContext& context) : context_(context) {}

  absl::Status Connect() {
    if (absl::Status s = context_.ConnectChannels(absl::Seconds(10)); !s.ok()) {
      return s;
    }
    for (int w = 0; w < context_.concurrency(); ++w) {
      stubs_.push_back(
          v1::PartnerRegistryService::NewStub(context_.Channel(w)));
    }
    return absl::OkStatus();
  }

  v1::PartnerRegistryService::Stub& stub(int worker) { return *stubs_[worker]; }
  BenchContext& context() { return context_; }
  absl::Duration deadline() const { return context_.options().rpc_deadline; }

 private:
  BenchContext& context_;
  std::vector<std::unique_ptr<v1::PartnerRegistryService::Stub>> stubs_;
};

class GetPartnerScenario final : public AsyncScenario {
 public:
  explicit GetPartnerScenario(BenchContext& context) : rpc_(context) {}

  absl::Status Prepare() override {
    if (absl::Status s = rpc_.Connect(); !s.ok()) return s;
    BenchContext& context = rpc_.context();
    const int count = context.options().seed_partners;
    names_.assign(count, "");
    LogInfo("GetPartner: creating ", count, " partners to read");
    // Seeding is not measured: plain blocking calls.
    absl::Status seeded =
        RunParallel(count, context.concurrency(), [&](int i, int thread) {
          grpc::ClientContext rpc;
          rpc.set_deadline(std::chrono::system_clock::now() +
                           absl::ToChronoMilliseconds(rpc_.deadline()));
          v1::Partner created;
          const grpc::Status s = rpc_.stub(thread).CreatePartner(
              &rpc, NewCreatePartnerRequest(context), &created);
          if (!s.ok()) {
            return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                                absl::StrCat("seeding through CreatePartner: ",
                                             s.error_message()));
          }
          names_[i] = created.name();
          return absl::OkStatus();
        });
    if (!seeded.ok()) return seeded;
    slots_ =
        MakeSlots<v1::GetPartnerRequest, v1::Partner>(context.concurrency());
    for (int w = 0; w < context.concurrency(); ++w) random_.emplace_back(w);
    return absl::OkStatus();
  }

  void StartCall(int worker, CallDone done) override {
    Slot& slot = *slots_[worker];
    slot.request.set_name(names_[random_[worker].Below(names_.size())]);
    slot.Start(rpc_.stub(worker).PrepareAsyncGetPartner(
                   slot.NewContext(rpc_.deadline()), slot.request,
                   rpc_.context().Queue(worker)),
               [this, done = std::move(done)](const grpc::Status& s) {
                 done(errors_.Note(s.error_code(), s.error_message()));
               });
  }

 private:
  using Slot = RpcSlot<v1::GetPartnerRequest, v1::Partner>;

  PartnerRegistryRpc rpc_;
  std::vector<std::string> names_;
  std::vector<WorkerRandom> random_;
  std::vector<std::unique_ptr<Slot>> slots_;
  ErrorLog errors_{"GetPartner"};
};

class CreatePartnerScenario final : public AsyncScenario {
 public:
  explicit CreatePartnerScenario(BenchContext& context) : rpc_(context) {}

  absl::Status Prepare() override {
    if (absl::Status s = rpc_.Connect(); !s.ok()) return s;
    slots_ = MakeSlots<v1::CreatePartnerRequest, v1::Partner>(
        rpc_.context().concurrency());
    return absl::OkStatus();
  }

  void StartCall(int worker, CallDone done) override {
    Slot& slot = *slots_[worker];
    slot.request = NewCreatePartnerRequest(rpc_.context());
    slot.Start(rpc_.stub(worker).PrepareAsyncCreatePartner(
                   slot.NewContext(rpc_.deadline()), slot.request,
                   rpc_.context().Queue(worker)),
               [this, done = std::move(done)](const grpc::Status& s) {
                 done(errors_.Note(s.error_code(), s.error_message()));
               });
  }

 private:
  using Slot = RpcSlot<v1::CreatePartnerRequest, v1::Partner>;

  PartnerRegistryRpc rpc_;
  std::vector<std::unique_ptr<Slot>> slots_;
  ErrorLog errors_{"CreatePartner"};
};

}  // namespace

void RegisterPartnerRegistryScenarios(ScenarioRegistry& registry) {
  ScenarioInfo get;
  get.name = "GetPartner";
  get.description =
      "PartnerRegistryService/GetPartner of a random seeded partner, through "
      "the "
      "whole service";
  get.comparisons = {{"sql:GetPartner", 0.60}, {"health", std::nullopt}};
  get.create = [](BenchContext& c) -> std::unique_ptr<Scenario> {
    return std::make_unique<GetPartnerScenario>(c);
  };
  registry.Add(std::move(get));

  ScenarioInfo create;
  create.name = "CreatePartner";
  create.description =
      "PartnerRegistryService/CreatePartner with a new request_id and "
      "registration "
      "number each call, through the whole service";
  create.comparisons = {{"sql:CreatePartner", 0.60}, {"health", std::nullopt}};
  create.create = [](BenchContext& c) -> std::unique_ptr<Scenario> {
    return std::make_unique<CreatePartnerScenario>(c);
  };
  registry.Add(std::move(create));
}

}  // namespace partnerhub::bench
