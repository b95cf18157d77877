// The direct-SQL baselines of the partner-registry RPCs: the service's own
// storage layer (MySqlPartnerStore) on a connection pool in this process,
// with no gRPC, handler or domain in between.
//   sql:GetPartner     store.Read → tx.GetPartner(id) of a random one of
//                      --seed_partners partners inserted in Prepare.
//   sql:CreatePartner  the insert transaction CreatePartner runs: claim the
//                      request_id, insert the partner and its creation state
//                      change, record the request's result.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/fingerprint.h"
#include "common/api/request_key.h"
#include "common/log/log.h"
#include "common/status/status_macros.h"
#include "services/partner_registry/src/domain/events.h"
#include "services/partner_registry/src/domain/store.h"
#include "services/partner_registry/src/storage/mysql_partner_store.h"
#include "tools/bench/load_generator.h"
#include "tools/bench/partner_registry_fixture.h"
#include "tools/bench/scenario.h"

namespace partnerhub::bench {
namespace {

namespace domain = ::partnerhub::partner_registry;

absl::StatusOr<std::unique_ptr<domain::PartnerStore>> OpenStore(
    BenchContext& context) {
  PH_ASSIGN_OR_RETURN(mysql::ConnectionPool * pool, context.Pool());
  return std::make_unique<domain::MySqlPartnerStore>(*pool);
}

// CreatePartner's transaction, as the service runs it. Returns the new id.
absl::StatusOr<int64_t> InsertPartner(BenchContext& context,
                                      domain::PartnerStore& store) {
  const absl::Time now = absl::Now();
  const domain::Partner partner = NewPartner(context, now);
  // The service fingerprints the request to tell a retry from a reused id;
  // hash comparable bytes so that cost is in the baseline too.
  const RequestKey key{
      NewRequestId(context),
      Fingerprint(absl::StrCat(partner.display_name, "\n", partner.legal_name,
                               "\n", partner.business_registration_number, "\n",
                               partner.account_manager, "\n", partner.needs,
                               "\n", partner.value_proposition))};
  int64_t id = 0;
  PH_RETURN_IF_ERROR(store.Transact([&](domain::PartnerTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::optional<std::string> earlier,
                        tx.ClaimRequest(key, now));
    if (earlier.has_value()) {
      return absl::InternalError(
          absl::StrCat("request_id ", key.request_id, " was used before"));
    }
    domain::Partner created = partner;
    PH_ASSIGN_OR_RETURN(id, tx.InsertPartner(created));
    created.id = id;
    domain::PartnerStateChange change;
    change.partner_id = id;
    change.from_state = std::nullopt;
    change.to_state = domain::PartnerState::kProspect;
    change.reason = "created";
    change.change_time = now;
    PH_RETURN_IF_ERROR(tx.InsertStateChange(change).status());
    PH_RETURN_IF_ERROR(
        tx.RecordRequestResult(key, absl::StrCat("partners/", id)));
    // The same outbox append as the service's.
    tx.Publish({now, domain::PartnerChanged{
                         domain::PartnerChanged::Change::kCreated, created}});
    return absl::OkStatus();
  }));
  return id;
}

class SqlGetPartnerScenario final : public BlockingScenario {
 public:
  explicit SqlGetPartnerScenario(BenchContext& context) : context_(context) {}

  absl::Status Prepare() override {
    PH_ASSIGN_OR_RETURN(store_, OpenStore(context_));
    const int count = context_.options().seed_partners;
    ids_.assign(count, 0);
    LogInfo("sql:GetPartner: inserting ", count, " partners to read");
    PH_RETURN_IF_ERROR(RunParallel(
        count, context_.concurrency(), [&](int i, int) -> absl::Status {
          PH_ASSIGN_OR_RETURN(ids_[i], InsertPartner(context_, *store_));
          return absl::OkStatus();
        }));
    for (int w = 0; w < context_.concurrency(); ++w) random_.emplace_back(w);
    return absl::OkStatus();
  }

  grpc::StatusCode Call(int worker) override {
    const int64_t id = ids_[random_[worker].Below(ids_.size())];
    return errors_.Note(store_->Read(
        [&](domain::PartnerTx& tx) { return tx.GetPartner(id).status(); }));
  }

 private:
  BenchContext& context_;
  std::unique_ptr<domain::PartnerStore> store_;
  std::vector<int64_t> ids_;
  std::vector<WorkerRandom> random_;
  ErrorLog errors_{"sql:GetPartner"};
};

class SqlCreatePartnerScenario final : public BlockingScenario {
 public:
  explicit SqlCreatePartnerScenario(BenchContext& context)
      : context_(context) {}

  absl::Status Prepare() override {
    PH_ASSIGN_OR_RETURN(store_, OpenStore(context_));
    return absl::OkStatus();
  }

  grpc::StatusCode Call(int) override {
    return errors_.Note(InsertPartner(context_, *store_).status());
  }

 private:
  BenchContext& context_;
  std::unique_ptr<domain::PartnerStore> store_;
  ErrorLog errors_{"sql:CreatePartner"};
};

}  // namespace

void RegisterPartnerRegistrySqlScenarios(ScenarioRegistry& registry) {
  ScenarioInfo get;
  get.name = "sql:GetPartner";
  get.description =
      "baseline of GetPartner: the same lookup through MySqlPartnerStore on "
      "a pool in the bench process";
  get.create = [](BenchContext& c) -> std::unique_ptr<Scenario> {
    return std::make_unique<SqlGetPartnerScenario>(c);
  };
  registry.Add(std::move(get));

  ScenarioInfo create;
  create.name = "sql:CreatePartner";
  create.description =
      "baseline of CreatePartner: the same insert transaction through "
      "MySqlPartnerStore on a pool in the bench process";
  create.create = [](BenchContext& c) -> std::unique_ptr<Scenario> {
    return std::make_unique<SqlCreatePartnerScenario>(c);
  };
  registry.Add(std::move(create));
}

}  // namespace partnerhub::bench
