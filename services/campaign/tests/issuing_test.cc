// Issuing codes: bulk jobs in chunks, resumable, idempotent; personal codes
// for a segment snapshot minus the holdout.
#include <gtest/gtest.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "common/api/holdout.h"
#include "services/campaign/src/domain/rules.h"
#include "services/campaign/tests/fixture.h"

namespace partnerhub::campaign {
namespace {

class IssuingTest : public CampaignTest {
 protected:
  v1::CodeIssuance Create(const std::string& offer, v1::CodeIssuance::Kind kind,
                          int64_t count, const std::string& request_id = "",
                          const std::string& prefix = "") {
    v1::CreateCodeIssuanceRequest req;
    req.set_parent(offer);
    req.set_request_id(request_id);
    req.mutable_issuance()->set_kind(kind);
    req.mutable_issuance()->set_count(count);
    req.mutable_issuance()->mutable_format()->set_prefix(prefix);
    v1::CodeIssuance resp;
    grpc::Status s = Call(*stub_, &Stub::CreateCodeIssuance, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  v1::CodeIssuance Get(const std::string& name) {
    v1::GetCodeIssuanceRequest req;
    req.set_name(name);
    v1::CodeIssuance resp;
    grpc::Status s = Call(*stub_, &Stub::GetCodeIssuance, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  std::vector<v1::CouponCode> Codes(const std::string& issuance) {
    std::vector<v1::CouponCode> codes;
    v1::ListCouponCodesRequest list;
    list.set_parent(issuance);
    list.set_page_size(700);
    while (true) {
      v1::ListCouponCodesResponse page;
      grpc::Status s = Call(*stub_, &Stub::ListCouponCodes, list, &page);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      codes.insert(codes.end(), page.coupon_codes().begin(),
                   page.coupon_codes().end());
      if (page.next_page_token().empty()) break;
      list.set_page_token(page.next_page_token());
    }
    return codes;
  }
};

TEST_F(IssuingTest, BulkCodesAreIssuedInChunksUniqueAndValid) {
  v1::Offer offer = RunningOffer(ValidOffer());
  v1::CodeIssuance job =
      Create(offer.name(), v1::CodeIssuance::BULK, 4500, "issue-1", "BURGER");
  EXPECT_EQ(job.state(), v1::CodeIssuance::RUNNING);
  EXPECT_EQ(job.issued_count(), 0);
  // One chunk (1000 in this fixture) per step, each its own transaction.
  ASSERT_TRUE(issuing_->Step(1).value());
  EXPECT_EQ(Get(job.name()).issued_count(), 1000);
  RunJobs();
  v1::CodeIssuance done = Get(job.name());
  EXPECT_EQ(done.state(), v1::CodeIssuance::SUCCEEDED);
  EXPECT_EQ(done.issued_count(), 4500);
  std::vector<v1::CouponCode> codes = Codes(job.name());
  ASSERT_EQ(codes.size(), 4500u);
  std::set<std::string> distinct;
  for (const v1::CouponCode& c : codes) {
    distinct.insert(c.code());
    EXPECT_EQ(c.code().substr(0, 6), "BURGER");
    EXPECT_EQ(c.code().size(), 6u + kDefaultBodyLength + 1);
    EXPECT_TRUE(NormalizeCode("code", c.code()).ok()) << c.code();
    EXPECT_FALSE(c.redeemed());
    EXPECT_TRUE(c.customer().empty());
  }
  EXPECT_EQ(distinct.size(), 4500u);
  // A retry of the request returns the same job and issues nothing more.
  v1::CodeIssuance again =
      Create(offer.name(), v1::CodeIssuance::BULK, 4500, "issue-1", "BURGER");
  EXPECT_EQ(again.name(), job.name());
  RunJobs();
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM coupon_codes"), 4500);
  v1::Redemption r;
  EXPECT_TRUE(Redeem(*stub_, Use(codes[17].code()), "bulk-r", &r).ok());
}

TEST_F(IssuingTest, AJobResumesWhereItStoppedAfterARestart) {
  v1::Offer offer = RunningOffer(ValidOffer());
  v1::CodeIssuance job = Create(offer.name(), v1::CodeIssuance::BULK, 2500);
  ASSERT_TRUE(issuing_->Step(1).value());
  EXPECT_EQ(Get(job.name()).issued_count(), 1000);
  // "Restart": a fresh Issuing over the same database picks the job up.
  Issuing restarted(*store_, clock_, segment_directory_,
                    IssuingOptions{.bulk_chunk = 700});
  EXPECT_FALSE(restarted.RunPending(absl::Seconds(60)));
  EXPECT_EQ(Get(job.name()).state(), v1::CodeIssuance::SUCCEEDED);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM coupon_codes"), 2500);
  EXPECT_EQ(QueryInt("SELECT COUNT(DISTINCT code) FROM coupon_codes"), 2500);
}

TEST_F(IssuingTest, BadRequestsAreRefused) {
  v1::Offer offer = RunningOffer(ValidOffer());
  v1::CreateCodeIssuanceRequest req;
  req.set_parent(offer.name());
  req.mutable_issuance()->set_kind(v1::CodeIssuance::BULK);
  v1::CodeIssuance resp;
  EXPECT_CODE(Call(*stub_, &Stub::CreateCodeIssuance, req, &resp),
              INVALID_ARGUMENT);
  req.mutable_issuance()->set_count(100);
  req.mutable_issuance()->mutable_format()->set_prefix("LOTTE");  // L and O
  EXPECT_CODE(Call(*stub_, &Stub::CreateCodeIssuance, req, &resp),
              INVALID_ARGUMENT);
  req.mutable_issuance()->mutable_format()->set_prefix("");
  req.mutable_issuance()->mutable_format()->set_length(6);
  req.mutable_issuance()->set_count(1'000'000);  // guessable at length 6
  EXPECT_CODE(Call(*stub_, &Stub::CreateCodeIssuance, req, &resp),
              INVALID_ARGUMENT);
  req.set_parent("campaigns/1/offers/99");
  req.mutable_issuance()->set_count(10);
  EXPECT_CODE(Call(*stub_, &Stub::CreateCodeIssuance, req, &resp), NOT_FOUND);
}

TEST_F(IssuingTest, PersonalCodesGoToTheSnapshotsMembersMinusTheHoldout) {
  std::vector<std::string> members;
  for (int i = 0; i < 1000; ++i)
    members.push_back(absl::StrCat("customers/m", i));
  segment_directory_.Set("segments/fashion-20s", members);
  v1::Offer offer = RunningOffer(ValidOffer());  // holdout 1000 bps
  v1::CodeIssuance job =
      Create(offer.name(), v1::CodeIssuance::SEGMENT, 0, "seg-1");
  RunJobs();
  v1::CodeIssuance done = Get(job.name());
  ASSERT_EQ(done.state(), v1::CodeIssuance::SUCCEEDED) << done.error();
  std::set<std::string> expected;
  for (const std::string& m : members) {
    if (!IsHoldout("campaigns/1", m, 1000)) expected.insert(m);
  }
  EXPECT_EQ(done.member_count(), 1000);
  EXPECT_EQ(done.holdout_count(), 1000 - static_cast<int64_t>(expected.size()));
  EXPECT_EQ(done.count(), static_cast<int64_t>(expected.size()));
  EXPECT_EQ(done.issued_count(), static_cast<int64_t>(expected.size()));
  EXPECT_NEAR(done.holdout_count(), 100, 40);
  std::vector<v1::CouponCode> codes = Codes(job.name());
  std::set<std::string> got;
  for (const auto& c : codes) got.insert(c.customer());
  EXPECT_EQ(got, expected);
  // Who was targeted is recorded.
  const std::string snapshot = GetCampaign("campaigns/1").segment_snapshot();
  EXPECT_EQ(snapshot, "segments/fashion-20s/snapshots/1");
  EXPECT_EQ(done.segment_snapshot(), snapshot);
  // A personal code redeems only for its customer.
  v1::Redemption r;
  EXPECT_CODE(Redeem(*stub_, Use(codes[0].code(), 20000, "customers/stranger"),
                     "p1", &r),
              FAILED_PRECONDITION);
  EXPECT_TRUE(
      Redeem(*stub_, Use(codes[0].code(), 20000, codes[0].customer()), "p2", &r)
          .ok());
  // A second personal issuance reuses the campaign's snapshot.
  segment_directory_.Set("segments/fashion-20s", {"customers/late-joiner"});
  v1::CodeIssuance second = Create(offer.name(), v1::CodeIssuance::SEGMENT, 0);
  RunJobs();
  EXPECT_EQ(Get(second.name()).issued_count(),
            static_cast<int64_t>(expected.size()));
  EXPECT_EQ(segment_directory_.snapshots_taken(), 1);
}

TEST_F(IssuingTest, PersonalIssuingWaitsOutAnOutageAndFailsOnAMissingSegment) {
  segment_directory_.Set("segments/fashion-20s",
                         {"customers/a", "customers/b"});
  v1::Offer offer = RunningOffer(ValidOffer());
  segment_directory_.SetDown(true);
  v1::CodeIssuance job = Create(offer.name(), v1::CodeIssuance::SEGMENT, 0);
  EXPECT_FALSE(issuing_->RunPending(absl::Seconds(5)));
  EXPECT_EQ(Get(job.name()).state(), v1::CodeIssuance::RUNNING);
  segment_directory_.SetDown(false);
  RunJobs();
  EXPECT_EQ(Get(job.name()).state(), v1::CodeIssuance::SUCCEEDED);

  // A campaign whose segment does not exist.
  v1::Campaign c = ValidCampaign();
  c.set_segment("segments/gone");
  v1::Campaign created = CreateCampaign(c);
  v1::Offer o2 = CreateOffer(created.name(), ValidOffer());
  v1::CodeIssuance failing = Create(o2.name(), v1::CodeIssuance::SEGMENT, 0);
  RunJobs();
  v1::CodeIssuance failed = Get(failing.name());
  EXPECT_EQ(failed.state(), v1::CodeIssuance::FAILED);
  EXPECT_NE(failed.error().find("segment"), std::string::npos)
      << failed.error();
}

}  // namespace
}  // namespace partnerhub::campaign
