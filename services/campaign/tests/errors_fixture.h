// The table of the campaign errors tests (errors_*_test.cc): one case per
// failure, how to provoke it through the gRPC stub over a real MariaDB, and
// what a client must see (tests/harness/grpc_errors.h). Each
// errors_<group>_test.cc holds the cases of one RPC group; errors_test.cc
// checks them all.
#ifndef PARTNERHUB_SERVICES_CAMPAIGN_TESTS_ERRORS_FIXTURE_H_
#define PARTNERHUB_SERVICES_CAMPAIGN_TESTS_ERRORS_FIXTURE_H_

#include <gtest/gtest.h>

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/campaign/src/domain/rules.h"
#include "services/campaign/tests/fixture.h"
#include "tests/harness/grpc_errors.h"

namespace partnerhub::campaign {

using Code = grpc::StatusCode;

class ErrorsTest;

// One failure: how to provoke it, and what a client must see. In the
// expected names, "{code}" stands for the code the setup issued (code_).
struct ErrorCase {
  std::string name;
  // Puts the service in the state the failure needs; may be empty. Every
  // case runs on a new schema, so the first campaign is campaigns/1.
  std::function<void(ErrorsTest&)> setup = nullptr;
  // The failing call.
  std::function<grpc::Status(ErrorsTest&)> call;
  // What the client must see; an empty domain is the service's own.
  ::partnerhub::testing::ExpectedError expect;
  // A table whose row count the failed call must leave as it was.
  std::string table = "";
};

inline void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class ErrorsTest : public CampaignTest,
                   public ::testing::WithParamInterface<ErrorCase> {
 public:
  // The cases of each RPC group, in errors_<group>_test.cc.
  static std::vector<ErrorCase> CampaignCases();
  static std::vector<ErrorCase> OfferAndIssuanceCases();
  static std::vector<ErrorCase> CouponCases();

 protected:
  template <typename Req, typename Resp>
  grpc::Status Rpc(grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                const Req&, Resp*),
                   const Req& req) {
    Resp resp;
    return Call(*stub_, method, req, &resp);
  }

  // Issues `n` bulk codes for campaigns/1/offers/1 into codes_ (code_ is
  // the first).
  void Issue(int n) {
    codes_ = IssueCodes("campaigns/1/offers/1", n);
    if (!codes_.empty()) code_ = codes_[0];
  }
  void RedeemOk(const v1::CouponUse& use, const std::string& request_id) {
    v1::Redemption r;
    grpc::Status s = Redeem(*stub_, use, request_id, &r);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }
  grpc::Status Validate(const v1::CouponUse& use) {
    v1::ValidateCouponRequest req;
    *req.mutable_use() = use;
    return Rpc(&Stub::ValidateCoupon, req);
  }
  grpc::Status RedeemAs(const v1::CouponUse& use,
                        const std::string& request_id) {
    v1::Redemption r;
    return Redeem(*stub_, use, request_id, &r);
  }
  // UpdateCampaign of campaigns/1 with `patch` and the mask `paths`.
  grpc::Status UpdateCampaign(v1::Campaign patch,
                              const std::vector<std::string>& paths) {
    v1::UpdateCampaignRequest req;
    patch.set_name("campaigns/1");
    *req.mutable_campaign() = std::move(patch);
    for (const std::string& p : paths) req.mutable_update_mask()->add_paths(p);
    return Rpc(&Stub::UpdateCampaign, req);
  }
  grpc::Status TransitionTo(v1::Campaign::State state) {
    v1::TransitionCampaignRequest req;
    req.set_name("campaigns/1");
    req.set_state(state);
    return Rpc(&Stub::TransitionCampaign, req);
  }
  grpc::Status CreateIssuance(const std::string& offer,
                              v1::CodeIssuance::Kind kind, int64_t count) {
    v1::CreateCodeIssuanceRequest req;
    req.set_parent(offer);
    req.mutable_issuance()->set_kind(kind);
    req.mutable_issuance()->set_count(count);
    return Rpc(&Stub::CreateCodeIssuance, req);
  }
  // A RUNNING campaign without holdout targeting "customers/a", and the
  // personal code issued to that customer in code_.
  void PersonalCode() {
    segment_directory_.Set("segments/fashion-20s", {"customers/a"});
    v1::Campaign c = ValidCampaign();
    c.set_holdout_bps(0);
    CreateCampaign(c);
    CreateOffer("campaigns/1", ValidOffer());
    StartCampaign("campaigns/1");
    EXPECT_TRUE(
        CreateIssuance("campaigns/1/offers/1", v1::CodeIssuance::SEGMENT, 0)
            .ok());
    RunJobs();
    v1::ListCouponCodesRequest list;
    list.set_parent("campaigns/1/offers/1/issuances/1");
    v1::ListCouponCodesResponse page;
    EXPECT_TRUE(Call(*stub_, &Stub::ListCouponCodes, list, &page).ok());
    ASSERT_EQ(page.coupon_codes_size(), 1);
    EXPECT_EQ(page.coupon_codes(0).customer(), "customers/a");
    code_ = page.coupon_codes(0).code();
  }

  std::string Expand(const std::string& expected) const {
    return absl::StrReplaceAll(expected, {{"{code}", code_}});
  }

  std::vector<std::string> codes_;
  std::string code_;
};

// A code whose check character matches, never issued.
inline std::string UnknownCode() {
  return absl::StrCat("ABCDEFGH", std::string(1, CheckCharacter("ABCDEFGH")));
}

}  // namespace partnerhub::campaign

#endif  // PARTNERHUB_SERVICES_CAMPAIGN_TESTS_ERRORS_FIXTURE_H_
