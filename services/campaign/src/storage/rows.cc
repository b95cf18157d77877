#include "services/campaign/src/storage/rows.h"

#include <cppconn/resultset.h>

#include "common/mysql/statement.h"
#include "services/campaign/src/domain/enum_names.h"

namespace partnerhub::campaign {
namespace {

// Typed column readers under a prefix.
class Row {
 public:
  Row(sql::ResultSet& rs, const std::string& prefix)
      : rs_(rs), prefix_(prefix) {}

  int64_t Int(const char* c) { return mysql::GetInt64(rs_, Col(c)); }
  std::string Str(const char* c) { return mysql::GetString(rs_, Col(c)); }
  absl::Time Time(const char* c) { return mysql::GetTime(rs_, Col(c)); }
  std::optional<absl::Time> OptionalTime(const char* c) {
    return mysql::GetOptionalTime(rs_, Col(c));
  }
  template <typename E>
  E Enum(const char* c, E fallback) {
    return Parse<E>(Str(c)).value_or(fallback);
  }

 private:
  const char* Col(const char* c) {
    if (prefix_.empty()) return c;
    name_.assign(prefix_).append(c);
    return name_.c_str();
  }

  sql::ResultSet& rs_;
  const std::string& prefix_;
  std::string name_;
};

}  // namespace

Campaign ReadCampaign(sql::ResultSet& rs, const std::string& prefix) {
  Row r(rs, prefix);
  Campaign c;
  c.id = r.Int("id");
  c.partner_id = r.Int("partner_id");
  c.display_name = r.Str("display_name");
  c.description = r.Str("description");
  c.objective = r.Enum("objective", Objective::kAcquisition);
  c.channel = r.Enum("channel", Channel::kOnsite);
  c.start_time = r.Time("start_time");
  c.end_time = r.Time("end_time");
  c.currency_code = r.Str("currency_code");
  c.budget_minor = r.Int("budget_minor");
  c.spent_minor = r.Int("spent_minor");
  c.redemption_count = r.Int("redemption_count");
  c.segment = r.Str("segment");
  c.holdout_bps = static_cast<int32_t>(r.Int("holdout_bps"));
  c.segment_snapshot = r.Str("segment_snapshot");
  c.partner_discount_share_bps =
      static_cast<int32_t>(r.Int("partner_discount_share_bps"));
  c.state = r.Enum("state", CampaignState::kDraft);
  c.state_change_time = r.Time("state_change_time");
  c.create_time = r.Time("create_time");
  c.update_time = r.Time("update_time");
  c.version = r.Int("version");
  return c;
}

Offer ReadOffer(sql::ResultSet& rs, const std::string& prefix) {
  Row r(rs, prefix);
  Offer o;
  o.id = r.Int("id");
  o.campaign_id = r.Int("campaign_id");
  o.display_name = r.Str("display_name");
  o.currency_code = r.Str("currency_code");
  o.discount_type = r.Enum("discount_type", DiscountType::kPercentOff);
  o.percent_bps = static_cast<int32_t>(r.Int("percent_bps"));
  o.max_discount_minor = r.Int("max_discount_minor");
  o.amount_off_minor = r.Int("amount_off_minor");
  o.min_purchase_minor = r.Int("min_purchase_minor");
  o.start_time = r.OptionalTime("start_time");
  o.end_time = r.OptionalTime("end_time");
  o.redemption_cap = r.Int("redemption_cap");
  o.per_customer_limit = static_cast<int32_t>(r.Int("per_customer_limit"));
  o.redemption_count = r.Int("redemption_count");
  o.create_time = r.Time("create_time");
  o.update_time = r.Time("update_time");
  o.version = r.Int("version");
  return o;
}

CodeIssuance ReadIssuance(sql::ResultSet& rs, const std::string& prefix) {
  Row r(rs, prefix);
  CodeIssuance i;
  i.id = r.Int("id");
  i.campaign_id = r.Int("campaign_id");
  i.offer_id = r.Int("offer_id");
  i.kind = r.Enum("kind", IssuanceKind::kBulk);
  i.format.prefix = r.Str("prefix");
  i.format.length = static_cast<int32_t>(r.Int("code_length"));
  i.requested_count = r.Int("requested_count");
  i.issued_count = r.Int("issued_count");
  i.segment_snapshot = r.Str("segment_snapshot");
  i.member_count = r.Int("member_count");
  i.holdout_count = r.Int("holdout_count");
  i.page_token = r.Str("page_token");
  i.state = r.Enum("state", IssuanceState::kFailed);
  i.error = r.Str("error");
  i.create_time = r.Time("create_time");
  i.update_time = r.Time("update_time");
  return i;
}

CouponCode ReadCode(sql::ResultSet& rs, const std::string& prefix) {
  Row r(rs, prefix);
  CouponCode k;
  k.id = r.Int("id");
  k.code = r.Str("code");
  k.offer_id = r.Int("offer_id");
  k.issuance_id = r.Int("issuance_id");
  k.customer = r.Str("customer");
  k.max_uses = static_cast<int32_t>(r.Int("max_uses"));
  k.use_count = static_cast<int32_t>(r.Int("use_count"));
  k.create_time = r.Time("create_time");
  return k;
}

Redemption ReadRedemption(sql::ResultSet& rs, const std::string& prefix) {
  Row r(rs, prefix);
  Redemption x;
  x.id = r.Int("id");
  x.campaign_id = r.Int("campaign_id");
  x.offer_id = r.Int("offer_id");
  x.code_id = r.Int("code_id");
  x.code = r.Str("code");
  x.customer = r.Str("customer");
  x.partner_id = r.Int("partner_id");
  x.store = r.Str("store");
  x.order_id = r.Str("order_id");
  x.currency_code = r.Str("currency_code");
  x.order_amount_minor = r.Int("order_amount_minor");
  x.discount_minor = r.Int("discount_minor");
  x.partner_cost_minor = r.Int("partner_cost_minor");
  x.platform_cost_minor = r.Int("platform_cost_minor");
  x.state = r.Enum("state", RedemptionState::kRedeemed);
  x.redeem_time = r.Time("redeem_time");
  x.void_time = r.OptionalTime("void_time");
  x.void_reason = r.Str("void_reason");
  x.request_id = r.Str("request_id");
  x.fingerprint = static_cast<uint64_t>(r.Int("fingerprint"));
  return x;
}

}  // namespace partnerhub::campaign
