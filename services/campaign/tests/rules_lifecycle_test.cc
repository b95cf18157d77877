// Unit tests of the campaign rules (no database, no network): the campaign
// lifecycle and which settings may change.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/campaign/src/domain/rules.h"
#include "services/campaign/src/domain/secure_random.h"
#include "services/campaign/tests/rules_fixture.h"

namespace partnerhub::campaign {
namespace {

// ---- Lifecycle ----

TEST(LifecycleTest, AllowedMovesAreExactlyTheDocumentedOnes) {
  using S = CampaignState;
  const std::set<std::pair<S, S>> allowed = {
      {S::kDraft, S::kScheduled},   {S::kDraft, S::kCancelled},
      {S::kScheduled, S::kRunning}, {S::kScheduled, S::kCancelled},
      {S::kRunning, S::kPaused},    {S::kRunning, S::kEnded},
      {S::kRunning, S::kCancelled}, {S::kPaused, S::kRunning},
      {S::kPaused, S::kEnded},      {S::kPaused, S::kCancelled}};
  const S all[] = {S::kDraft,  S::kScheduled, S::kRunning,
                   S::kPaused, S::kEnded,     S::kCancelled};
  for (S from : all) {
    for (S to : all) {
      EXPECT_EQ(IsAllowedTransition(from, to), allowed.count({from, to}) == 1)
          << static_cast<int>(from) << "→" << static_cast<int>(to);
    }
  }
}

TEST(LifecycleTest, RunningOnlyInsideTheWindowAndSchedulingNeedsAnOffer) {
  Campaign c = RunningCampaign();
  c.state = CampaignState::kScheduled;
  EXPECT_TRUE(absl::IsFailedPrecondition(
      CheckTransition(c, CampaignState::kRunning, kT0 - absl::Seconds(1), 1)));
  EXPECT_TRUE(CheckTransition(c, CampaignState::kRunning, kT0, 1).ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(
      CheckTransition(c, CampaignState::kRunning, c.end_time, 1)));
  c.state = CampaignState::kDraft;
  EXPECT_TRUE(absl::IsFailedPrecondition(
      CheckTransition(c, CampaignState::kScheduled, kT0, 0)));
  EXPECT_TRUE(CheckTransition(c, CampaignState::kScheduled, kT0, 1).ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(
      CheckTransition(c, CampaignState::kScheduled, c.end_time, 1)));
}

TEST(LifecycleTest, PartnersInContractOrActiveMayRunCampaigns) {
  EXPECT_TRUE(PartnerMayRunCampaigns("CONTRACTED"));
  EXPECT_TRUE(PartnerMayRunCampaigns("ACTIVE"));
  for (const char* s : {"PROSPECT", "NEGOTIATING", "SUSPENDED", "TERMINATED"}) {
    EXPECT_FALSE(PartnerMayRunCampaigns(s)) << s;
  }
}

// ---- Settings ----

TEST(SettingsTest, EditsAreRestrictedOnceRunning) {
  Campaign target = RunningCampaign();
  Campaign patch = target;
  patch.display_name = "Renamed";
  patch.start_time = kT0 + absl::Hours(1);
  patch.budget_minor = 200000;
  EXPECT_TRUE(
      ApplyMask(patch, {"display_name", "budget", "end_time"}, target).ok());
  EXPECT_EQ(target.display_name, "Renamed");
  EXPECT_EQ(target.budget_minor, 200000);
  EXPECT_TRUE(
      absl::IsFailedPrecondition(ApplyMask(patch, {"start_time"}, target)));
  EXPECT_TRUE(
      absl::IsFailedPrecondition(ApplyMask(patch, {"holdout_bps"}, target)));
  target.state = CampaignState::kEnded;
  EXPECT_TRUE(
      absl::IsFailedPrecondition(ApplyMask(patch, {"display_name"}, target)));
  target.state = CampaignState::kDraft;
  EXPECT_TRUE(ApplyMask(patch, {"start_time", "holdout_bps"}, target).ok());
  // Once personal codes went out, the targeting is fixed.
  target.segment_snapshot = "segments/s/snapshots/1";
  EXPECT_TRUE(
      absl::IsFailedPrecondition(ApplyMask(patch, {"segment"}, target)));
  EXPECT_TRUE(
      absl::IsFailedPrecondition(ApplyMask(patch, {"holdout_bps"}, target)));
  EXPECT_TRUE(absl::IsInvalidArgument(ApplyMask(patch, {"partner"}, target)));
  EXPECT_TRUE(absl::IsInvalidArgument(ApplyMask(patch, {}, target)));
}

TEST(SettingsTest, ALiveCampaignKeepsBudgetAboveSpentAndEndInTheFuture) {
  Campaign c = RunningCampaign();
  c.spent_minor = 5000;
  c.budget_minor = 4999;
  EXPECT_TRUE(absl::IsFailedPrecondition(CheckLiveUpdate(c, kT0)));
  c.budget_minor = 5000;
  EXPECT_TRUE(CheckLiveUpdate(c, kT0).ok());
  c.end_time = kT0;
  EXPECT_TRUE(absl::IsFailedPrecondition(CheckLiveUpdate(c, kT0)));
}

TEST(SettingsTest, CampaignAndOfferFieldsAreValidated) {
  Campaign c = RunningCampaign();
  EXPECT_TRUE(ValidateCampaign(c).ok());
  Campaign bad = c;
  bad.end_time = bad.start_time;
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateCampaign(bad)));
  bad = c;
  bad.currency_code = "krw";
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateCampaign(bad)));
  bad = c;
  bad.budget_minor = 0;
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateCampaign(bad)));
  bad = c;
  bad.holdout_bps = 10001;
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateCampaign(bad)));
  bad = c;
  bad.segment = "segments/has space";
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateCampaign(bad)));

  Offer o = PercentOffer();
  EXPECT_TRUE(ValidateOffer(o, c).ok());
  o.currency_code = "USD";
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateOffer(o, c)));
  o = PercentOffer();
  o.percent_bps = 0;
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateOffer(o, c)));
  o = PercentOffer();
  o.per_customer_limit = -1;
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateOffer(o, c)));
}
}  // namespace
}  // namespace partnerhub::campaign
