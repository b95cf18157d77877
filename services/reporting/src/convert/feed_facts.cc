#include "services/reporting/src/convert/feed_facts.h"

#include <string>

namespace partnerhub::reporting {
namespace {

using events::v1::Event;

absl::Time ToTime(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

std::optional<absl::Time> OptionalTime(bool has,
                                       const google::protobuf::Timestamp& ts) {
  if (!has) return std::nullopt;
  return ToTime(ts);
}

// yyyymmdd.
int32_t DayOf(const type::v1::Date& d) {
  return d.year() * 10000 + d.month() * 100 + d.day();
}

Fact PartnerFact(const events::v1::PartnerChanged& e) {
  const auto& p = e.partner();
  return PartnerChangedFact{p.name(), p.display_name(), int{p.state()},
                            e.change() == events::v1::PartnerChanged::DELETED};
}

Fact AgreementFact(const events::v1::AgreementChanged& e) {
  const auto& a = e.agreement();
  AgreementChangedFact f;
  f.deleted = e.change() == events::v1::AgreementChanged::DELETED;
  f.agreement.agreement = a.name();
  if (f.deleted) return f;
  const auto& k = a.kpi_targets();
  f.agreement.start_day = DayOf(a.start_date());
  f.agreement.end_day = DayOf(a.end_date());
  f.agreement.state = int{a.state()};
  f.agreement.target_new_customers = k.new_customers();
  f.agreement.target_gmv = k.gmv().amount_minor();
  f.agreement.target_orders = k.orders();
  f.agreement.target_repeat_rate_bps = k.repeat_purchase_rate_bps();
  f.agreement.target_redemption_rate_bps = k.coupon_redemption_rate_bps();
  return f;
}

Fact CampaignFact(const events::v1::CampaignChanged& e) {
  const auto& k = e.campaign();
  CampaignInfo c;
  c.campaign = k.name();
  c.partner = k.partner();
  c.display_name = k.display_name();
  c.state = int{k.state()};
  c.start_time = OptionalTime(k.has_start_time(), k.start_time());
  c.end_time = OptionalTime(k.has_end_time(), k.end_time());
  c.budget = k.budget().amount_minor();
  c.currency = k.budget().currency_code();
  c.partner_share_bps = k.partner_discount_share_bps();
  c.segment_snapshot = k.segment_snapshot();
  c.holdout_bps = k.holdout_bps();
  return CampaignChangedFact{std::move(c)};
}

Fact RedemptionOf(const Event& event) {
  const auto& r = event.redemption_changed().redemption();
  RedemptionFact f;
  f.redemption = r.name();
  f.voided = event.redemption_changed().change() ==
             events::v1::RedemptionChanged::VOIDED;
  f.redeem_time = ToTime(r.redeem_time());
  f.void_time = OptionalTime(r.has_void_time(), r.void_time());
  f.event_time = ToTime(event.event_time());
  f.discount = r.discount().amount_minor();
  f.partner_cost = r.partner_cost().amount_minor();
  f.platform_cost = r.platform_cost().amount_minor();
  return f;
}

Fact CustomerFact(const events::v1::CustomerChanged& e) {
  const auto& k = e.customer();
  return CustomerChangedFact{
      k.name(), int{k.age_band()}, int{k.gender()}, k.region(),
      OptionalTime(k.has_sign_up_time(), k.sign_up_time())};
}

PurchaseInfo PurchaseOf(const customer_experience::v1::Purchase& p) {
  PurchaseInfo out;
  out.purchase = p.name();
  out.customer = p.customer();
  out.partner = p.partner();
  out.campaign = p.campaign();
  out.purchase_time = ToTime(p.purchase_time());
  out.total = p.total().amount_minor();
  out.currency = p.total().currency_code();
  out.lines.reserve(p.items_size());
  for (const auto& item : p.items()) {
    out.lines.push_back({item.category(), int64_t{item.quantity()},
                         item.amount().amount_minor()});
  }
  return out;
}

Fact RefundOf(const Event& event) {
  const auto& e = event.purchase_refunded();
  PurchaseRefundedFact f;
  f.purchase = PurchaseOf(e.purchase());
  f.amount = e.refund().amount().amount_minor();
  f.currency = e.refund().amount().currency_code();
  f.refund_time =
      OptionalTime(e.refund().has_refund_time(), e.refund().refund_time());
  f.event_time = ToTime(event.event_time());
  return f;
}

Fact FunnelFact(const events::v1::FunnelStagesReached& e) {
  FunnelReachedFact f;
  f.reaches.reserve(e.reaches_size());
  for (const auto& r : e.reaches()) {
    f.reaches.push_back({r.partner(), r.campaign(), static_cast<int>(r.stage()),
                         ToTime(r.reach_time())});
  }
  return f;
}

}  // namespace

std::optional<Fact> FactOf(const Event& event) {
  switch (event.payload_case()) {
    case Event::kPartnerChanged:
      return PartnerFact(event.partner_changed());
    case Event::kAgreementChanged:
      return AgreementFact(event.agreement_changed());
    case Event::kCampaignChanged:
      return CampaignFact(event.campaign_changed());
    case Event::kCodeIssuanceChanged:
      return CodesIssuedFact{event.code_issuance_changed().issuance().name(),
                             event.code_issuance_changed().issued_in_chunk(),
                             ToTime(event.event_time())};
    case Event::kRedemptionChanged:
      return RedemptionOf(event);
    case Event::kCustomerChanged:
      return CustomerFact(event.customer_changed());
    case Event::kSegmentSnapshotTaken: {
      const auto& s = event.segment_snapshot_taken().snapshot();
      return SnapshotTakenFact{s.name(), s.member_count()};
    }
    case Event::kSegmentSnapshotMembers: {
      const auto& m = event.segment_snapshot_members();
      return SnapshotMembersFact{
          m.snapshot(), {m.customers().begin(), m.customers().end()}, m.last()};
    }
    case Event::kPurchaseRecorded:
      return PurchaseRecordedFact{
          PurchaseOf(event.purchase_recorded().purchase())};
    case Event::kPurchaseRefunded:
      return RefundOf(event);
    case Event::kFunnelStagesReached:
      return FunnelFact(event.funnel_stages_reached());
    default:
      return std::nullopt;
  }
}

FactBatch FactsOf(const std::vector<Event>& events) {
  FactBatch batch;
  batch.event_count = static_cast<int64_t>(events.size());
  if (events.empty()) return batch;
  batch.first_position = events.front().position();
  batch.last_position = events.back().position();
  batch.facts.reserve(events.size());
  for (const Event& event : events) {
    std::optional<Fact> fact = FactOf(event);
    if (fact.has_value()) batch.facts.push_back(*std::move(fact));
  }
  return batch;
}

}  // namespace partnerhub::reporting
