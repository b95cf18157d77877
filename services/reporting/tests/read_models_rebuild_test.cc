// Rebuilding the read models replays the feeds to the same figures; a feed
// that pruned its events cannot be replayed (read_models_fixture.h).
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/reporting/tests/fixture.h"
#include "services/reporting/tests/read_models_fixture.h"

namespace partnerhub::reporting {
namespace {

using namespace ::partnerhub::reporting::testing;  // NOLINT

TEST_F(ReadModelsTest, RebuildYieldsTheSameFigures) {
  const Dataset d = Generate(200, 1500);
  AppendDataset(d);
  auto r = Reporting::Create(absl::StrCat("rm_", TestName()));
  ASSERT_NE(r, nullptr);
  for (int f = 0; f < 3; ++f) r->Follow(*producers_, f, 500);
  ASSERT_TRUE(r->WaitCaughtUp(*producers_));
  ExpectAll(*r->reports, d);
  EXPECT_EQ(r->reports->Rebuild(false).status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::StatusOr<std::vector<FeedStatus>> rebuilt = r->reports->Rebuild(true);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status();
  for (const FeedStatus& s : *rebuilt) EXPECT_EQ(s.stored.position, 0);
  // The idle followers notice and replay.
  ASSERT_TRUE(r->WaitCaughtUp(*producers_));
  ExpectAll(*r->reports, d);

  // Once a feed has pruned events, a rebuild cannot replay it: its status
  // says OUT_OF_RANGE and its position stays at 0.
  ASSERT_TRUE(producers_->PruneAll(kCampaignFeed).ok());
  ASSERT_TRUE(r->reports->Rebuild(true).ok());
  ASSERT_TRUE(r->WaitCaughtUp(*producers_, {kRegistry, kCx}));
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  bool out_of_range = false;
  while (!out_of_range && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
    absl::StatusOr<std::vector<FeedStatus>> status =
        r->reports->GetFeedStatus();
    ASSERT_TRUE(status.ok());
    out_of_range = absl::StrContains((*status)[kCampaignFeed].local.last_error,
                                     "OUT_OF_RANGE");
    EXPECT_EQ((*status)[kCampaignFeed].stored.position, 0);
  }
  EXPECT_TRUE(out_of_range);
}

}  // namespace
}  // namespace partnerhub::reporting
