#include "services/reporting/src/storage/mysql_read_model_store.h"

#include <cppconn/resultset.h>

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/mysql/batch_sql.h"
#include "common/mysql/statement.h"
#include "common/mysql/transaction.h"
#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "common/status/status_macros.h"
#include "services/reporting/src/domain/errors.h"
#include "services/reporting/src/storage/mysql_apply_tx.h"
#include "services/reporting/src/storage/sql.h"

namespace partnerhub::reporting {
namespace {

using mysql::Connection;
using mysql::Params;

// Applies are retried more patiently than common's default: a rebuild or
// another feed's large batch may hold the locks a while.
constexpr mysql::TransactionOptions kApplyOptions = {
    .max_attempts = 8, .initial_backoff = absl::Milliseconds(5)};

CampaignFigures ReadFigures(sql::ResultSet& rs) {
  CampaignFigures f;
  f.redemptions = mysql::GetInt64(rs, "redemptions");
  f.voids = mysql::GetInt64(rs, "voids");
  f.discount = mysql::GetInt64(rs, "discount");
  f.partner_cost = mysql::GetInt64(rs, "partner_cost");
  f.platform_cost = mysql::GetInt64(rs, "platform_cost");
  f.codes_issued = mysql::GetInt64(rs, "codes_issued");
  f.orders = mysql::GetInt64(rs, "orders");
  f.gmv = mysql::GetInt64(rs, "gmv");
  f.refunds = mysql::GetInt64(rs, "refunds");
  f.new_customer_orders = mysql::GetInt64(rs, "new_customer_orders");
  f.returning_customer_orders =
      mysql::GetInt64(rs, "returning_customer_orders");
  return f;
}

}  // namespace

absl::StatusOr<int64_t> MySqlReadModelStore::LoadPosition(
    const std::string& feed) {
  int64_t position = -1;
  absl::Status s = mysql::WithConnection(pool_, [&](Connection& c) {
    std::unique_ptr<sql::ResultSet> rs =
        mysql::Query(c, kSelectPosition, {feed});
    if (rs->next()) position = rs->getInt64(1);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (position < 0) {
    return absl::InternalError(
        absl::StrCat("no feed_positions row for ", feed));
  }
  return position;
}

absl::Status MySqlReadModelStore::Apply(
    const std::string& feed, int64_t first, int64_t last, int64_t head_position,
    absl::FunctionRef<void(ApplyTx&)> work) {
  return mysql::Transact(
      pool_,
      [&](Connection& c) -> absl::Status {
        std::unique_ptr<sql::ResultSet> rs =
            mysql::Query(c, kLockPosition, {feed});
        if (!rs->next()) {
          return absl::InternalError(
              absl::StrCat("no feed_positions row for ", feed));
        }
        const int64_t stored = rs->getInt64(1);
        if (stored != first - 1) {
          return RetryableError(
              absl::StatusCode::kAborted,
              ::partnerhub::reason::kConcurrentUpdate,
              absl::StrCat("feed ", feed, " is at position ", stored,
                           " here, not ", first - 1,
                           ": applied elsewhere or rebuilt; reloading"),
              absl::Milliseconds(100));
        }
        mysql::Query(c, kLockApply);
        MySqlApplyTx tx(c);
        work(tx);
        mysql::Execute(c, kStorePosition, {last, head_position, last, feed});
        return absl::OkStatus();
      },
      kApplyOptions);
}

absl::StatusOr<std::vector<StoredPosition>> MySqlReadModelStore::Positions() {
  std::vector<StoredPosition> out;
  absl::Status s = mysql::WithConnection(pool_, [&](Connection& c) {
    out.clear();
    std::unique_ptr<sql::ResultSet> rs = mysql::Query(c, kSelectPositions);
    while (rs->next()) {
      out.push_back({mysql::GetString(*rs, "feed"),
                     mysql::GetInt64(*rs, "position"),
                     mysql::GetInt64(*rs, "head_position"),
                     mysql::GetTime(*rs, "update_time")});
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::Status MySqlReadModelStore::Rebuild() {
  return mysql::Transact(
      pool_,
      [&](Connection& c) {
        mysql::Query(c, kLockAllPositions);
        mysql::Query(c, kLockApply);
        for (const char* table : kReadModelTables) {
          mysql::RunPlain(c, absl::StrCat("DELETE FROM ", table));
        }
        mysql::Execute(c, kResetPositions);
        mysql::Execute(c, kResetCustomerCount);
        return absl::OkStatus();
      },
      kApplyOptions);
}

absl::StatusOr<CampaignInfo> MySqlReadModelStore::GetCampaign(
    const std::string& campaign) {
  std::optional<CampaignInfo> out;
  absl::Status s = mysql::WithConnection(pool_, [&](Connection& c) {
    std::unique_ptr<sql::ResultSet> rs =
        mysql::Query(c, kSelectCampaign, {campaign});
    if (!rs->next()) return absl::OkStatus();
    CampaignInfo k;
    k.campaign = mysql::GetString(*rs, "campaign");
    k.partner = mysql::GetString(*rs, "partner");
    k.display_name = mysql::GetString(*rs, "display_name");
    k.state = static_cast<int>(mysql::GetInt64(*rs, "state"));
    k.start_time = mysql::GetOptionalTime(*rs, "start_time");
    k.end_time = mysql::GetOptionalTime(*rs, "end_time");
    k.budget = mysql::GetInt64(*rs, "budget");
    k.currency = mysql::GetString(*rs, "currency");
    k.partner_share_bps =
        static_cast<int32_t>(mysql::GetInt64(*rs, "partner_share_bps"));
    k.segment_snapshot = mysql::GetString(*rs, "segment_snapshot");
    k.holdout_bps = static_cast<int32_t>(mysql::GetInt64(*rs, "holdout_bps"));
    out = std::move(k);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (!out.has_value()) {
    return NotFound(reason::kCampaignNotFound, kCampaignType, campaign,
                    absl::StrCat(campaign, " is not known to reporting (yet)"));
  }
  return *std::move(out);
}

absl::StatusOr<std::vector<CampaignDay>> MySqlReadModelStore::CampaignDays(
    const std::string& campaign, const std::optional<Period>& period) {
  std::vector<CampaignDay> out;
  absl::Status s = mysql::WithConnection(pool_, [&](Connection& c) {
    out.clear();
    std::unique_ptr<sql::ResultSet> rs =
        period.has_value()
            ? mysql::Query(c, kSelectCampaignDaysIn,
                           {campaign, int64_t{period->start_key()},
                            int64_t{period->end_key()}})
            : mysql::Query(c, kSelectCampaignDays, {campaign});
    while (rs->next()) {
      out.push_back({static_cast<int32_t>(mysql::GetInt64(*rs, "day")),
                     ReadFigures(*rs)});
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<int64_t> MySqlReadModelStore::CampaignDiscount(
    const std::string& campaign) {
  int64_t out = 0;
  absl::Status s = mysql::WithConnection(pool_, [&](Connection& c) {
    std::unique_ptr<sql::ResultSet> rs =
        mysql::Query(c, kSelectCampaignDiscount, {campaign});
    out = rs->next() ? rs->getInt64(1) : 0;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::optional<LiftData>> MySqlReadModelStore::GetLift(
    const std::string& campaign) {
  std::optional<LiftData> out;
  // One transaction, so that the aggregates and the customer count agree.
  absl::Status s = mysql::Transact(pool_, [&](Connection& c) {
    out.reset();
    std::unique_ptr<sql::ResultSet> rs =
        mysql::Query(c, kSelectLiftState, {campaign});
    if (!rs->next()) return absl::OkStatus();
    LiftData d;
    d.snapshot = mysql::GetString(*rs, "snapshot");
    d.holdout_bps = static_cast<int32_t>(mysql::GetInt64(*rs, "holdout_bps"));
    d.window.start = mysql::GetTime(*rs, "start_time");
    d.window.end = mysql::GetTime(*rs, "end_time");
    d.treated_customers = mysql::GetInt64(*rs, "treated_customers");
    d.holdout_customers = mysql::GetInt64(*rs, "holdout_customers");
    rs = mysql::Query(c, kSelectLiftAggs, {campaign});
    while (rs->next()) {
      const int grp = rs->getInt(1), period = rs->getInt(2);
      if (grp < 1 || grp > 2 || period < 1 || period > 3) continue;
      GroupPeriod& g = d.figures[grp - 1][period - 1];
      g.buyers = rs->getInt64(3);
      g.orders = rs->getInt64(4);
      g.sales = rs->getInt64(5);
    }
    rs = mysql::Query(c, kSelectCustomerCount);
    if (rs->next()) d.known_customers = rs->getInt64(1);
    out = std::move(d);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<PurchasePatterns> MySqlReadModelStore::Patterns(
    const Period& period, const PatternFilter& filter, int top_n) {
  PurchasePatterns out;
  absl::Status s = mysql::WithConnection(pool_, [&](Connection& c) {
    out = PurchasePatterns();
    auto run = [&](const char* sql, std::vector<PatternEntry>& entries) {
      const Params params = {int64_t{filter.age_band.value_or(kAnyAttribute)},
                             int64_t{filter.gender.value_or(kAnyAttribute)},
                             filter.region.value_or(kAnyRegion),
                             int64_t{period.start_key()},
                             int64_t{period.end_key()}};
      std::unique_ptr<sql::ResultSet> rs = mysql::Query(c, sql, params);
      while (rs->next()) {
        entries.push_back({mysql::GetString(*rs, "k"), "",
                           mysql::GetInt64(*rs, "l"), mysql::GetInt64(*rs, "q"),
                           mysql::GetInt64(*rs, "a")});
      }
      std::sort(entries.begin(), entries.end(),
                [](const PatternEntry& a, const PatternEntry& b) {
                  if (a.amount != b.amount) return a.amount > b.amount;
                  return a.key < b.key;
                });
    };
    run(kPatternCategories, out.top_categories);
    for (const PatternEntry& e : out.top_categories) {
      out.total_lines += e.lines;
      out.total_quantity += e.quantity;
      out.total_amount += e.amount;
    }
    run(kPatternPartners, out.top_partners);
    if (static_cast<int>(out.top_categories.size()) > top_n) {
      out.top_categories.resize(top_n);
    }
    if (static_cast<int>(out.top_partners.size()) > top_n) {
      out.top_partners.resize(top_n);
    }
    if (!out.top_partners.empty()) {
      Params names;
      for (const PatternEntry& e : out.top_partners) names.push_back(e.key);
      std::unique_ptr<sql::ResultSet> rs = mysql::QueryOnce(
          c,
          mysql::RepeatRows(kSelectPartnerNamesIn, "?",
                            static_cast<int>(names.size()), ")"),
          names);
      while (rs->next()) {
        const std::string partner = std::string(rs->getString(1));
        for (PatternEntry& e : out.top_partners) {
          if (e.key == partner) e.display_name = std::string(rs->getString(2));
        }
      }
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<StageCounts> MySqlReadModelStore::Funnel(
    const std::string& partner, const std::string& campaign,
    const Period& period) {
  StageCounts out{};
  absl::Status s = mysql::WithConnection(pool_, [&](Connection& c) {
    out = StageCounts{};
    const int64_t from = period.start_key(), to = period.end_key();
    std::unique_ptr<sql::ResultSet> rs =
        campaign.empty()
            ? mysql::Query(c, kFunnelByPartner, {partner, from, to})
        : partner.empty()
            ? mysql::Query(c, kFunnelByCampaign, {campaign, from, to})
            : mysql::Query(c, kFunnelByPartnerAndCampaign,
                           {partner, from, to, campaign});
    while (rs->next()) {
      const int stage = rs->getInt(1);
      if (stage >= 1 && stage <= kStages) out[stage - 1] = rs->getInt64(2);
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::string> MySqlReadModelStore::PartnerDisplayName(
    const std::string& partner) {
  std::optional<std::string> out;
  absl::Status s = mysql::WithConnection(pool_, [&](Connection& c) {
    std::unique_ptr<sql::ResultSet> rs =
        mysql::Query(c, kSelectPartner, {partner});
    if (rs->next()) out = std::string(rs->getString(1));
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (!out.has_value()) {
    return NotFound(reason::kPartnerNotFound, kPartnerType, partner,
                    absl::StrCat(partner, " is not known to reporting (yet)"));
  }
  return *out;
}

absl::StatusOr<std::optional<AgreementInfo>>
MySqlReadModelStore::AgreementInForce(const std::string& partner, int32_t day) {
  std::optional<AgreementInfo> out;
  absl::Status s = mysql::WithConnection(pool_, [&](Connection& c) {
    std::unique_ptr<sql::ResultSet> rs = mysql::Query(
        c, kSelectAgreementInForce, {partner, int64_t{day}, int64_t{day}});
    if (!rs->next()) return absl::OkStatus();
    AgreementInfo a;
    a.agreement = mysql::GetString(*rs, "agreement");
    a.partner = mysql::GetString(*rs, "partner");
    a.start_day = static_cast<int32_t>(mysql::GetInt64(*rs, "start_day"));
    a.end_day = static_cast<int32_t>(mysql::GetInt64(*rs, "end_day"));
    a.state = static_cast<int>(mysql::GetInt64(*rs, "state"));
    a.target_new_customers = mysql::GetInt64(*rs, "target_new_customers");
    a.target_gmv = mysql::GetInt64(*rs, "target_gmv");
    a.target_orders = mysql::GetInt64(*rs, "target_orders");
    a.target_repeat_rate_bps =
        static_cast<int32_t>(mysql::GetInt64(*rs, "target_repeat_rate_bps"));
    a.target_redemption_rate_bps = static_cast<int32_t>(
        mysql::GetInt64(*rs, "target_redemption_rate_bps"));
    out = std::move(a);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<PartnerFigures> MySqlReadModelStore::PartnerFiguresOver(
    const std::string& partner, const Period& period) {
  PartnerFigures out;
  absl::Status s = mysql::WithConnection(pool_, [&](Connection& c) {
    out = PartnerFigures();
    const Params params = {partner, int64_t{period.start_key()},
                           int64_t{period.end_key()}};
    std::unique_ptr<sql::ResultSet> rs =
        mysql::Query(c, kSelectPartnerDaily, params);
    if (rs->next()) {
      out.orders = rs->getInt64(1);
      out.gmv = rs->getInt64(2);
      out.new_customers = rs->getInt64(3);
    }
    rs = mysql::Query(c, kSelectPartnerBuyers, params);
    if (rs->next()) {
      out.buyers = rs->getInt64(1);
      out.repeat_buyers = rs->getInt64(2);
    }
    rs = mysql::Query(c, kSelectPartnerCoupons, params);
    if (rs->next()) {
      out.codes_issued = rs->getInt64(1);
      out.redemptions = rs->getInt64(2);
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  PH_ASSIGN_OR_RETURN(out.funnel, Funnel(partner, "", period));
  return out;
}

}  // namespace partnerhub::reporting
