// Segment evaluation in SQL against the straightforward reference
// evaluation (rules.h Matches) on generated data, and the stored funnel
// against the reference funnel.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/domain/condition_codec.h"
#include "services/customer_experience/src/domain/rules.h"
#include "services/customer_experience/src/domain/touchpoints.h"
#include "services/customer_experience/tests/fixture.h"

namespace partnerhub::customer_experience {
namespace {

using Kind = Condition::Kind;

constexpr int kCustomers = 300;
constexpr int kTouchpoints = 5000;
constexpr int kPurchases = 700;
const char* const kRegions[] = {"KR-11", "KR-26", "KR-41", ""};
const char* const kCategories[] = {"fashion", "beauty", "food"};

class SegmentEvalTest : public CxTest {
 protected:
  absl::Time RandomTime(int max_days) {
    return Start() -
           absl::Minutes(static_cast<int>(rng_() % (max_days * 24 * 60)));
  }

  // Generates customers, touchpoints and purchases, stores them through
  // the storage API and keeps the same facts in memory.
  void Generate() {
    const absl::Time now = Start();
    for (int i = 0; i < kCustomers; ++i) {
      CustomerFacts f;
      Customer& c = f.customer;
      c.customer_id = absl::StrFormat("c%04d", i);
      c.birth_year = rng_() % 6 == 0 ? 0 : 1950 + static_cast<int>(rng_() % 60);
      c.gender = static_cast<Gender>(rng_() % 4);
      c.region = kRegions[rng_() % 4];
      c.consent = static_cast<ConsentState>(1 + rng_() % 3);
      c.sign_up_time = c.consent_change_time = c.create_time = c.update_time =
          now;
      c.version = 1;
      facts_.push_back(std::move(f));
    }
    ASSERT_TRUE(store_
                    ->Transact([&](CxTx& tx) -> absl::Status {
                      for (CustomerFacts& f : facts_) {
                        PH_ASSIGN_OR_RETURN(f.customer.key,
                                            tx.InsertCustomer(f.customer));
                      }
                      return absl::OkStatus();
                    })
                    .ok());

    std::vector<Touchpoint> all;
    for (int i = 0; i < kTouchpoints; ++i) {
      CustomerFacts& f = facts_[rng_() % kCustomers];
      Touchpoint t;
      t.customer_id = f.customer.customer_id;
      t.customer_key = f.customer.key;
      t.event_id = absl::StrCat("g", i);
      t.type = static_cast<TouchpointType>(1 + rng_() % 9);
      t.occur_time = RandomTime(120);
      t.partner_id = rng_() % 4;
      t.campaign_id = rng_() % 3;
      t.record_time = now;
      f.touchpoints.push_back(t);
      all.push_back(t);
    }
    // Stored in shuffled batches: the funnel must not depend on the order.
    std::shuffle(all.begin(), all.end(), rng_);
    for (size_t start = 0; start < all.size(); start += 700) {
      std::vector<const Touchpoint*> batch;
      for (size_t i = start; i < std::min(all.size(), start + 700); ++i)
        batch.push_back(&all[i]);
      ASSERT_TRUE(store_
                      ->Transact([&](CxTx& tx) -> absl::Status {
                        PH_ASSIGN_OR_RETURN(std::vector<bool> inserted,
                                            tx.InsertTouchpoints(batch));
                        for (bool b : inserted) EXPECT_TRUE(b);
                        return tx.MergeFunnel(FunnelDeltas(batch));
                      })
                      .ok());
    }

    for (int i = 0; i < kPurchases; ++i) {
      CustomerFacts& f = facts_[rng_() % kCustomers];
      Purchase p;
      p.purchase_id = absl::StrCat("o", i);
      p.customer_id = f.customer.customer_id;
      p.customer_key = f.customer.key;
      p.partner_id = 1 + rng_() % 3;
      p.currency_code = rng_() % 10 == 0 ? "USD" : "KRW";
      const int items = 1 + rng_() % 3;
      for (int k = 0; k < items; ++k) {
        const int64_t amount = 1000 * (1 + rng_() % 50);
        p.items.push_back({kCategories[rng_() % 3], "", 1, amount});
        p.total_minor += amount;
      }
      p.purchase_time = RandomTime(120);
      p.create_time = now;
      const int refund = rng_() % 6;  // 0: full refund, 1: partial
      ASSERT_TRUE(store_
                      ->Transact([&](CxTx& tx) -> absl::Status {
                        PH_ASSIGN_OR_RETURN(p.key, tx.InsertPurchase(p));
                        if (refund <= 1) {
                          Refund r{
                              .amount_minor = refund == 0 ? p.total_minor : 500,
                              .reason = "test",
                              .refund_time = now,
                              .create_time = now};
                          PH_RETURN_IF_ERROR(tx.InsertRefund(p, r).status());
                          p.refunded_minor = r.amount_minor;
                        }
                        return absl::OkStatus();
                      })
                      .ok());
      f.purchases.push_back(p);
    }

    for (CustomerFacts& f : facts_) {
      f.funnel = PartnerProgress(f.touchpoints);
      if (!f.touchpoints.empty())
        f.funnel.push_back({0, ProgressOf(f.touchpoints)});
    }
  }

  TimeWindow RandomWindow() {
    TimeWindow w;
    if (rng_() % 2) {
      w.last_days = 1 + rng_() % 100;
    } else {
      w.start_time = RandomTime(120);
      w.end_time = w.start_time + absl::Hours(24 * (1 + rng_() % 60));
    }
    return w;
  }

  Condition RandomLeaf() {
    Condition c;
    c.kind = static_cast<Kind>(4 + rng_() % 8);
    switch (c.kind) {
      case Kind::kAgeBand:
        c.values = {1 + static_cast<int>(rng_() % 6),
                    1 + static_cast<int>(rng_() % 6)};
        break;
      case Kind::kGender:
        c.values = {1 + static_cast<int>(rng_() % 3)};
        break;
      case Kind::kConsent:
        c.values = {1 + static_cast<int>(rng_() % 3)};
        break;
      case Kind::kRegion:
        c.regions = {kRegions[rng_() % 3]};
        break;
      case Kind::kFunnelStage:
        c.partner_id = rng_() % 4;
        c.min_stage = static_cast<FunnelStage>(rng_() % 7);
        c.max_stage = static_cast<FunnelStage>(rng_() % 7);
        if (c.min_stage == FunnelStage::kNone &&
            c.max_stage == FunnelStage::kNone) {
          c.max_stage = FunnelStage::kInterested;
        }
        if (c.max_stage != FunnelStage::kNone && c.max_stage < c.min_stage) {
          std::swap(c.min_stage, c.max_stage);
        }
        break;
      case Kind::kPurchaseCount:
        c.category = rng_() % 2 ? kCategories[rng_() % 3] : "";
        c.partner_id = rng_() % 4;
        c.min_count = 1 + rng_() % 3;
        c.window = RandomWindow();
        break;
      case Kind::kSpend:
        c.category = rng_() % 2 ? kCategories[rng_() % 3] : "";
        c.partner_id = rng_() % 4;
        c.currency_code = rng_() % 4 == 0 ? "USD" : "KRW";
        c.min_amount_minor = 1000 * (1 + rng_() % 80);
        c.window = RandomWindow();
        break;
      case Kind::kTouchpoint:
        c.touchpoint_type = static_cast<TouchpointType>(1 + rng_() % 9);
        c.partner_id = rng_() % 4;
        c.campaign_id = rng_() % 3;
        c.min_count = 1 + rng_() % 3;
        c.window = RandomWindow();
        break;
      default:
        break;
    }
    return c;
  }

  Condition RandomTree(int depth) {
    if (depth == 0 || rng_() % 3 == 0) return RandomLeaf();
    Condition c;
    c.kind = static_cast<Kind>(1 + rng_() % 3);
    const int n = c.kind == Kind::kNot ? 1 : 1 + static_cast<int>(rng_() % 3);
    for (int i = 0; i < n; ++i) c.children.push_back(RandomTree(depth - 1));
    return c;
  }

  std::mt19937 rng_{20261124};
  std::vector<CustomerFacts> facts_;
};

TEST_F(SegmentEvalTest, SqlAgreesWithTheReferenceOnGeneratedData) {
  Generate();
  if (HasFatalFailure()) return;
  const absl::Time now = Start();

  // The stored funnel is the reference funnel, whatever the batch order;
  // so is the per-partner funnel derived when read.
  Touchpoints use_case(*store_, clock_);
  for (const CustomerFacts& f : facts_) {
    absl::StatusOr<CustomerFunnel> funnel =
        use_case.GetFunnel(f.customer.customer_id);
    ASSERT_TRUE(funnel.ok()) << funnel.status();
    EXPECT_EQ(funnel->overall.reached, ProgressOf(f.touchpoints))
        << f.customer.customer_id;
    const std::vector<FunnelProgress> partners = PartnerProgress(f.touchpoints);
    ASSERT_EQ(funnel->partners.size(), partners.size())
        << f.customer.customer_id;
    for (size_t i = 0; i < partners.size(); ++i) {
      EXPECT_EQ(funnel->partners[i].partner_id, partners[i].partner_id);
      EXPECT_EQ(funnel->partners[i].reached, partners[i].reached);
    }
  }

  int non_trivial = 0;
  for (int round = 0; round < 250; ++round) {
    const Condition c = RandomTree(3);
    ASSERT_TRUE(ValidateCondition("c", c).ok()) << EncodeCondition(c);
    std::vector<std::string> want_members;
    int64_t want_matching = 0;
    for (const CustomerFacts& f : facts_) {
      if (!Matches(c, f, now)) continue;
      ++want_matching;
      if (f.customer.consent == ConsentState::kGranted) {
        want_members.push_back(f.customer.customer_id);
      }
    }
    if (want_matching > 0 && want_matching < kCustomers) ++non_trivial;

    SegmentSize size;
    std::vector<std::string> members;
    Membership one;
    const CustomerFacts& probe = facts_[rng_() % kCustomers];
    ASSERT_TRUE(store_
                    ->Read([&](CxTx& tx) -> absl::Status {
                      PH_ASSIGN_OR_RETURN(size, tx.CountSegment(c, now));
                      PH_ASSIGN_OR_RETURN(
                          members, tx.SegmentMembers(c, now, "", 100000));
                      PH_ASSIGN_OR_RETURN(
                          one, tx.CheckMembership(c, probe.customer.key, now));
                      return absl::OkStatus();
                    })
                    .ok());
    const std::string text = EncodeCondition(c);
    EXPECT_EQ(size.matching_count, want_matching) << text;
    EXPECT_EQ(size.member_count, static_cast<int64_t>(want_members.size()))
        << text;
    EXPECT_EQ(members, want_members) << text;
    EXPECT_EQ(one.matches, Matches(c, probe, now))
        << text << " " << probe.customer.customer_id;
    EXPECT_EQ(one.consent, probe.customer.consent);
  }
  // The generated conditions must actually discriminate.
  EXPECT_GT(non_trivial, 100);
}

}  // namespace
}  // namespace partnerhub::customer_experience
