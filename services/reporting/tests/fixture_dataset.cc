// The generated dataset of tests/fixture.h: the events of the three feeds
// and the records the reference figures (fixture_reference.cc) are computed
// from.
#include <algorithm>
#include <random>

#include "absl/strings/str_cat.h"
#include "services/reporting/src/domain/rules.h"
#include "services/reporting/tests/fixture.h"

namespace partnerhub::reporting::testing {

using events::v1::Event;

namespace {

google::protobuf::Timestamp Ts(absl::Time t) {
  google::protobuf::Timestamp ts;
  const int64_t nanos = absl::ToUnixNanos(t);
  ts.set_seconds(nanos / 1'000'000'000);
  ts.set_nanos(static_cast<int32_t>(nanos % 1'000'000'000));
  return ts;
}

void SetMoney(type::v1::Money* m, int64_t amount,
              const std::string& currency = "KRW") {
  m->set_currency_code(currency);
  m->set_amount_minor(amount);
}

Event At(absl::Time t) {
  Event e;
  *e.mutable_event_time() = Ts(t);
  return e;
}

const char* const kCategories[] = {"fashion", "beauty.skincare", "food",
                                   "electronics", "travel"};
const char* const kRegions[] = {"KR-11", "KR-26", "KR-41", ""};

}  // namespace

Event PurchaseEvent(const PurchaseRec& p) {
  Event e = At(p.time);
  auto* pu = e.mutable_purchase_recorded()->mutable_purchase();
  pu->set_name(p.name);
  pu->set_customer(p.customer);
  pu->set_partner(p.partner);
  pu->set_campaign(p.campaign);
  *pu->mutable_purchase_time() = Ts(p.time);
  for (const Item& i : p.items) {
    auto* item = pu->add_items();
    item->set_category(i.category);
    item->set_quantity(i.quantity);
    SetMoney(item->mutable_amount(), i.amount);
  }
  SetMoney(pu->mutable_total(), p.total);
  return e;
}

Dataset Generate(int n_customers, int n_purchases, bool snapshot_midway,
                 bool chronological) {
  Dataset d;
  std::mt19937 rng(20261124);
  auto uniform = [&](int64_t lo, int64_t hi) {  // [lo, hi]
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  const absl::Time s = KstDayStart(absl::CivilDay(2026, 3, 10));
  d.first_day_start = s - absl::Hours(24 * 12);
  const absl::Time range_end = s + absl::Hours(24 * 22);

  // partner-registry
  auto& pr = d.events[kRegistry];
  for (int k = 1; k <= 5; ++k) {
    Event e = At(s - absl::Hours(24 * 60));
    auto* pc = e.mutable_partner_changed();
    pc->set_change(events::v1::PartnerChanged::CREATED);
    pc->mutable_partner()->set_name(absl::StrCat("partners/", k));
    pc->mutable_partner()->set_display_name(absl::StrCat("Partner ", k));
    pc->mutable_partner()->set_state(partner_registry::v1::Partner::ACTIVE);
    pr.push_back(e);
  }
  {
    Event e = At(s - absl::Hours(24 * 50));
    auto* pc = e.mutable_partner_changed();
    pc->set_change(events::v1::PartnerChanged::UPDATED);
    pc->mutable_partner()->set_name("partners/2");
    pc->mutable_partner()->set_display_name("Burger Town");
    pc->mutable_partner()->set_state(partner_registry::v1::Partner::ACTIVE);
    pr.push_back(e);
  }
  for (int k = 1; k <= 2; ++k) {
    Event e = At(s - absl::Hours(24 * 40));
    auto* ac = e.mutable_agreement_changed();
    ac->set_change(k == 1 ? events::v1::AgreementChanged::SIGNED
                          : events::v1::AgreementChanged::CREATED);
    auto* a = ac->mutable_agreement();
    a->set_name(absl::StrCat("partners/", k, "/agreements/", k));
    a->mutable_start_date()->set_year(2026);
    a->mutable_start_date()->set_month(1);
    a->mutable_start_date()->set_day(1);
    a->mutable_end_date()->set_year(2026);
    a->mutable_end_date()->set_month(12);
    a->mutable_end_date()->set_day(31);
    a->set_state(k == 1 ? partner_registry::v1::Agreement::SIGNED
                        : partner_registry::v1::Agreement::DRAFT);
    auto* t = a->mutable_kpi_targets();
    t->set_new_customers(50);
    SetMoney(t->mutable_gmv(), 1'000'000);
    t->set_orders(100'000);  // not met
    t->set_repeat_purchase_rate_bps(1000);
    t->set_coupon_redemption_rate_bps(1000);
    pr.push_back(e);
  }

  // Customers.
  for (int i = 0; i < n_customers; ++i) {
    d.customers.push_back({absl::StrCat("customers/c", 1000 + i), i % 7, i % 4,
                           kRegions[(i / 7) % 4]});
  }
  for (int i = 0; i < n_customers; ++i) {
    const CustomerRec& c = d.customers[i];
    if (i % 3 == 0) d.snapshots["segments/1/snapshots/1"].push_back(c.name);
    if (i % 5 == 1) d.snapshots["segments/2/snapshots/2"].push_back(c.name);
  }
  d.campaigns = {
      {"campaigns/1", "partners/1", "segments/1/snapshots/1", 2000, s,
       s + absl::Hours(24 * 10)},
      {"campaigns/2", "partners/2", "segments/2/snapshots/2", 0,
       s + absl::Hours(24 * 2), s + absl::Hours(24 * 7)},
      {"campaigns/3", "partners/3", "", 0, s, s + absl::Hours(24 * 5)},
  };

  // campaign feed
  auto& cp = d.events[kCampaignFeed];
  auto campaign_event = [&](const CampaignRec& k, bool with_snapshot,
                            events::v1::CampaignChanged::Change change,
                            campaign::v1::Campaign::State state) {
    Event e = At(k.start - absl::Hours(24 * 3));
    auto* cc = e.mutable_campaign_changed();
    cc->set_change(change);
    auto* c = cc->mutable_campaign();
    c->set_name(k.name);
    c->set_partner(k.partner);
    c->set_display_name(absl::StrCat("Campaign of ", k.partner));
    *c->mutable_start_time() = Ts(k.start);
    *c->mutable_end_time() = Ts(k.end);
    SetMoney(c->mutable_budget(), 10'000'000);
    c->set_holdout_bps(k.holdout_bps);
    if (with_snapshot) c->set_segment_snapshot(k.snapshot);
    c->set_partner_discount_share_bps(4000);
    c->set_state(state);
    return e;
  };
  cp.push_back(campaign_event(d.campaigns[0], false,
                              events::v1::CampaignChanged::CREATED,
                              campaign::v1::Campaign::DRAFT));
  cp.push_back(campaign_event(d.campaigns[1], true,
                              events::v1::CampaignChanged::CREATED,
                              campaign::v1::Campaign::DRAFT));
  cp.push_back(campaign_event(d.campaigns[2], false,
                              events::v1::CampaignChanged::CREATED,
                              campaign::v1::Campaign::DRAFT));
  for (int chunk = 0; chunk < 2; ++chunk) {
    Event e = At(s - absl::Hours(24));
    auto* ci = e.mutable_code_issuance_changed();
    ci->mutable_issuance()->set_name("campaigns/1/offers/1/issuances/1");
    ci->mutable_issuance()->set_issued_count(100 * (chunk + 1));
    ci->set_issued_in_chunk(100);
    cp.push_back(e);
    d.codes_issued["campaigns/1"] += 100;
  }
  cp.push_back(campaign_event(d.campaigns[0], true,
                              events::v1::CampaignChanged::UPDATED,
                              campaign::v1::Campaign::SCHEDULED));
  cp.push_back(campaign_event(d.campaigns[0], true,
                              events::v1::CampaignChanged::STATE_CHANGED,
                              campaign::v1::Campaign::RUNNING));
  std::vector<Event> voids;
  for (int r = 0; r < 60; ++r) {
    const absl::Time t = s + absl::Seconds(uniform(0, 9 * 86400));
    Event e = At(t);
    auto* rc = e.mutable_redemption_changed();
    rc->set_change(events::v1::RedemptionChanged::REDEEMED);
    auto* red = rc->mutable_redemption();
    red->set_name(absl::StrCat("campaigns/1/redemptions/", r + 1));
    red->set_customer(d.customers[(r * 3) % n_customers].name);
    red->set_partner("partners/1");
    SetMoney(red->mutable_discount(), 1000);
    SetMoney(red->mutable_partner_cost(), 400);
    SetMoney(red->mutable_platform_cost(), 600);
    *red->mutable_redeem_time() = Ts(t);
    red->set_state(campaign::v1::Redemption::REDEEMED);
    cp.push_back(e);
    d.redemptions["campaigns/1"] += 1;
    d.discount["campaigns/1"] += 1000;
    if (r % 6 == 0) {
      Event v = e;
      v.mutable_redemption_changed()->set_change(
          events::v1::RedemptionChanged::VOIDED);
      auto* vr = v.mutable_redemption_changed()->mutable_redemption();
      vr->set_state(campaign::v1::Redemption::VOIDED);
      *vr->mutable_void_time() = Ts(t + absl::Hours(1));
      *v.mutable_event_time() = Ts(t + absl::Hours(1));
      voids.push_back(v);
      d.voids["campaigns/1"] += 1;
      d.discount["campaigns/1"] -= 1000;
    }
  }
  cp.insert(cp.end(), voids.begin(), voids.end());

  // customer-experience feed
  auto& cx = d.events[kCx];
  for (const CustomerRec& c : d.customers) {
    Event e = At(s - absl::Hours(24 * 100));
    auto* cc = e.mutable_customer_changed();
    cc->set_change(events::v1::CustomerChanged::CREATED);
    cc->mutable_customer()->set_name(c.name);
    cc->mutable_customer()->set_age_band(
        static_cast<customer_experience::v1::Customer::AgeBand>(c.age_band));
    cc->mutable_customer()->set_gender(
        static_cast<customer_experience::v1::Customer::Gender>(c.gender));
    cc->mutable_customer()->set_region(c.region == "KR-41" ? "KR-50"
                                                           : c.region);
    cx.push_back(e);
  }
  for (const CustomerRec& c : d.customers) {  // the final region
    if (c.region != "KR-41") continue;
    Event e = At(s - absl::Hours(24 * 90));
    auto* cc = e.mutable_customer_changed();
    cc->set_change(events::v1::CustomerChanged::UPDATED);
    cc->mutable_customer()->set_name(c.name);
    cc->mutable_customer()->set_age_band(
        static_cast<customer_experience::v1::Customer::AgeBand>(c.age_band));
    cc->mutable_customer()->set_gender(
        static_cast<customer_experience::v1::Customer::Gender>(c.gender));
    cc->mutable_customer()->set_region(c.region);
    cx.push_back(e);
  }
  auto snapshot_events = [&] {
    int id = 0;
    for (const auto& [snapshot, members] : d.snapshots) {
      ++id;
      Event t = At(s - absl::Hours(24 * 5));
      auto* st = t.mutable_segment_snapshot_taken()->mutable_snapshot();
      st->set_name(snapshot);
      st->set_member_count(static_cast<int64_t>(members.size()));
      cx.push_back(t);
      for (size_t i = 0; i < members.size(); i += 40) {
        Event m = At(s - absl::Hours(24 * 5));
        auto* sm = m.mutable_segment_snapshot_members();
        sm->set_snapshot(snapshot);
        for (size_t j = i; j < std::min(members.size(), i + 40); ++j) {
          sm->add_customers(members[j]);
        }
        sm->set_last(i + 40 >= members.size());
        cx.push_back(m);
      }
    }
  };
  if (!snapshot_midway) snapshot_events();
  std::vector<absl::Time> times;
  for (int i = 0; i < n_purchases; ++i) {
    times.push_back(
        d.first_day_start +
        absl::Seconds(uniform(
            0, absl::ToInt64Seconds(range_end - d.first_day_start) - 1)));
  }
  if (chronological) std::sort(times.begin(), times.end());
  for (int i = 0; i < n_purchases; ++i) {
    if (snapshot_midway && i == n_purchases / 2) snapshot_events();
    PurchaseRec p;
    p.name = absl::StrCat("purchases/o", 100000 + i);
    p.customer = d.customers[uniform(0, n_customers - 1)].name;
    const int partner = static_cast<int>(uniform(1, 5));
    p.partner = absl::StrCat("partners/", partner);
    p.time = times[i];
    const int lines = static_cast<int>(uniform(1, 3));
    for (int l = 0; l < lines; ++l) {
      Item item{kCategories[uniform(0, 4)], static_cast<int>(uniform(1, 4)),
                uniform(1, 50) * 1000};
      p.total += item.amount;
      p.items.push_back(item);
    }
    if (partner == 1 && p.time >= s && p.time < s + absl::Hours(240) &&
        uniform(0, 1) == 1) {
      p.campaign = "campaigns/1";
    }
    Event e = PurchaseEvent(p);
    const bool usd = i % 97 == 5;  // left out of every sales figure
    if (usd) {
      auto* pu = e.mutable_purchase_recorded()->mutable_purchase();
      pu->mutable_total()->set_currency_code("USD");
      for (auto& item : *pu->mutable_items()) {
        item.mutable_amount()->set_currency_code("USD");
      }
    }
    cx.push_back(e);
    if (!usd) d.purchases.push_back(p);
    if (!usd && i % 10 == 3) {
      const int64_t amount = p.total * 3 / 10;
      Event r = At(p.time + absl::Hours(24));
      auto* pr2 = r.mutable_purchase_refunded();
      *pr2->mutable_purchase() = e.purchase_recorded().purchase();
      SetMoney(pr2->mutable_purchase()->mutable_refunded_total(), amount);
      SetMoney(pr2->mutable_refund()->mutable_amount(), amount);
      *pr2->mutable_refund()->mutable_refund_time() =
          Ts(p.time + absl::Hours(24));
      cx.push_back(r);
      d.purchases.back().refunded += amount;
    }
    if (i % 4 == 0) {  // a funnel reach
      const int stage = static_cast<int>(uniform(1, 6));
      const int which = static_cast<int>(uniform(0, 2));
      const std::string partner_name = which == 2 ? "" : p.partner;
      const std::string campaign_name = which == 0 ? "campaigns/1" : "";
      Event f = At(s + absl::Seconds(uniform(0, 9 * 86400)));
      auto* fr = f.mutable_funnel_stages_reached()->add_reaches();
      fr->set_customer(p.customer);
      fr->set_partner(partner_name);
      fr->set_campaign(campaign_name);
      fr->set_stage(
          static_cast<customer_experience::v1::FunnelProgress::Stage>(stage));
      *fr->mutable_reach_time() = f.event_time();
      cx.push_back(f);
      d.funnel[{partner_name, campaign_name, stage}] += 1;
    }
  }
  return d;
}

}  // namespace partnerhub::reporting::testing
