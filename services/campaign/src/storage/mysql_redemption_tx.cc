// MySqlCampaignTx: the redemption path.
#include <cppconn/resultset.h>

#include "absl/strings/str_cat.h"
#include "common/mysql/guarded.h"
#include "common/mysql/keyset_list.h"
#include "common/mysql/statement.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "services/campaign/src/domain/enum_names.h"
#include "services/campaign/src/domain/resource_names.h"
#include "services/campaign/src/storage/mysql_campaign_tx.h"
#include "services/campaign/src/storage/rows.h"
#include "services/campaign/src/storage/sql.h"
#include "services/campaign/src/storage/tx_util.h"

namespace partnerhub::campaign {
namespace {

using mysql::Execute;
using mysql::Guarded;
using mysql::Optional;
using mysql::Query;
namespace q = sql_text;

}  // namespace

absl::StatusOr<std::optional<CouponContext>> MySqlCampaignTx::LookupCoupon(
    const std::string& code, const std::string& customer,
    const std::string& request_id) {
  return Guarded(conn_, [&]() -> std::optional<CouponContext> {
    auto rs = Query(conn_, q::kLookupCoupon, {customer, request_id, code});
    if (!rs->next()) return std::nullopt;
    static const std::string kCode = "k_", kOffer = "o_", kCampaign = "c_",
                             kRedemption = "r_";
    CouponContext ctx;
    ctx.code = ReadCode(*rs, kCode);
    ctx.offer = ReadOffer(*rs, kOffer);
    ctx.campaign = ReadCampaign(*rs, kCampaign);
    ctx.code.campaign_id = ctx.campaign.id;
    ctx.customer_used =
        rs->isNull("u_used") ? 0 : static_cast<int32_t>(rs->getInt("u_used"));
    if (!rs->isNull("r_id")) ctx.prior = ReadRedemption(*rs, kRedemption);
    return ctx;
  });
}

absl::StatusOr<std::optional<Redemption>> MySqlCampaignTx::FindRedemption(
    const std::string& request_id) {
  return Guarded(conn_, [&]() -> std::optional<Redemption> {
    auto rs = Query(conn_, q::kFindRedemption, {request_id});
    if (!rs->next()) return std::nullopt;
    return ReadRedemption(*rs);
  });
}

absl::StatusOr<int64_t> MySqlCampaignTx::InsertRedemption(const Redemption& r) {
  absl::StatusOr<int64_t> id = Guarded(conn_, [&] {
    Execute(conn_, q::kInsertRedemption,
            {r.campaign_id, r.offer_id, r.code_id, r.code, r.customer,
             r.partner_id, r.store, r.order_id, r.currency_code,
             r.order_amount_minor, r.discount_minor, r.partner_cost_minor,
             r.platform_cost_minor, Str(NameOf(r.state)), r.redeem_time,
             r.request_id, static_cast<int64_t>(r.fingerprint)});
    return mysql::LastInsertId(conn_);
  });
  if (absl::IsAlreadyExists(id.status())) {
    // Coupons::Redeem answers with that redemption instead.
    return ErrorWithReason(
        absl::StatusCode::kAlreadyExists,
        ::partnerhub::reason::kResourceAlreadyExists,
        absl::StrCat("request_id ", r.request_id, " already made a redemption"),
        {{"request_id", r.request_id}});
  }
  return id;
}

absl::Status MySqlCampaignTx::EnsureCustomerUsage(int64_t offer_id,
                                                  const std::string& customer) {
  return Guarded(conn_, [&] {
    Execute(conn_, q::kEnsureCustomerUsage, {offer_id, customer});
  });
}

absl::StatusOr<bool> MySqlCampaignTx::Charge(const RedemptionCharge& c,
                                             int32_t per_customer_limit,
                                             absl::Time now) {
  return Guarded(conn_, [&]() -> bool {
    if (!c.per_customer) {
      // Three rows change (code, offer, campaign), or none.
      return Execute(conn_, q::kCharge,
                     {c.discount_minor, c.code_id, now, now,
                      c.discount_minor}) == 3;
    }
    return Execute(conn_, q::kChargePerCustomer,
                   {c.discount_minor, c.code_id, c.customer,
                    int64_t{per_customer_limit}, now, now, c.discount_minor}) ==
           4;
  });
}

absl::Status MySqlCampaignTx::Refund(const RedemptionCharge& c) {
  return Guarded(conn_, [&]() -> absl::Status {
    const int64_t rows =
        Execute(conn_, q::kRefund, {c.discount_minor, c.code_id});
    if (rows != 3) {
      return absl::InternalError(absl::StrCat(
          "refund of code ", c.code_id, " changed ", rows, " rows, not 3"));
    }
    if (c.per_customer) {
      Execute(conn_, q::kRefundCustomerUsage, {c.offer_id, c.customer});
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<Redemption> MySqlCampaignTx::GetRedemption(int64_t campaign_id,
                                                          int64_t id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Redemption> {
    auto rs = Query(conn_, q::kSelectRedemption, {campaign_id, id});
    if (!rs->next()) return RedemptionNotFound(campaign_id, id);
    return ReadRedemption(*rs);
  });
}

absl::StatusOr<Redemption> MySqlCampaignTx::LockRedemption(int64_t campaign_id,
                                                           int64_t id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Redemption> {
    auto rs = Query(conn_, q::kLockRedemption, {campaign_id, id});
    if (!rs->next()) return RedemptionNotFound(campaign_id, id);
    return ReadRedemption(*rs);
  });
}

absl::Status MySqlCampaignTx::UpdateRedemption(const Redemption& r) {
  return Guarded(conn_, [&] {
    Execute(conn_, q::kUpdateRedemption,
            {Str(NameOf(r.state)), Optional(r.void_time), r.void_reason, r.id});
  });
}

absl::StatusOr<Slice<Redemption>> MySqlCampaignTx::ListRedemptions(
    int64_t campaign_id, const ListQuery& query) {
  mysql::KeysetList list(q::kListRedemptionsPrefix);
  list.Where(q::kRedemptionsOfCampaign, {campaign_id}).Tie("r.id");
  return Guarded(conn_, [&] {
    return mysql::ReadSlice<Redemption>(
        conn_, list, query, [](sql::ResultSet& r) { return ReadRedemption(r); },
        mysql::IdKey<Redemption>);
  });
}

}  // namespace partnerhub::campaign
