// One file: each direct-SQL baseline beside the RPC it must match.
// The campaign service's scenarios and their direct-SQL baselines.
//
// Preparation (once per bench process, not measured): an ACTIVE partner with
// an agreement in force is made through partner-registry's API
// (--campaign_partner_registry), then a RUNNING campaign with one 10%-off
// offer and a budget that never runs out through the campaign service, and
// --campaign_codes bulk codes issued by the service's own issuance job.
//
//   RedeemCoupon        CampaignService/RedeemCoupon of a code never used
//                       before, with a new request_id: each call uses one
//                       code up.
//   sql:RedeemCoupon    the same SQL without gRPC, handler or domain, through
//                       MySqlCampaignStore on a pool in the bench process:
//                       the lookup query, then the transaction (INSERT the
//                       redemption, the conditional UPDATE of code, offer and
//                       campaign, the event appended to the outbox), on codes
//                       of its own.
//   RedeemCoupon:retry  the same RedeemCoupon request again and again (one
//                       per worker, redeemed in preparation): the answer to a
//                       retry.
//   ValidateCoupon      CampaignService/ValidateCoupon of a random one of
//                       1000 codes kept unused.
//   sql:ValidateCoupon  its lookup query through MySqlCampaignStore.
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/grpc/proto_convert.h"
#include "common/log/log.h"
#include "common/status/status_macros.h"
#include "partnerhub/campaign/v1/campaign.grpc.pb.h"
#include "partnerhub/partner_registry/v1/partner_registry.grpc.pb.h"
#include "services/campaign/src/domain/coupons.h"
#include "services/campaign/src/domain/rules.h"
#include "services/campaign/src/domain/store.h"
#include "services/campaign/src/storage/mysql_campaign_store.h"
#include "tools/bench/partner_registry_fixture.h"
#include "tools/bench/rpc_slot.h"
#include "tools/bench/scenario.h"

ABSL_FLAG(std::string, campaign_partner_registry, "",
          "partner-registry host:port the campaign scenarios make their "
          "partner with (default: --target's host, port 50051)");
ABSL_FLAG(int, campaign_codes, 300000,
          "coupon codes the campaign scenarios issue in preparation; every "
          "RedeemCoupon and sql:RedeemCoupon call uses one up");

namespace partnerhub::bench {

void RegisterCampaignScenarios(ScenarioRegistry& registry);

namespace {

namespace v1 = ::partnerhub::campaign::v1;
namespace prv1 = ::partnerhub::partner_registry::v1;
namespace domain = ::partnerhub::campaign;

constexpr int64_t kOrderAmount = 20000;
constexpr int kValidateCodes = 1000;

absl::Status FromGrpc(absl::string_view what, const grpc::Status& s) {
  if (s.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                      absl::StrCat(what, ": ", s.error_message()));
}

std::unique_ptr<grpc::ClientContext> Context() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() +
                    std::chrono::seconds(60));
  return ctx;
}

// The campaign, its partner and its codes, made once per bench process and
// shared by every campaign scenario.
class CampaignSetup {
 public:
  static absl::StatusOr<CampaignSetup*> Get(BenchContext& context) {
    static CampaignSetup* setup = nullptr;  // main thread only (Prepare)
    if (setup == nullptr) {
      auto made = std::make_unique<CampaignSetup>();
      PH_RETURN_IF_ERROR(made->Make(context));
      setup = made.release();
    }
    return setup;
  }

  const std::string& partner() const { return partner_; }
  int64_t partner_id() const { return partner_id_; }

  // A code nobody used; empty when they are all used up.
  std::string TakeCode() {
    const size_t i = next_.fetch_add(1);
    return i < redeemable_ ? codes_[i] : std::string();
  }
  // Codes that are never redeemed (for ValidateCoupon).
  absl::string_view ValidateCode(uint64_t r) const {
    return codes_[redeemable_ + r % (codes_.size() - redeemable_)];
  }

  v1::CouponUse Use(const std::string& code, int worker) const {
    v1::CouponUse use;
    use.set_code(code);
    use.set_customer(absl::StrCat("customers/bench-", worker));
    use.set_partner(partner_);
    use.set_store("bench-store");
    use.set_order_id(code);
    use.mutable_order_amount()->set_currency_code("KRW");
    use.mutable_order_amount()->set_amount_minor(kOrderAmount);
    return use;
  }

 private:
  absl::Status Make(BenchContext& context) {
    PH_RETURN_IF_ERROR(context.ConnectChannels(absl::Seconds(10)));
    PH_RETURN_IF_ERROR(MakePartner(context));
    auto stub = v1::CampaignService::NewStub(context.Channel(0));
    v1::CreateCampaignRequest create;
    v1::Campaign* c = create.mutable_campaign();
    c->set_partner(partner_);
    c->set_display_name(absl::StrCat("Bench campaign ", context.run_id()));
    c->set_objective(v1::Campaign::ACQUISITION);
    c->set_channel(v1::Campaign::PARTNER_STORE);
    *c->mutable_start_time() = ToProtoTime(absl::Now() - absl::Minutes(1));
    *c->mutable_end_time() = ToProtoTime(absl::Now() + absl::Hours(24 * 30));
    c->mutable_budget()->set_currency_code("KRW");
    c->mutable_budget()->set_amount_minor(domain::kMaxAmountMinor);
    v1::Campaign campaign;
    PH_RETURN_IF_ERROR(
        FromGrpc("CreateCampaign",
                 stub->CreateCampaign(Context().get(), create, &campaign)));
    v1::CreateOfferRequest co;
    co.set_parent(campaign.name());
    co.mutable_offer()->set_display_name("10% off");
    co.mutable_offer()->mutable_percent_off()->set_percent_bps(1000);
    v1::Offer offer;
    PH_RETURN_IF_ERROR(FromGrpc(
        "CreateOffer", stub->CreateOffer(Context().get(), co, &offer)));
    for (auto state : {v1::Campaign::SCHEDULED, v1::Campaign::RUNNING}) {
      v1::TransitionCampaignRequest t;
      t.set_name(campaign.name());
      t.set_state(state);
      PH_RETURN_IF_ERROR(
          FromGrpc("TransitionCampaign",
                   stub->TransitionCampaign(Context().get(), t, &campaign)));
    }

    const int count =
        std::max(absl::GetFlag(FLAGS_campaign_codes), 2 * kValidateCodes);
    LogInfo("campaign scenarios: issuing ", count, " codes for ", offer.name());
    const absl::Time start = absl::Now();
    v1::CreateCodeIssuanceRequest ci;
    ci.set_parent(offer.name());
    ci.mutable_issuance()->set_kind(v1::CodeIssuance::BULK);
    ci.mutable_issuance()->set_count(count);
    v1::CodeIssuance job;
    PH_RETURN_IF_ERROR(
        FromGrpc("CreateCodeIssuance",
                 stub->CreateCodeIssuance(Context().get(), ci, &job)));
    while (job.state() == v1::CodeIssuance::RUNNING) {
      absl::SleepFor(absl::Milliseconds(200));
      v1::GetCodeIssuanceRequest g;
      g.set_name(job.name());
      PH_RETURN_IF_ERROR(FromGrpc(
          "GetCodeIssuance", stub->GetCodeIssuance(Context().get(), g, &job)));
    }
    if (job.state() != v1::CodeIssuance::SUCCEEDED) {
      return absl::InternalError(
          absl::StrCat("issuance failed: ", job.error()));
    }
    v1::ListCouponCodesRequest list;
    list.set_parent(job.name());
    list.set_page_size(10000);
    codes_.reserve(count);
    while (true) {
      v1::ListCouponCodesResponse page;
      PH_RETURN_IF_ERROR(
          FromGrpc("ListCouponCodes",
                   stub->ListCouponCodes(Context().get(), list, &page)));
      for (const auto& code : page.coupon_codes())
        codes_.push_back(code.code());
      if (page.next_page_token().empty()) break;
      list.set_page_token(page.next_page_token());
    }
    redeemable_ = codes_.size() - kValidateCodes;
    LogInfo("campaign scenarios: ", codes_.size(),
            " codes issued and listed in ",
            absl::FormatDuration(
                absl::Trunc(absl::Now() - start, absl::Milliseconds(1))));
    return absl::OkStatus();
  }

  // An ACTIVE partner with a signed agreement in force, through
  // partner-registry's API.
  absl::Status MakePartner(BenchContext& context) {
    std::string address = absl::GetFlag(FLAGS_campaign_partner_registry);
    if (address.empty()) {
      std::vector<std::string> host_port =
          absl::StrSplit(context.options().target, absl::MaxSplits(':', 1));
      address = absl::StrCat(host_port[0], ":50051");
    }
    auto stub = prv1::PartnerRegistryService::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    prv1::CreatePartnerRequest create = NewCreatePartnerRequest(context);
    create.mutable_partner()->set_category(prv1::Partner::FOOD_AND_BEVERAGE);
    prv1::Partner partner;
    PH_RETURN_IF_ERROR(
        FromGrpc(absl::StrCat("CreatePartner at ", address,
                              " (set --campaign_partner_registry)"),
                 stub->CreatePartner(Context().get(), create, &partner)));
    auto move = [&](prv1::Partner::State state) {
      prv1::TransitionPartnerRequest t;
      t.set_name(partner.name());
      t.set_state(state);
      t.set_reason("campaign bench");
      return FromGrpc("TransitionPartner",
                      stub->TransitionPartner(Context().get(), t, &partner));
    };
    PH_RETURN_IF_ERROR(move(prv1::Partner::NEGOTIATING));
    PH_RETURN_IF_ERROR(move(prv1::Partner::CONTRACTED));
    const absl::CivilDay today =
        absl::ToCivilDay(absl::Now(), absl::FixedTimeZone(9 * 3600));
    auto date = [](absl::CivilDay d) {
      partnerhub::type::v1::Date out;
      out.set_year(static_cast<int>(d.year()));
      out.set_month(d.month());
      out.set_day(d.day());
      return out;
    };
    prv1::CreateAgreementRequest ca;
    ca.set_parent(partner.name());
    prv1::Agreement* a = ca.mutable_agreement();
    a->set_commission_rate_bps(1000);
    a->set_partner_discount_share_bps(5000);
    a->set_settlement_cycle(prv1::Agreement::MONTHLY);
    *a->mutable_start_date() = date(today - 1);
    *a->mutable_end_date() = date(today + 365);
    a->mutable_kpi_targets()->mutable_gmv()->set_currency_code("KRW");
    prv1::Agreement agreement;
    PH_RETURN_IF_ERROR(
        FromGrpc("CreateAgreement",
                 stub->CreateAgreement(Context().get(), ca, &agreement)));
    prv1::SignAgreementRequest sign;
    sign.set_name(agreement.name());
    PH_RETURN_IF_ERROR(
        FromGrpc("SignAgreement",
                 stub->SignAgreement(Context().get(), sign, &agreement)));
    PH_RETURN_IF_ERROR(move(prv1::Partner::ACTIVE));
    partner_ = partner.name();
    PH_ASSIGN_OR_RETURN(partner_id_, PartnerIdFromName(partner_));
    return absl::OkStatus();
  }

  std::string partner_;
  int64_t partner_id_ = 0;
  std::vector<std::string> codes_;
  size_t redeemable_ = 0;
  std::atomic<size_t> next_{0};
};

// A stub per worker on the campaign service, and the setup.
class CampaignRpc {
 public:
  explicit CampaignRpc(BenchContext& context) : context_(context) {}

  absl::Status Connect() {
    PH_ASSIGN_OR_RETURN(setup_, CampaignSetup::Get(context_));
    for (int w = 0; w < context_.concurrency(); ++w) {
      stubs_.push_back(v1::CampaignService::NewStub(context_.Channel(w)));
    }
    return absl::OkStatus();
  }

  v1::CampaignService::Stub& stub(int worker) { return *stubs_[worker]; }
  CampaignSetup& setup() { return *setup_; }
  BenchContext& context() { return context_; }
  absl::Duration deadline() const { return context_.options().rpc_deadline; }

 private:
  BenchContext& context_;
  CampaignSetup* setup_ = nullptr;
  std::vector<std::unique_ptr<v1::CampaignService::Stub>> stubs_;
};

class RedeemScenario final : public AsyncScenario {
 public:
  explicit RedeemScenario(BenchContext& context) : rpc_(context) {}

  absl::Status Prepare() override {
    PH_RETURN_IF_ERROR(rpc_.Connect());
    slots_ = MakeSlots<v1::RedeemCouponRequest, v1::Redemption>(
        rpc_.context().concurrency());
    return absl::OkStatus();
  }

  void StartCall(int worker, CallDone done) override {
    Slot& slot = *slots_[worker];
    const std::string code = rpc_.setup().TakeCode();
    if (code.empty()) {
      // Run out: report it, after returning (done never runs inside
      // StartCall), by a call that fails at once.
      slot.request.Clear();
    } else {
      *slot.request.mutable_use() = rpc_.setup().Use(code, worker);
      slot.request.set_request_id(NewRequestId(rpc_.context()));
    }
    slot.Start(rpc_.stub(worker).PrepareAsyncRedeemCoupon(
                   slot.NewContext(rpc_.deadline()), slot.request,
                   rpc_.context().Queue(worker)),
               [this, done = std::move(done)](const grpc::Status& s) {
                 done(errors_.Note(s.error_code(), s.error_message()));
               });
  }

 private:
  using Slot = RpcSlot<v1::RedeemCouponRequest, v1::Redemption>;
  CampaignRpc rpc_;
  std::vector<std::unique_ptr<Slot>> slots_;
  ErrorLog errors_{"RedeemCoupon"};
};

class RedeemRetryScenario final : public AsyncScenario {
 public:
  explicit RedeemRetryScenario(BenchContext& context) : rpc_(context) {}

  absl::Status Prepare() override {
    PH_RETURN_IF_ERROR(rpc_.Connect());
    const int n = rpc_.context().concurrency();
    slots_ = MakeSlots<v1::RedeemCouponRequest, v1::Redemption>(n);
    // One redemption per worker, made now; the measured calls repeat it.
    for (int w = 0; w < n; ++w) {
      Slot& slot = *slots_[w];
      *slot.request.mutable_use() =
          rpc_.setup().Use(rpc_.setup().TakeCode(), w);
      slot.request.set_request_id(NewRequestId(rpc_.context()));
      v1::Redemption first;
      PH_RETURN_IF_ERROR(FromGrpc(
          "RedeemCoupon",
          rpc_.stub(w).RedeemCoupon(Context().get(), slot.request, &first)));
    }
    return absl::OkStatus();
  }

  void StartCall(int worker, CallDone done) override {
    Slot& slot = *slots_[worker];
    slot.Start(rpc_.stub(worker).PrepareAsyncRedeemCoupon(
                   slot.NewContext(rpc_.deadline()), slot.request,
                   rpc_.context().Queue(worker)),
               [this, done = std::move(done)](const grpc::Status& s) {
                 done(errors_.Note(s.error_code(), s.error_message()));
               });
  }

 private:
  using Slot = RpcSlot<v1::RedeemCouponRequest, v1::Redemption>;
  CampaignRpc rpc_;
  std::vector<std::unique_ptr<Slot>> slots_;
  ErrorLog errors_{"RedeemCoupon:retry"};
};

class ValidateScenario final : public AsyncScenario {
 public:
  explicit ValidateScenario(BenchContext& context) : rpc_(context) {}

  absl::Status Prepare() override {
    PH_RETURN_IF_ERROR(rpc_.Connect());
    const int n = rpc_.context().concurrency();
    slots_ = MakeSlots<v1::ValidateCouponRequest, v1::CouponValidation>(n);
    for (int w = 0; w < n; ++w) random_.emplace_back(w + 1000);
    return absl::OkStatus();
  }

  void StartCall(int worker, CallDone done) override {
    Slot& slot = *slots_[worker];
    *slot.request.mutable_use() = rpc_.setup().Use(
        std::string(rpc_.setup().ValidateCode(random_[worker].Next())), worker);
    slot.Start(rpc_.stub(worker).PrepareAsyncValidateCoupon(
                   slot.NewContext(rpc_.deadline()), slot.request,
                   rpc_.context().Queue(worker)),
               [this, done = std::move(done)](const grpc::Status& s) {
                 done(errors_.Note(s.error_code(), s.error_message()));
               });
  }

 private:
  using Slot = RpcSlot<v1::ValidateCouponRequest, v1::CouponValidation>;
  CampaignRpc rpc_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<WorkerRandom> random_;
  ErrorLog errors_{"ValidateCoupon"};
};

// The direct-SQL baselines share the setup (its codes) and a store on the
// bench's pool.
class CampaignSql {
 public:
  explicit CampaignSql(BenchContext& context) : context_(context) {}

  absl::Status Open() {
    PH_RETURN_IF_ERROR(context_.ConnectChannels(absl::Seconds(10)));
    PH_ASSIGN_OR_RETURN(setup_, CampaignSetup::Get(context_));
    PH_ASSIGN_OR_RETURN(mysql::ConnectionPool * pool, context_.Pool());
    store_ = std::make_unique<domain::MySqlCampaignStore>(*pool);
    return absl::OkStatus();
  }

  // What RedeemCoupon runs against the database for `code`, and nothing
  // else: the lookup query, then one transaction of the redemption's
  // INSERT and the conditional UPDATE.
  absl::Status Redeem(const std::string& code, int worker) {
    const std::string request_id = NewRequestId(context_);
    const std::string customer = absl::StrCat("customers/bench-", worker);
    std::optional<domain::CouponContext> found;
    PH_RETURN_IF_ERROR(
        store_->Read([&](domain::CampaignTx& tx) -> absl::Status {
          PH_ASSIGN_OR_RETURN(found,
                              tx.LookupCoupon(code, customer, request_id));
          return absl::OkStatus();
        }));
    if (!found.has_value()) return absl::NotFoundError(code);
    const domain::CouponContext& ctx = *found;
    const absl::Time now = absl::Now();
    domain::Redemption r;
    r.campaign_id = ctx.campaign.id;
    r.offer_id = ctx.offer.id;
    r.code_id = ctx.code.id;
    r.code = code;
    r.customer = customer;
    r.partner_id = setup_->partner_id();
    r.store = "bench-store";
    r.order_id = code;
    r.currency_code = "KRW";
    r.order_amount_minor = kOrderAmount;
    r.discount_minor = kOrderAmount / 10;
    r.partner_cost_minor = r.discount_minor / 2;
    r.platform_cost_minor = r.discount_minor - r.partner_cost_minor;
    r.redeem_time = now;
    r.request_id = request_id;
    const domain::RedemptionCharge charge{.code_id = r.code_id,
                                          .offer_id = r.offer_id,
                                          .campaign_id = r.campaign_id,
                                          .customer = customer,
                                          .discount_minor = r.discount_minor};
    return store_->Transact([&](domain::CampaignTx& tx) -> absl::Status {
      PH_ASSIGN_OR_RETURN(r.id, tx.InsertRedemption(r));
      PH_ASSIGN_OR_RETURN(bool charged, tx.Charge(charge, 0, now));
      if (!charged) return absl::FailedPreconditionError("not charged");
      // The same outbox append as the service's (its event, its position).
      tx.Publish({now, domain::RedemptionChanged{
                           domain::RedemptionChanged::Change::kRedeemed, r}});
      return absl::OkStatus();
    });
  }

  absl::Status Lookup(const std::string& code, int worker) {
    return store_->Read([&](domain::CampaignTx& tx) -> absl::Status {
      return tx.LookupCoupon(code, absl::StrCat("customers/bench-", worker), "")
          .status();
    });
  }

  CampaignSetup& setup() { return *setup_; }

 private:
  BenchContext& context_;
  CampaignSetup* setup_ = nullptr;
  std::unique_ptr<domain::MySqlCampaignStore> store_;
};

class SqlRedeemScenario final : public BlockingScenario {
 public:
  explicit SqlRedeemScenario(BenchContext& context) : sql_(context) {}
  absl::Status Prepare() override { return sql_.Open(); }
  grpc::StatusCode Call(int worker) override {
    const std::string code = sql_.setup().TakeCode();
    if (code.empty()) {
      return errors_.Note(
          absl::ResourceExhaustedError("out of codes: raise --campaign_codes"));
    }
    return errors_.Note(sql_.Redeem(code, worker));
  }

 private:
  CampaignSql sql_;
  ErrorLog errors_{"sql:RedeemCoupon"};
};

class SqlValidateScenario final : public BlockingScenario {
 public:
  explicit SqlValidateScenario(BenchContext& context) : sql_(context) {}
  absl::Status Prepare() override {
    PH_RETURN_IF_ERROR(sql_.Open());
    for (int w = 0; w < 1024; ++w) random_.emplace_back(w + 1000);
    return absl::OkStatus();
  }
  grpc::StatusCode Call(int worker) override {
    const std::string code(sql_.setup().ValidateCode(random_[worker].Next()));
    return errors_.Note(sql_.Lookup(code, worker));
  }

 private:
  CampaignSql sql_;
  std::vector<WorkerRandom> random_;
  ErrorLog errors_{"sql:ValidateCoupon"};
};

template <typename S>
ScenarioInfo Info(std::string name, std::string description,
                  std::vector<Comparison> comparisons) {
  ScenarioInfo info;
  info.name = std::move(name);
  info.description = std::move(description);
  info.comparisons = std::move(comparisons);
  info.create = [](BenchContext& c) -> std::unique_ptr<Scenario> {
    return std::make_unique<S>(c);
  };
  return info;
}

}  // namespace

void RegisterCampaignScenarios(ScenarioRegistry& registry) {
  registry.Add(Info<RedeemScenario>(
      "RedeemCoupon",
      "CampaignService/RedeemCoupon of a code never used, new request_id",
      {{"sql:RedeemCoupon", 0.70}, {"health", std::nullopt}}));
  registry.Add(Info<SqlRedeemScenario>(
      "sql:RedeemCoupon",
      "baseline of RedeemCoupon: its lookup and transaction through "
      "MySqlCampaignStore on a pool in the bench process",
      {}));
  registry.Add(Info<RedeemRetryScenario>(
      "RedeemCoupon:retry",
      "RedeemCoupon repeating an executed request (same request_id)",
      {{"health", 0.50}}));
  registry.Add(Info<ValidateScenario>(
      "ValidateCoupon",
      "CampaignService/ValidateCoupon of a random unused code",
      {{"sql:ValidateCoupon", std::nullopt}, {"health", std::nullopt}}));
  registry.Add(Info<SqlValidateScenario>(
      "sql:ValidateCoupon",
      "baseline of ValidateCoupon: its lookup query through MySqlCampaignStore",
      {}));
}

}  // namespace partnerhub::bench
