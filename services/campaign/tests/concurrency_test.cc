// Redemption under real concurrency: many clients, each on its own gRPC
// connection, released at once by a barrier, against the in-process server
// and a real MariaDB. The database is checked afterwards, not just the
// answers.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/synchronization/mutex.h"
#include "services/campaign/tests/fixture.h"

namespace partnerhub::campaign {
namespace {

// Runs fn(i, stub) on `n` threads, each with its own connection, started
// together. Returns the status codes by count.
std::map<grpc::StatusCode, int> RunConcurrently(
    CampaignTest* test, int n,
    const std::function<grpc::Status(int, Stub&)>& fn,
    std::unique_ptr<Stub> (CampaignTest::*new_stub)()) {
  std::vector<std::unique_ptr<Stub>> stubs;
  for (int i = 0; i < n; ++i) stubs.push_back((test->*new_stub)());
  absl::Barrier* barrier = new absl::Barrier(n);
  absl::Mutex mu;
  std::map<grpc::StatusCode, int> codes;
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      if (barrier->Block()) delete barrier;
      grpc::Status s = fn(i, *stubs[i]);
      absl::MutexLock lock(&mu);
      ++codes[s.error_code()];
    });
  }
  for (std::thread& t : threads) t.join();
  return codes;
}

std::string Describe(const std::map<grpc::StatusCode, int>& codes) {
  std::string out;
  for (const auto& [code, n] : codes) absl::StrAppend(&out, code, ":", n, " ");
  return out;
}

class ConcurrencyTest : public CampaignTest {
 protected:
  std::map<grpc::StatusCode, int> Concurrently(
      int n, const std::function<grpc::Status(int, Stub&)>& fn) {
    return RunConcurrently(this, n, fn, &ConcurrencyTest::NewStub);
  }

  // The feed holds exactly one REDEEMED event per redemption row and one
  // VOIDED event per voided row, each for a distinct redemption, and the
  // discounts they report add up to the stored ones.
  void ExpectOneEventPerRedemptionAndVoid() {
    std::set<std::string> redeemed, voided;
    int64_t discount = 0;
    for (const events::v1::Event& e :
         FeedEventsOf(events::v1::Event::kRedemptionChanged)) {
      const v1::Redemption& r = e.redemption_changed().redemption();
      if (e.redemption_changed().change() ==
          events::v1::RedemptionChanged::REDEEMED) {
        EXPECT_TRUE(redeemed.insert(r.name()).second) << "twice: " << r.name();
        EXPECT_EQ(r.state(), v1::Redemption::REDEEMED);
        discount += r.discount().amount_minor();
      } else {
        EXPECT_EQ(e.redemption_changed().change(),
                  events::v1::RedemptionChanged::VOIDED);
        EXPECT_TRUE(voided.insert(r.name()).second) << "twice: " << r.name();
        EXPECT_TRUE(redeemed.count(r.name())) << "voided first: " << r.name();
      }
    }
    EXPECT_EQ(static_cast<int64_t>(redeemed.size()),
              QueryInt("SELECT COUNT(*) FROM redemptions"));
    EXPECT_EQ(
        static_cast<int64_t>(voided.size()),
        QueryInt("SELECT COUNT(*) FROM redemptions WHERE state = 'VOIDED'"));
    EXPECT_EQ(
        discount,
        QueryInt("SELECT COALESCE(SUM(discount_minor), 0) FROM redemptions"));
  }
};

TEST_F(ConcurrencyTest, SixtyFourClientsOneSingleUseCodeExactlyOneWins) {
  v1::Offer offer = RunningOffer(ValidOffer());
  const std::string code = IssueCodes(offer.name(), 1)[0];
  auto codes = Concurrently(64, [&](int i, Stub& stub) {
    v1::Redemption r;
    v1::CouponUse use = Use(code, 20000, absl::StrCat("customers/c", i));
    use.set_order_id(absl::StrCat("order-", i));
    return Redeem(stub, use, absl::StrCat("req-", i), &r);
  });
  EXPECT_EQ(codes[grpc::StatusCode::OK], 1);
  EXPECT_EQ(codes[grpc::StatusCode::FAILED_PRECONDITION], 63);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM redemptions"), 1);
  EXPECT_EQ(QueryInt("SELECT use_count FROM coupon_codes"), 1);
  EXPECT_EQ(QueryInt("SELECT spent_minor FROM campaigns"), 2000);
  EXPECT_EQ(QueryInt("SELECT redemption_count FROM offers"), 1);
  EXPECT_EQ(FeedEventsOf(events::v1::Event::kRedemptionChanged).size(), 1u);
  ExpectOneEventPerRedemptionAndVoid();
}

TEST_F(ConcurrencyTest, NClientsAgainstACapOfKExactlyKWin) {
  constexpr int kClients = 48;
  constexpr int kCap = 10;
  v1::Offer o = ValidOffer();
  o.set_redemption_cap(kCap);
  v1::Offer offer = RunningOffer(o);
  std::vector<std::string> all = IssueCodes(offer.name(), kClients);
  auto codes = Concurrently(kClients, [&](int i, Stub& stub) {
    v1::Redemption r;
    return Redeem(stub, Use(all[i], 20000, absl::StrCat("customers/c", i)),
                  absl::StrCat("cap-", i), &r);
  });
  EXPECT_EQ(codes[grpc::StatusCode::OK], kCap);
  EXPECT_EQ(codes[grpc::StatusCode::RESOURCE_EXHAUSTED], kClients - kCap);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM redemptions"), kCap);
  EXPECT_EQ(QueryInt("SELECT redemption_count FROM offers"), kCap);
  EXPECT_EQ(QueryInt("SELECT SUM(use_count) FROM coupon_codes"), kCap);
  EXPECT_EQ(QueryInt("SELECT spent_minor FROM campaigns"), kCap * 2000);
  EXPECT_EQ(FeedEventsOf(events::v1::Event::kRedemptionChanged).size(),
            static_cast<size_t>(kCap));
  ExpectOneEventPerRedemptionAndVoid();
}

TEST_F(ConcurrencyTest, PerCustomerLimitHoldsExactly) {
  constexpr int kClients = 24;
  v1::Offer o = ValidOffer();
  o.set_per_customer_limit(3);
  v1::Offer offer = RunningOffer(o);
  std::vector<std::string> all = IssueCodes(offer.name(), kClients);
  auto codes = Concurrently(kClients, [&](int i, Stub& stub) {
    v1::Redemption r;
    // Two customers, twelve attempts each.
    return Redeem(stub, Use(all[i], 20000, absl::StrCat("customers/c", i % 2)),
                  absl::StrCat("lim-", i), &r);
  });
  EXPECT_EQ(codes[grpc::StatusCode::OK], 6) << Describe(codes);
  EXPECT_EQ(codes[grpc::StatusCode::RESOURCE_EXHAUSTED], kClients - 6)
      << Describe(codes);
  EXPECT_EQ(
      QueryInt(
          "SELECT COUNT(*) FROM redemptions WHERE customer = 'customers/c0'"),
      3);
  EXPECT_EQ(
      QueryInt(
          "SELECT COUNT(*) FROM redemptions WHERE customer = 'customers/c1'"),
      3);
  EXPECT_EQ(QueryInt("SELECT MAX(used) FROM offer_customer_usage"), 3);
  ExpectOneEventPerRedemptionAndVoid();
}

TEST_F(ConcurrencyTest, TheSameRequestIdSentConcurrentlyIsExecutedOnce) {
  v1::Offer offer = RunningOffer(ValidOffer());
  const std::string code = IssueCodes(offer.name(), 1)[0];
  absl::Mutex mu;
  std::set<std::string> names;
  auto codes = Concurrently(32, [&](int, Stub& stub) {
    v1::Redemption r;
    grpc::Status s = Redeem(stub, Use(code), "the-one-request", &r);
    if (s.ok()) {
      absl::MutexLock lock(&mu);
      names.insert(r.name());
    }
    return s;
  });
  EXPECT_EQ(codes[grpc::StatusCode::OK], 32);
  EXPECT_EQ(names.size(), 1u);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM redemptions"), 1);
  EXPECT_EQ(QueryInt("SELECT spent_minor FROM campaigns"), 2000);
  EXPECT_EQ(QueryInt("SELECT redemption_count FROM campaigns"), 1);
  // Executed once, published once.
  EXPECT_EQ(FeedEventsOf(events::v1::Event::kRedemptionChanged).size(), 1u);
  ExpectOneEventPerRedemptionAndVoid();
}

TEST_F(ConcurrencyTest, TheSameRequestIdOnDifferentCodesRedeemsOnlyOne) {
  v1::Offer offer = RunningOffer(ValidOffer());
  std::vector<std::string> all = IssueCodes(offer.name(), 16);
  auto codes = Concurrently(16, [&](int i, Stub& stub) {
    v1::Redemption r;
    return Redeem(stub, Use(all[i]), "shared-request-id", &r);
  });
  EXPECT_EQ(codes[grpc::StatusCode::OK], 1);
  EXPECT_EQ(codes[grpc::StatusCode::INVALID_ARGUMENT], 15);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM redemptions"), 1);
  EXPECT_EQ(QueryInt("SELECT SUM(use_count) FROM coupon_codes"), 1);
  ExpectOneEventPerRedemptionAndVoid();
}

TEST_F(ConcurrencyTest, ABudgetExhaustedConcurrentlyIsNeverOverspent) {
  constexpr int kClients = 60;
  // Discounts of 10% on orders of 10,000..69,000: 1,000..6,900 each, about
  // 236,000 in all, against a budget of 50,000.
  constexpr int64_t kBudget = 50'000;
  v1::Offer offer = RunningOffer(ValidOffer(), kBudget);
  std::vector<std::string> all = IssueCodes(offer.name(), kClients);
  absl::Mutex mu;
  int64_t granted = 0;
  auto codes = Concurrently(kClients, [&](int i, Stub& stub) {
    v1::Redemption r;
    grpc::Status s = Redeem(
        stub, Use(all[i], 10'000 + 1'000 * i, absl::StrCat("customers/c", i)),
        absl::StrCat("budget-", i), &r);
    if (s.ok()) {
      absl::MutexLock lock(&mu);
      granted += r.discount().amount_minor();
    }
    return s;
  });
  EXPECT_GT(codes[grpc::StatusCode::OK], 0);
  EXPECT_EQ(
      codes[grpc::StatusCode::OK] + codes[grpc::StatusCode::RESOURCE_EXHAUSTED],
      kClients);
  const int64_t spent = QueryInt("SELECT spent_minor FROM campaigns");
  EXPECT_LE(spent, kBudget);
  EXPECT_EQ(spent, granted);
  EXPECT_EQ(QueryInt("SELECT SUM(discount_minor) FROM redemptions"), spent);
  // Nearly all of it is used: every refusal had a discount above what was
  // left at its turn (the smallest discount is 1,000).
  EXPECT_GT(spent, kBudget - 7'000);
  ExpectOneEventPerRedemptionAndVoid();
}

TEST_F(ConcurrencyTest, ConcurrentVoidsGiveBackOnce) {
  v1::Offer offer = RunningOffer(ValidOffer());
  const std::string code = IssueCodes(offer.name(), 1)[0];
  v1::Redemption r;
  ASSERT_TRUE(Redeem(*stub_, Use(code), "to-void", &r).ok());
  auto codes = Concurrently(16, [&](int, Stub& stub) {
    v1::VoidRedemptionRequest req;
    req.set_name(r.name());
    req.set_reason("refund");
    v1::Redemption out;
    return Call(stub, &Stub::VoidRedemption, req, &out);
  });
  EXPECT_EQ(codes[grpc::StatusCode::OK], 16);
  EXPECT_EQ(QueryInt("SELECT spent_minor FROM campaigns"), 0);
  EXPECT_EQ(QueryInt("SELECT redemption_count FROM offers"), 0);
  EXPECT_EQ(QueryInt("SELECT use_count FROM coupon_codes"), 0);
  // Sixteen voids, one change: one VOIDED event.
  ExpectOneEventPerRedemptionAndVoid();
  EXPECT_EQ(FeedEventsOf(events::v1::Event::kRedemptionChanged).size(), 2u);
}

TEST_F(ConcurrencyTest, RedeemsAndVoidsInterleavedKeepTheCountersExact) {
  constexpr int kClients = 32;
  v1::Offer o = ValidOffer();
  o.set_redemption_cap(8);
  v1::Offer offer = RunningOffer(o, 12'000);
  std::vector<std::string> all = IssueCodes(offer.name(), kClients);
  // Half redeem then void at once, the other half redeem.
  Concurrently(kClients, [&](int i, Stub& stub) {
    v1::Redemption r;
    grpc::Status s = Redeem(stub, Use(all[i]), absl::StrCat("mix-", i), &r);
    if (s.ok() && i % 2 == 0) {
      v1::VoidRedemptionRequest req;
      req.set_name(r.name());
      req.set_reason("refund");
      v1::Redemption out;
      s = Call(stub, &Stub::VoidRedemption, req, &out);
    }
    return s;
  });
  const int64_t active =
      QueryInt("SELECT COUNT(*) FROM redemptions WHERE state = 'REDEEMED'");
  EXPECT_LE(active, 6);  // budget 12,000 / 2,000
  EXPECT_EQ(QueryInt("SELECT redemption_count FROM offers"), active);
  EXPECT_EQ(QueryInt("SELECT redemption_count FROM campaigns"), active);
  EXPECT_EQ(QueryInt("SELECT spent_minor FROM campaigns"), active * 2000);
  EXPECT_EQ(QueryInt("SELECT SUM(use_count) FROM coupon_codes"), active);
  ExpectOneEventPerRedemptionAndVoid();
}

}  // namespace
}  // namespace partnerhub::campaign
