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
#include "tools/bench/scenario.h"

namespace partnerhub::bench {
namespace {

namespace v1 = ::partnerhub::partner_registry::v1;

// What both RPC scenarios share: a stub per worker, deadlines.
class PartnerRegistryRpc {
 public:
  explicit PartnerRegistryRpc(BenchContext& context) : context_(context) {}

  absl::Status Connect() {
    if (absl::Status s = context_.ConnectChannels(absl::Seconds(10)); !s.ok()) {
      return s;
    }
    for (int w = 0; w < context_.concurrency(); ++w) {
      stubs_.push_back(v1::PartnerRegistry::NewStub(context_.Channel(w)));
    }
    return absl::OkStatus();
  }

  void SetDeadline(grpc::ClientContext& rpc) const {
    rpc.set_deadline(
        std::chrono::system_clock::now() +
        absl::ToChronoMilliseconds(context_.options().rpc_deadline));
  }

  grpc::Status Create(int worker, v1::Partner& created) {
    grpc::ClientContext rpc;
    SetDeadline(rpc);
    const v1::CreatePartnerRequest request = NewCreatePartnerRequest(context_);
    return stubs_[worker]->CreatePartner(&rpc, request, &created);
  }

  v1::PartnerRegistry::Stub& stub(int worker) { return *stubs_[worker]; }
  BenchContext& context() { return context_; }

 private:
  BenchContext& context_;
  std::vector<std::unique_ptr<v1::PartnerRegistry::Stub>> stubs_;
};

class GetPartnerScenario final : public Scenario {
 public:
  explicit GetPartnerScenario(BenchContext& context) : rpc_(context) {}

  absl::Status Prepare() override {
    if (absl::Status s = rpc_.Connect(); !s.ok()) return s;
    const int count = rpc_.context().options().seed_partners;
    names_.assign(count, "");
    LogInfo("GetPartner: creating ", count, " partners to read");
    absl::Status seeded = RunParallel(
        count, rpc_.context().concurrency(), [&](int i, int thread) {
          v1::Partner created;
          const grpc::Status s = rpc_.Create(thread, created);
          if (!s.ok()) {
            return absl::Status(
                static_cast<absl::StatusCode>(s.error_code()),
                absl::StrCat("seeding through CreatePartner: ",
                             s.error_message()));
          }
          names_[i] = created.name();
          return absl::OkStatus();
        });
    if (!seeded.ok()) return seeded;
    for (int w = 0; w < rpc_.context().concurrency(); ++w) {
      random_.emplace_back(w);
    }
    return absl::OkStatus();
  }

  grpc::StatusCode Call(int worker) override {
    grpc::ClientContext rpc;
    rpc_.SetDeadline(rpc);
    v1::GetPartnerRequest request;
    request.set_name(names_[random_[worker].Below(names_.size())]);
    v1::Partner partner;
    const grpc::Status s = rpc_.stub(worker).GetPartner(&rpc, request, &partner);
    return errors_.Note(s.error_code(), s.error_message());
  }

 private:
  PartnerRegistryRpc rpc_;
  std::vector<std::string> names_;
  std::vector<WorkerRandom> random_;
  ErrorLog errors_{"GetPartner"};
};

class CreatePartnerScenario final : public Scenario {
 public:
  explicit CreatePartnerScenario(BenchContext& context) : rpc_(context) {}

  absl::Status Prepare() override { return rpc_.Connect(); }

  grpc::StatusCode Call(int worker) override {
    v1::Partner created;
    const grpc::Status s = rpc_.Create(worker, created);
    return errors_.Note(s.error_code(), s.error_message());
  }

 private:
  PartnerRegistryRpc rpc_;
  ErrorLog errors_{"CreatePartner"};
};

}  // namespace

void RegisterPartnerRegistryScenarios(ScenarioRegistry& registry) {
  ScenarioInfo get;
  get.name = "GetPartner";
  get.description =
      "PartnerRegistry/GetPartner of a random seeded partner, through the "
      "whole service";
  get.comparisons = {{"sql:GetPartner", 0.60}, {"health", std::nullopt}};
  get.create = [](BenchContext& c) -> std::unique_ptr<Scenario> {
    return std::make_unique<GetPartnerScenario>(c);
  };
  registry.Add(std::move(get));

  ScenarioInfo create;
  create.name = "CreatePartner";
  create.description =
      "PartnerRegistry/CreatePartner with a new request_id and registration "
      "number each call, through the whole service";
  create.comparisons = {{"sql:CreatePartner", 0.60}, {"health", std::nullopt}};
  create.create = [](BenchContext& c) -> std::unique_ptr<Scenario> {
    return std::make_unique<CreatePartnerScenario>(c);
  };
  registry.Add(std::move(create));
}

}  // namespace partnerhub::bench
