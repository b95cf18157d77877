// The fixture of customer-experience's event feed tests (events_*_test.cc):
// the feed read back through its store, and each event as lines of text
// with what the tests check of it.
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_TESTS_EVENTS_FIXTURE_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_TESTS_EVENTS_FIXTURE_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/events/feed_store.h"
#include "common/grpc/proto_convert.h"
#include "services/customer_experience/src/convert/convert.h"
#include "services/customer_experience/tests/fixture.h"

namespace partnerhub::customer_experience {

namespace ev = ::partnerhub::events::v1;

// Minutes from CxTest::Start().
inline int64_t Minutes(const google::protobuf::Timestamp& ts) {
  const absl::Time t =
      absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
  return absl::ToInt64Minutes(t - CxTest::Start());
}
// The same as text ("-10m"), for readable expectations.
inline std::string Rel(const google::protobuf::Timestamp& ts) {
  return absl::StrCat(Minutes(ts), "m");
}

// The reach time of `stage` in `p` ("" when not reached).
inline std::string StageTime(const v1::FunnelProgress& p,
                             v1::FunnelProgress::Stage stage) {
  for (const auto& r : p.stages_reached()) {
    if (r.stage() == stage) return Rel(r.reach_time());
  }
  return "";
}

// One line per event, with what the tests check of it; one line per item of
// a batched event (touchpoints, reaches).
inline std::vector<std::string> Lines(const ev::Event& e) {
  switch (e.payload_case()) {
    case ev::Event::kCustomerChanged: {
      const v1::Customer& c = e.customer_changed().customer();
      return {absl::StrCat(
          "customer ",
          ev::CustomerChanged::Change_Name(e.customer_changed().change()), " ",
          c.name(), " etag=", c.etag())};
    }
    case ev::Event::kTouchpointsRecorded: {
      std::vector<std::string> out;
      for (const v1::Touchpoint& t : e.touchpoints_recorded().touchpoints()) {
        out.push_back(absl::StrCat("touchpoint ", t.name(), " ",
                                   v1::Touchpoint::Type_Name(t.type()), " ",
                                   Rel(t.occur_time())));
      }
      return out;
    }
    case ev::Event::kPurchaseRecorded:
      return {
          absl::StrCat("purchase ", e.purchase_recorded().purchase().name())};
    case ev::Event::kPurchaseRefunded: {
      const auto& r = e.purchase_refunded();
      return {absl::StrCat(
          "refund ", r.refund().name(), " ", r.refund().amount().amount_minor(),
          " refunded=", r.purchase().refunded_total().amount_minor())};
    }
    case ev::Event::kFunnelStagesReached: {
      std::vector<std::string> out;
      for (const auto& r : e.funnel_stages_reached().reaches()) {
        out.push_back(absl::StrCat("reach ", r.customer(), " ",
                                   r.partner().empty() ? "-" : r.partner(), " ",
                                   v1::FunnelProgress::Stage_Name(r.stage()),
                                   " ", Rel(r.reach_time()), " ",
                                   r.campaign().empty() ? "-" : r.campaign()));
      }
      return out;
    }
    case ev::Event::kSegmentSnapshotTaken: {
      const v1::SegmentSnapshot& s = e.segment_snapshot_taken().snapshot();
      return {
          absl::StrCat("snapshot ", s.name(), " members=", s.member_count())};
    }
    case ev::Event::kSegmentSnapshotMembers: {
      const auto& m = e.segment_snapshot_members();
      return {absl::StrCat("members ", m.snapshot(), " n=", m.customers_size(),
                           m.last() ? " last" : "")};
    }
    default:
      return {absl::StrCat("unexpected payload ", e.payload_case())};
  }
}

inline std::string Describe(const ev::Event& e) {
  return absl::StrJoin(Lines(e), "\n");
}

// The lines of `events`, one after the other.
inline std::vector<std::string> LinesOf(const std::vector<ev::Event>& events) {
  std::vector<std::string> out;
  for (const ev::Event& e : events) {
    for (std::string& line : Lines(e)) out.push_back(std::move(line));
  }
  return out;
}

class CxEventsTest : public CxTest {
 protected:
  // The events after `after`, checking that positions are consecutive and
  // every event is on the customer-experience feed.
  std::vector<ev::Event> FeedAfter(int64_t after) {
    events::FeedStore store(*pool_, "customer-experience");
    std::vector<ev::Event> out;
    int64_t position = after;
    while (true) {
      absl::StatusOr<events::EventBatch> batch =
          store.ReadAfter(position, 1000);
      EXPECT_TRUE(batch.ok()) << batch.status();
      if (!batch.ok() || batch->events.empty()) return out;
      for (ev::Event& e : batch->events) {
        EXPECT_EQ(e.position(), position + 1);
        EXPECT_EQ(e.feed(), "customer-experience");
        position = e.position();
        out.push_back(std::move(e));
      }
    }
  }
  // The events since the last call, after the funnel projector caught up.
  std::vector<ev::Event> NewEvents() {
    CatchUpFunnel();
    std::vector<ev::Event> out = FeedAfter(seen_);
    if (!out.empty()) seen_ = out.back().position();
    return out;
  }
  std::vector<std::string> NewLines() { return LinesOf(NewEvents()); }

  v1::Customer SetConsent(const std::string& id, v1::MarketingConsent::State s,
                          grpc::StatusCode want = grpc::OK) {
    v1::SetMarketingConsentRequest req;
    req.set_name(absl::StrCat("customers/", id));
    req.set_state(s);
    req.set_source("app-settings");
    v1::Customer out;
    EXPECT_EQ(CALL(stub_, SetMarketingConsent, req, &out).error_code(), want);
    return out;
  }

  int64_t seen_ = 0;
};

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_TESTS_EVENTS_FIXTURE_H_
