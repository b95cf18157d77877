// The PartnerRegistry service through gRPC, over a real MariaDB: updating
// partners (masks, etags, concurrent updates), their lifecycle and its
// history, deleting them, and malformed or missing names.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "services/partner_registry/tests/fixture.h"
#include "tests/harness/harness.h"
namespace partnerhub::partner_registry {
namespace {

TEST_F(RegistryTest, UpdateAppliesMaskAndHonoursEtag) {
  v1::Partner p = CreatePartner(1);
  v1::UpdatePartnerRequest req;
  req.mutable_partner()->set_name(p.name());
  req.mutable_partner()->set_display_name("Renamed");
  req.mutable_partner()->set_needs("ignored: not in the mask");
  req.mutable_partner()->set_etag(p.etag());
  req.mutable_update_mask()->add_paths("display_name");
  v1::Partner updated;
  ASSERT_TRUE(Call(*stub_, &Stub::UpdatePartner, req, &updated).ok());
  EXPECT_EQ(updated.display_name(), "Renamed");
  EXPECT_EQ(updated.needs(), p.needs());
  EXPECT_EQ(updated.etag(), "2");
  // The same (now stale) etag again.
  grpc::Status s = Call(*stub_, &Stub::UpdatePartner, req, &updated);
  EXPECT_CODE(s, ABORTED);
  // Masks naming what cannot change, or nothing.
  req.mutable_partner()->clear_etag();
  req.mutable_update_mask()->set_paths(0, "state");
  EXPECT_CODE(Call(*stub_, &Stub::UpdatePartner, req, &updated),
              INVALID_ARGUMENT);
  req.mutable_update_mask()->clear_paths();
  EXPECT_CODE(Call(*stub_, &Stub::UpdatePartner, req, &updated),
              INVALID_ARGUMENT);
  // Invalid new value: rejected, nothing written.
  req.mutable_update_mask()->add_paths("tier");
  req.mutable_partner()->set_tier(v1::Partner::TIER_UNSPECIFIED);
  s = Call(*stub_, &Stub::UpdatePartner, req, &updated);
  EXPECT_CODE(s, INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("partner.tier"), std::string::npos);
  v1::GetPartnerRequest get;
  get.set_name(p.name());
  v1::Partner now;
  ASSERT_TRUE(Call(*stub_, &Stub::GetPartner, get, &now).ok());
  EXPECT_EQ(now.etag(), "2");
  EXPECT_EQ(now.tier(), v1::Partner::PREMIUM);
}

TEST_F(RegistryTest, ConcurrentUpdatesAreNeverLost) {
  v1::Partner p = CreatePartner(1);
  constexpr int kClients = 8, kEach = 5;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      auto stub = NewStub();
      for (int j = 0; j < kEach; ++j) {
        v1::UpdatePartnerRequest req;
        req.mutable_partner()->set_name(p.name());
        req.mutable_partner()->set_needs(
            absl::StrCat("client ", i, " write ", j));
        req.mutable_update_mask()->add_paths("needs");
        v1::Partner resp;
        if (Call(*stub, &Stub::UpdatePartner, req, &resp).ok()) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), kClients * kEach);
  v1::GetPartnerRequest get;
  get.set_name(p.name());
  v1::Partner now;
  ASSERT_TRUE(Call(*stub_, &Stub::GetPartner, get, &now).ok());
  EXPECT_EQ(now.etag(), absl::StrCat(1 + kClients * kEach));
}

TEST_F(RegistryTest, LifecycleTransitionsAreCheckedAndKeptAsHistory) {
  v1::Partner p = CreatePartner(1);
  MoveTo(p.name(), {v1::Partner::NEGOTIATING, v1::Partner::PROSPECT,
                    v1::Partner::NEGOTIATING, v1::Partner::CONTRACTED});
  v1::TransitionPartnerRequest req;
  req.set_name(p.name());
  req.set_state(v1::Partner::ACTIVE);
  req.set_reason("go live");
  v1::Partner resp;
  grpc::Status s = Call(*stub_, &Stub::TransitionPartner, req, &resp);
  EXPECT_CODE(s, FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("agreement in force"), std::string::npos);

  SignAgreement(p.name(), 10, 100);
  ASSERT_TRUE(Call(*stub_, &Stub::TransitionPartner, req, &resp).ok());
  EXPECT_EQ(resp.state(), v1::Partner::ACTIVE);
  MoveTo(p.name(), {v1::Partner::SUSPENDED, v1::Partner::ACTIVE,
                    v1::Partner::TERMINATED});
  req.set_state(v1::Partner::PROSPECT);
  EXPECT_CODE(Call(*stub_, &Stub::TransitionPartner, req, &resp),
              FAILED_PRECONDITION);
  req.set_state(v1::Partner::STATE_UNSPECIFIED);
  s = Call(*stub_, &Stub::TransitionPartner, req, &resp);
  EXPECT_CODE(s, INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("state"), std::string::npos);
  req.set_state(v1::Partner::ACTIVE);
  req.clear_reason();
  s = Call(*stub_, &Stub::TransitionPartner, req, &resp);
  EXPECT_CODE(s, INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("reason"), std::string::npos);

  v1::ListPartnerStateChangesRequest history;
  history.set_parent(p.name());
  history.set_page_size(3);
  std::vector<v1::Partner::State> states;
  do {
    v1::ListPartnerStateChangesResponse page;
    ASSERT_TRUE(
        Call(*stub_, &Stub::ListPartnerStateChanges, history, &page).ok());
    for (const auto& c : page.state_changes()) states.push_back(c.to_state());
    history.set_page_token(page.next_page_token());
  } while (!history.page_token().empty());
  const std::vector<v1::Partner::State> expected = {
      v1::Partner::TERMINATED, v1::Partner::ACTIVE,
      v1::Partner::SUSPENDED,  v1::Partner::ACTIVE,
      v1::Partner::CONTRACTED, v1::Partner::NEGOTIATING,
      v1::Partner::PROSPECT,   v1::Partner::NEGOTIATING,
      v1::Partner::PROSPECT};
  EXPECT_EQ(states, expected);
}

TEST_F(RegistryTest, DeleteOnlyProspectsWithoutAgreements) {
  v1::Partner keep = CreatePartner(1);
  v1::Partner gone = CreatePartner(2);
  MoveTo(keep.name(), {v1::Partner::NEGOTIATING});
  v1::DeletePartnerRequest req;
  req.set_name(keep.name());
  google::protobuf::Empty empty;
  EXPECT_CODE(Call(*stub_, &Stub::DeletePartner, req, &empty),
              FAILED_PRECONDITION);
  req.set_name(gone.name());
  req.set_etag("99");
  EXPECT_CODE(Call(*stub_, &Stub::DeletePartner, req, &empty), ABORTED);
  req.clear_etag();
  ASSERT_TRUE(Call(*stub_, &Stub::DeletePartner, req, &empty).ok());
  v1::GetPartnerRequest get;
  get.set_name(gone.name());
  v1::Partner resp;
  grpc::Status s = Call(*stub_, &Stub::GetPartner, get, &resp);
  EXPECT_CODE(s, NOT_FOUND);
  EXPECT_NE(s.error_message().find(gone.name()), std::string::npos);
}

TEST_F(RegistryTest, MalformedNamesAreInvalidMissingOnesNotFound) {
  v1::GetPartnerRequest get;
  v1::Partner resp;
  for (const char* name :
       {"", "partner/1", "partners/x", "partners/0", "partners/1/x"}) {
    get.set_name(name);
    grpc::Status s = Call(*stub_, &Stub::GetPartner, get, &resp);
    EXPECT_CODE(s, INVALID_ARGUMENT);
    EXPECT_EQ(s.error_message().substr(0, 4), "name") << name;
  }
  get.set_name("partners/424242");
  EXPECT_CODE(Call(*stub_, &Stub::GetPartner, get, &resp), NOT_FOUND);
}
}  // namespace
}  // namespace partnerhub::partner_registry
