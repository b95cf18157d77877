// MySqlCampaignTx: request ids, campaigns and offers.
#include "services/campaign/src/storage/mysql_campaign_tx.h"

#include <cppconn/resultset.h>

#include "absl/strings/str_cat.h"
#include "common/mysql/guarded.h"
#include "common/mysql/keyset_list.h"
#include "common/mysql/request_ids.h"
#include "common/mysql/statement.h"
#include "services/campaign/src/domain/enum_names.h"
#include "services/campaign/src/domain/errors.h"
#include "services/campaign/src/domain/resource_names.h"
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

absl::StatusOr<Campaign> MySqlCampaignTx::GetCampaign(int64_t id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Campaign> {
    auto rs = Query(conn_, q::kSelectCampaign, {id});
    if (!rs->next()) return CampaignNotFound(id);
    return ReadCampaign(*rs);
  });
}

absl::StatusOr<Campaign> MySqlCampaignTx::LockCampaign(int64_t id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Campaign> {
    auto rs = Query(conn_, q::kLockCampaign, {id});
    if (!rs->next()) return CampaignNotFound(id);
    return ReadCampaign(*rs);
  });
}

absl::StatusOr<Slice<Campaign>> MySqlCampaignTx::ListCampaigns(
    int64_t partner_id, std::optional<CampaignState> state,
    const ListQuery& query) {
  mysql::KeysetList list(q::kListCampaignsPrefix);
  if (partner_id != 0) list.Where(q::kCampaignsOfPartner, {partner_id});
  if (state.has_value()) {
    list.Where(q::kCampaignsInState, {Str(NameOf(*state))});
  }
  list.Tie("c.id");
  return Guarded(conn_, [&] {
    return mysql::ReadSlice<Campaign>(
        conn_, list, query, [](sql::ResultSet& r) { return ReadCampaign(r); },
        mysql::IdKey<Campaign>);
  });
}

absl::StatusOr<int64_t> MySqlCampaignTx::InsertCampaign(const Campaign& c) {
  return Guarded(conn_, [&] {
    Execute(
        conn_, q::kInsertCampaign,
        {c.partner_id, c.display_name, c.description, Str(NameOf(c.objective)),
         Str(NameOf(c.channel)), c.start_time, c.end_time, c.currency_code,
         c.budget_minor, c.segment, int64_t{c.holdout_bps}, c.segment_snapshot,
         int64_t{c.partner_discount_share_bps}, Str(NameOf(c.state)),
         c.state_change_time, c.create_time, c.update_time, c.version});
    return mysql::LastInsertId(conn_);
  });
}

absl::Status MySqlCampaignTx::UpdateCampaign(const Campaign& c) {
  return Guarded(conn_, [&]() -> absl::Status {
    const int64_t rows = Execute(
        conn_, q::kUpdateCampaign,
        {c.display_name, c.description, Str(NameOf(c.objective)),
         Str(NameOf(c.channel)), c.start_time, c.end_time, c.budget_minor,
         c.segment, int64_t{c.holdout_bps}, c.segment_snapshot,
         int64_t{c.partner_discount_share_bps}, Str(NameOf(c.state)),
         c.state_change_time, c.update_time, c.version, c.id, c.version - 1});
    if (rows != 1) {
      return ConcurrentUpdate(
          absl::StrCat(CampaignName(c.id), " was changed concurrently; retry"));
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<int64_t>> MySqlCampaignTx::DueCampaigns(
    absl::Time now, int limit) {
  return Guarded(conn_, [&] {
    auto rs = Query(conn_, q::kDueCampaigns,
                    {now, int64_t{limit}, now, int64_t{limit}});
    std::vector<int64_t> ids;
    while (rs->next()) ids.push_back(rs->getInt64("id"));
    return ids;
  });
}

absl::StatusOr<Offer> MySqlCampaignTx::GetOffer(int64_t campaign_id,
                                                int64_t id) {
  return Guarded(conn_, [&]() -> absl::StatusOr<Offer> {
    auto rs = Query(conn_, q::kSelectOffer, {campaign_id, id});
    if (!rs->next()) {
      return OfferNotFound(campaign_id, id);
    }
    return ReadOffer(*rs);
  });
}

absl::StatusOr<Slice<Offer>> MySqlCampaignTx::ListOffers(
    int64_t campaign_id, const ListQuery& query) {
  mysql::KeysetList list(q::kListOffersPrefix);
  list.Where(q::kOffersOfCampaign, {campaign_id}).Tie("o.id");
  return Guarded(conn_, [&] {
    return mysql::ReadSlice<Offer>(
        conn_, list, query, [](sql::ResultSet& r) { return ReadOffer(r); },
        mysql::IdKey<Offer>);
  });
}

absl::StatusOr<int64_t> MySqlCampaignTx::CountOffers(int64_t campaign_id) {
  return Guarded(conn_, [&] {
    auto rs = Query(conn_, q::kCountOffers, {campaign_id});
    rs->next();
    return static_cast<int64_t>(rs->getInt64("n"));
  });
}

absl::StatusOr<int64_t> MySqlCampaignTx::InsertOffer(const Offer& o) {
  return Guarded(conn_, [&] {
    Execute(conn_, q::kInsertOffer,
            {o.campaign_id, o.display_name, o.currency_code,
             Str(NameOf(o.discount_type)), int64_t{o.percent_bps},
             o.max_discount_minor, o.amount_off_minor, o.min_purchase_minor,
             Optional(o.start_time), Optional(o.end_time), o.redemption_cap,
             int64_t{o.per_customer_limit}, o.create_time, o.update_time,
             o.version});
    return mysql::LastInsertId(conn_);
  });
}

absl::Status MySqlCampaignTx::UpdateOffer(const Offer& o) {
  return Guarded(conn_, [&]() -> absl::Status {
    const int64_t rows = Execute(
        conn_, q::kUpdateOffer,
        {o.display_name, Str(NameOf(o.discount_type)), int64_t{o.percent_bps},
         o.max_discount_minor, o.amount_off_minor, o.min_purchase_minor,
         Optional(o.start_time), Optional(o.end_time), o.redemption_cap,
         int64_t{o.per_customer_limit}, o.update_time, o.version, o.campaign_id,
         o.id, o.version - 1});
    if (rows != 1) {
      return ConcurrentUpdate(absl::StrCat(OfferName(o.campaign_id, o.id),
                                           " was changed concurrently; retry"));
    }
    return absl::OkStatus();
  });
}

}  // namespace partnerhub::campaign
