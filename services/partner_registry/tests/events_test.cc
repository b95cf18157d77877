// The partner registry's event feed over a real MariaDB: every change of a
// partner, agreement or sales activity writes exactly one event, in the
// same transaction, carrying the resource as the API returns it after the
// change; retries, rejected changes and contacts write none.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/events/feed_store.h"
#include "partnerhub/events/v1/events.pb.h"
#include "services/partner_registry/tests/fixture.h"

namespace partnerhub::partner_registry {
namespace {

namespace ev = ::partnerhub::events::v1;
using Stub = v1::PartnerRegistryService::Stub;

template <typename Req, typename Resp>
grpc::Status Call(Stub& stub,
                  grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&,
                                               Resp*),
                  const Req& req, Resp* resp) {
  grpc::ClientContext ctx;
  return (stub.*method)(&ctx, req, resp);
}

class RegistryEventsTest : public RegistryTest {
 protected:
  // Every event of the feed, checking positions 1, 2, 3, ... and the feed
  // name on the way.
  std::vector<ev::Event> Events() {
    events::FeedStore store(*pool_, "partner-registry");
    std::vector<ev::Event> out;
    while (true) {
      const int64_t after = out.empty() ? 0 : out.back().position();
      absl::StatusOr<events::EventBatch> batch = store.ReadAfter(after, 3);
      EXPECT_TRUE(batch.ok()) << batch.status();
      if (!batch.ok() || batch->events.empty()) break;
      for (ev::Event& e : batch->events) out.push_back(std::move(e));
    }
    for (size_t i = 0; i < out.size(); ++i) {
      EXPECT_EQ(out[i].position(), static_cast<int64_t>(i) + 1);
      EXPECT_EQ(out[i].feed(), "partner-registry");
    }
    return out;
  }

  // The events after the first `skip`.
  std::vector<ev::Event> EventsAfter(size_t skip) {
    std::vector<ev::Event> all = Events();
    if (all.size() <= skip) return {};
    return {all.begin() + skip, all.end()};
  }

  int64_t Now() const { return absl::ToUnixSeconds(clock_.Now()); }

  v1::Partner Get(const std::string& name) {
    v1::GetPartnerRequest req;
    req.set_name(name);
    v1::Partner resp;
    EXPECT_TRUE(Call(*stub_, &Stub::GetPartner, req, &resp).ok());
    return resp;
  }
};

#define EXPECT_PROTO_EQ(a, b)                                 \
  EXPECT_EQ((a).SerializeAsString(), (b).SerializeAsString()) \
      << (a).ShortDebugString() << "\n vs " << (b).ShortDebugString()

TEST_F(RegistryEventsTest,
       PartnerChangesWriteOneEventEachRetriesAndRejectsNone) {
  // Created (with a request_id), then retried: one event.
  v1::CreatePartnerRequest create;
  *create.mutable_partner() = ValidPartner(1);
  create.set_request_id("create-partner-1");
  v1::Partner created;
  ASSERT_TRUE(Call(*stub_, &Stub::CreatePartner, create, &created).ok());
  const int64_t t_create = Now();
  clock_.Advance(absl::Minutes(1));
  v1::Partner again;
  ASSERT_TRUE(Call(*stub_, &Stub::CreatePartner, create, &again).ok());
  EXPECT_EQ(again.name(), created.name());
  // A create that is rejected (duplicate registration number) writes none.
  v1::CreatePartnerRequest duplicate;
  *duplicate.mutable_partner() = ValidPartner(1);
  EXPECT_EQ(Call(*stub_, &Stub::CreatePartner, duplicate, &again).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  ASSERT_EQ(Events().size(), 1u);

  // Updated; a stale etag and an invalid value write nothing.
  v1::UpdatePartnerRequest update;
  update.mutable_partner()->set_name(created.name());
  update.mutable_partner()->set_display_name("Renamed");
  update.mutable_partner()->set_etag(created.etag());
  update.mutable_update_mask()->add_paths("display_name");
  v1::Partner updated;
  ASSERT_TRUE(Call(*stub_, &Stub::UpdatePartner, update, &updated).ok());
  const int64_t t_update = Now();
  clock_.Advance(absl::Minutes(1));
  EXPECT_EQ(Call(*stub_, &Stub::UpdatePartner, update, &again).error_code(),
            grpc::StatusCode::ABORTED);
  update.mutable_partner()->set_etag(updated.etag());
  update.mutable_partner()->set_display_name("");
  EXPECT_EQ(Call(*stub_, &Stub::UpdatePartner, update, &again).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  // State changed; a transition the lifecycle forbids writes nothing.
  v1::Partner negotiating = MoveTo(created.name(), {v1::Partner::NEGOTIATING});
  const int64_t t_transition = Now();
  clock_.Advance(absl::Minutes(1));
  v1::TransitionPartnerRequest to_active;
  to_active.set_name(created.name());
  to_active.set_state(v1::Partner::ACTIVE);
  to_active.set_reason("too early");
  EXPECT_EQ(
      Call(*stub_, &Stub::TransitionPartner, to_active, &again).error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);

  // Deleted: the partner as it was; a refused delete writes nothing.
  v1::Partner doomed = CreatePartner(2);
  const int64_t t_create2 = Now();
  clock_.Advance(absl::Minutes(1));
  v1::DeletePartnerRequest del;
  del.set_name(created.name());  // not a PROSPECT any more
  google::protobuf::Empty empty;
  EXPECT_EQ(Call(*stub_, &Stub::DeletePartner, del, &empty).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  del.set_name(doomed.name());
  del.set_etag(doomed.etag());
  ASSERT_TRUE(Call(*stub_, &Stub::DeletePartner, del, &empty).ok());
  const int64_t t_delete = Now();

  std::vector<ev::Event> events = Events();
  ASSERT_EQ(events.size(), 5u);
  const struct {
    ev::PartnerChanged::Change change;
    int64_t time;
    v1::Partner partner;
  } want[] = {
      {ev::PartnerChanged::CREATED, t_create, created},
      {ev::PartnerChanged::UPDATED, t_update, updated},
      {ev::PartnerChanged::STATE_CHANGED, t_transition, negotiating},
      {ev::PartnerChanged::CREATED, t_create2, doomed},
      {ev::PartnerChanged::DELETED, t_delete, doomed},
  };
  for (int i = 0; i < 5; ++i) {
    SCOPED_TRACE(i);
    ASSERT_TRUE(events[i].has_partner_changed());
    EXPECT_EQ(events[i].partner_changed().change(), want[i].change);
    EXPECT_EQ(events[i].event_time().seconds(), want[i].time);
    EXPECT_PROTO_EQ(events[i].partner_changed().partner(), want[i].partner);
  }
  EXPECT_EQ(events[2].partner_changed().partner().state(),
            v1::Partner::NEGOTIATING);
  EXPECT_PROTO_EQ(events[2].partner_changed().partner(), Get(created.name()));
}

TEST_F(RegistryEventsTest, AgreementChangesWriteOneEventEach) {
  v1::Partner p = CreatePartner(1);
  const size_t skip = Events().size();  // the partner's CREATED
  ASSERT_EQ(skip, 1u);

  // Created (retried with its request_id), updated, signed, terminated.
  const absl::CivilDay today =
      absl::ToCivilDay(clock_.Now(), absl::FixedTimeZone(9 * 3600));
  auto date = [](absl::CivilDay d) {
    partnerhub::type::v1::Date out;
    out.set_year(static_cast<int>(d.year()));
    out.set_month(d.month());
    out.set_day(d.day());
    return out;
  };
  v1::CreateAgreementRequest create;
  create.set_parent(p.name());
  create.set_request_id("agreement-1");
  v1::Agreement* a = create.mutable_agreement();
  a->set_commission_rate_bps(1200);
  a->set_partner_discount_share_bps(5000);
  a->set_settlement_cycle(v1::Agreement::MONTHLY);
  *a->mutable_start_date() = date(today - 1);
  *a->mutable_end_date() = date(today + 30);
  v1::Agreement created, again;
  ASSERT_TRUE(Call(*stub_, &Stub::CreateAgreement, create, &created).ok());
  const int64_t t_create = Now();
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(Call(*stub_, &Stub::CreateAgreement, create, &again).ok());
  EXPECT_EQ(again.name(), created.name());
  // An overlapping one is refused and writes nothing.
  create.set_request_id("agreement-overlapping");
  EXPECT_EQ(Call(*stub_, &Stub::CreateAgreement, create, &again).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::UpdateAgreementRequest update;
  *update.mutable_agreement() = created;
  update.mutable_agreement()->set_commission_rate_bps(1500);
  update.mutable_update_mask()->add_paths("commission_rate_bps");
  v1::Agreement updated;
  ASSERT_TRUE(Call(*stub_, &Stub::UpdateAgreement, update, &updated).ok());
  const int64_t t_update = Now();
  clock_.Advance(absl::Minutes(1));

  v1::SignAgreementRequest sign;
  sign.set_name(created.name());
  v1::Agreement signed_agreement;
  ASSERT_TRUE(Call(*stub_, &Stub::SignAgreement, sign, &signed_agreement).ok());
  const int64_t t_sign = Now();
  clock_.Advance(absl::Minutes(1));
  // Signing again is refused: nothing written.
  EXPECT_EQ(Call(*stub_, &Stub::SignAgreement, sign, &again).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::TerminateAgreementRequest terminate;
  terminate.set_name(created.name());
  terminate.set_reason("the partner closed the store");
  v1::Agreement terminated;
  ASSERT_TRUE(
      Call(*stub_, &Stub::TerminateAgreement, terminate, &terminated).ok());
  const int64_t t_terminate = Now();
  clock_.Advance(absl::Minutes(1));

  // A draft created and deleted.
  create.set_request_id("agreement-2");
  v1::Agreement draft;
  ASSERT_TRUE(Call(*stub_, &Stub::CreateAgreement, create, &draft).ok());
  const int64_t t_create2 = Now();
  clock_.Advance(absl::Minutes(1));
  v1::DeleteAgreementRequest del;
  del.set_name(draft.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(Call(*stub_, &Stub::DeleteAgreement, del, &empty).ok());
  const int64_t t_delete = Now();

  std::vector<ev::Event> events = EventsAfter(skip);
  ASSERT_EQ(events.size(), 6u);
  const struct {
    ev::AgreementChanged::Change change;
    int64_t time;
    v1::Agreement agreement;
  } want[] = {
      {ev::AgreementChanged::CREATED, t_create, created},
      {ev::AgreementChanged::UPDATED, t_update, updated},
      {ev::AgreementChanged::SIGNED, t_sign, signed_agreement},
      {ev::AgreementChanged::TERMINATED, t_terminate, terminated},
      {ev::AgreementChanged::CREATED, t_create2, draft},
      {ev::AgreementChanged::DELETED, t_delete, draft},
  };
  for (int i = 0; i < 6; ++i) {
    SCOPED_TRACE(i);
    ASSERT_TRUE(events[i].has_agreement_changed());
    EXPECT_EQ(events[i].agreement_changed().change(), want[i].change);
    EXPECT_EQ(events[i].event_time().seconds(), want[i].time);
    EXPECT_PROTO_EQ(events[i].agreement_changed().agreement(),
                    want[i].agreement);
  }
  EXPECT_TRUE(events[2].agreement_changed().agreement().in_force());
  EXPECT_FALSE(events[3].agreement_changed().agreement().in_force());
}

TEST_F(RegistryEventsTest, SalesActivitiesWriteEventsContactsNone) {
  v1::Partner p = CreatePartner(1);
  const size_t skip = Events().size();
  ASSERT_EQ(skip, 1u);

  // Contacts: created, updated, deleted — no event.
  v1::CreateContactRequest contact_req;
  contact_req.set_parent(p.name());
  contact_req.mutable_contact()->set_display_name("Park Sora");
  contact_req.mutable_contact()->set_email("sora@example.com");
  v1::Contact contact;
  ASSERT_TRUE(Call(*stub_, &Stub::CreateContact, contact_req, &contact).ok());
  v1::UpdateContactRequest contact_update;
  *contact_update.mutable_contact() = contact;
  contact_update.mutable_contact()->set_role("buyer");
  contact_update.mutable_update_mask()->add_paths("role");
  ASSERT_TRUE(
      Call(*stub_, &Stub::UpdateContact, contact_update, &contact).ok());
  EXPECT_TRUE(EventsAfter(skip).empty());

  v1::CreateSalesActivityRequest create;
  create.set_parent(p.name());
  create.set_request_id("activity-1");
  create.mutable_sales_activity()->set_type(v1::SalesActivity::MEETING);
  create.mutable_sales_activity()->set_owner("kim.minsu");
  create.mutable_sales_activity()->mutable_occur_time()->set_seconds(Now());
  create.mutable_sales_activity()->set_notes("first meeting");
  create.mutable_sales_activity()->set_contact(contact.name());
  v1::SalesActivity created, again;
  ASSERT_TRUE(Call(*stub_, &Stub::CreateSalesActivity, create, &created).ok());
  const int64_t t_create = Now();
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(Call(*stub_, &Stub::CreateSalesActivity, create, &again).ok());
  EXPECT_EQ(again.name(), created.name());

  v1::UpdateSalesActivityRequest update;
  *update.mutable_sales_activity() = created;
  update.mutable_sales_activity()->set_next_step("send the draft agreement");
  update.mutable_update_mask()->add_paths("next_step");
  v1::SalesActivity updated;
  ASSERT_TRUE(Call(*stub_, &Stub::UpdateSalesActivity, update, &updated).ok());
  const int64_t t_update = Now();
  clock_.Advance(absl::Minutes(1));
  // Stale etag: nothing.
  EXPECT_EQ(
      Call(*stub_, &Stub::UpdateSalesActivity, update, &again).error_code(),
      grpc::StatusCode::ABORTED);

  v1::DeleteSalesActivityRequest del;
  del.set_name(created.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(Call(*stub_, &Stub::DeleteSalesActivity, del, &empty).ok());
  const int64_t t_delete = Now();
  v1::DeleteContactRequest contact_del;
  contact_del.set_name(contact.name());
  ASSERT_TRUE(Call(*stub_, &Stub::DeleteContact, contact_del, &empty).ok());

  std::vector<ev::Event> events = EventsAfter(skip);
  ASSERT_EQ(events.size(), 3u);
  const struct {
    ev::SalesActivityChanged::Change change;
    int64_t time;
    v1::SalesActivity activity;
  } want[] = {
      {ev::SalesActivityChanged::CREATED, t_create, created},
      {ev::SalesActivityChanged::UPDATED, t_update, updated},
      {ev::SalesActivityChanged::DELETED, t_delete, updated},
  };
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    ASSERT_TRUE(events[i].has_sales_activity_changed());
    EXPECT_EQ(events[i].sales_activity_changed().change(), want[i].change);
    EXPECT_EQ(events[i].event_time().seconds(), want[i].time);
    EXPECT_PROTO_EQ(events[i].sales_activity_changed().sales_activity(),
                    want[i].activity);
  }
  EXPECT_EQ(events[0].sales_activity_changed().sales_activity().contact(),
            contact.name());
}

}  // namespace
}  // namespace partnerhub::partner_registry
