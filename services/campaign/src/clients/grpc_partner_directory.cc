#include "services/campaign/src/clients/grpc_partner_directory.h"

#include "absl/strings/str_cat.h"
#include "common/grpc/downstream.h"
#include "common/status/error_details.h"
#include "services/campaign/src/domain/errors.h"
#include "services/campaign/src/domain/resource_names.h"

namespace partnerhub::campaign {
namespace {

namespace prv1 = ::partnerhub::partner_registry::v1;
constexpr absl::string_view kService = "partner-registry";

}  // namespace

GrpcPartnerDirectory::GrpcPartnerDirectory(
    std::shared_ptr<grpc::Channel> channel, absl::Duration timeout)
    : stub_(prv1::PartnerRegistryService::NewStub(std::move(channel))),
      timeout_(timeout) {}

absl::StatusOr<PartnerInfo> GrpcPartnerDirectory::GetPartner(
    int64_t partner_id) {
  prv1::GetPartnerRequest req;
  req.set_name(PartnerName(partner_id));
  prv1::Partner resp;
  auto ctx = DeadlineContext(timeout_);
  const grpc::Status s = stub_->GetPartner(ctx.get(), req, &resp);
  if (!s.ok()) return FromDownstream(kService, s);
  return PartnerInfo{.state = prv1::Partner::State_Name(resp.state())};
}

absl::StatusOr<int32_t> GrpcPartnerDirectory::DiscountShareInForce(
    int64_t partner_id) {
  prv1::ListAgreementsRequest req;
  req.set_parent(PartnerName(partner_id));
  req.set_page_size(1000);
  // A partner has few agreements; a few pages at most.
  for (int page = 0; page < 20; ++page) {
    prv1::ListAgreementsResponse resp;
    auto ctx = DeadlineContext(timeout_);
    const grpc::Status s = stub_->ListAgreements(ctx.get(), req, &resp);
    if (!s.ok()) return FromDownstream(kService, s);
    for (const prv1::Agreement& a : resp.agreements()) {
      if (a.in_force()) return a.partner_discount_share_bps();
    }
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  // Campaign decides this from partner-registry's list: campaign's reason.
  return FailedPrecondition(
      reason::kNoAgreementInForce, PartnerName(partner_id),
      absl::StrCat("no agreement of ", PartnerName(partner_id),
                   " is in force today"));
}

}  // namespace partnerhub::campaign
