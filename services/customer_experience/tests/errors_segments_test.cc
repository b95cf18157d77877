// The customer-experience errors of the segment and snapshot RPCs, as cases
// of the errors table (errors_fixture.h).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/grpc/proto_convert.h"
#include "common/status/reasons.h"
#include "services/customer_experience/src/domain/errors.h"
#include "services/customer_experience/src/domain/funnel.h"
#include "services/customer_experience/tests/errors_fixture.h"

namespace partnerhub::customer_experience {

namespace common_reason = ::partnerhub::reason;

std::vector<ErrorCase> ErrorsTest::SegmentCases() {
  using T = ErrorsTest;
  const std::string kLongId(65, 'r');
  return {
      {.name = "CreateSegmentReportsEveryBadFieldAtOnce",
       .call =
           [kLongId](T& t) {
             v1::CreateSegmentRequest req;
             req.set_request_id(kLongId);
             v1::SegmentConditionList* all =
                 req.mutable_segment()->mutable_condition()->mutable_all_of();
             v1::SpendCondition* spend = all->add_conditions()->mutable_spend();
             spend->mutable_min_amount()->set_currency_code("won");
             spend->mutable_window()->set_last_days(30);
             all->add_conditions()->mutable_age_band();  // no bands
             return t.Rpc(&Stub::CreateSegment, req);
           },
       .expect =
           {.code = Code::INVALID_ARGUMENT,
            .reason = common_reason::kInvalidField,
            .fields =
                {"request_id", "segment.display_name",
                 "segment.condition.all_of.conditions[0].spend.min_amount."
                 "currency_code",
                 "segment.condition.all_of.conditions[0].spend.min_amount."
                 "amount_minor",
                 "segment.condition.all_of.conditions[1].age_band.age_bands"}},
       .table = "segments"},
      {.name = "CreateSegmentReportsEveryUnconvertibleFieldAtOnce",
       .call =
           [](T& t) {
             v1::CreateSegmentRequest req;
             req.mutable_segment()->set_display_name("bad conditions");
             v1::SegmentConditionList* all =
                 req.mutable_segment()->mutable_condition()->mutable_all_of();
             all->add_conditions()->mutable_touchpoint();  // no type, window
             all->add_conditions()->mutable_gender()->add_genders(
                 v1::Customer::GENDER_UNSPECIFIED);
             return t.Rpc(&Stub::CreateSegment, req);
           },
       .expect =
           {.code = Code::INVALID_ARGUMENT,
            .reason = common_reason::kInvalidField,
            .fields =
                {"segment.condition.all_of.conditions[0].touchpoint.type",
                 "segment.condition.all_of.conditions[0].touchpoint.window",
                 "segment.condition.all_of.conditions[1].gender.genders[0]"}},
       .table = "segments"},
      {.name = "GetSegmentThatDoesNotExist",
       .call =
           [](T& t) {
             v1::GetSegmentRequest req;
             req.set_name("segments/9");
             return t.Rpc(&Stub::GetSegment, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kSegmentNotFound,
                  .resource = "segments/9"}},
      {.name = "ListSegmentsWithAnUnknownOrder",
       .call =
           [](T& t) {
             v1::ListSegmentsRequest req;
             req.set_order_by("size desc");
             return t.Rpc(&Stub::ListSegments, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"order_by"}}},
      {.name = "UpdateSegmentWithAPathThatCannotBeUpdated",
       .setup = [](T& t) { t.CreateSegmentOk(); },
       .call =
           [](T& t) {
             v1::UpdateSegmentRequest req;
             req.mutable_segment()->set_name("segments/1");
             req.mutable_update_mask()->add_paths("create_time");
             return t.Rpc(&Stub::UpdateSegment, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"update_mask.paths[0]"}}},
      {.name = "UpdateSegmentWithAStaleEtag",
       .setup = [](T& t) { t.CreateSegmentOk(); },
       .call =
           [](T& t) {
             v1::UpdateSegmentRequest req;
             req.mutable_segment()->set_name("segments/1");
             req.mutable_segment()->set_display_name("renamed");
             req.mutable_segment()->set_etag("5");
             req.mutable_update_mask()->add_paths("display_name");
             return t.Rpc(&Stub::UpdateSegment, req);
           },
       .expect = {.code = Code::ABORTED,
                  .reason = common_reason::kStaleEtag,
                  .metadata_resource = "segments/1"}},
      {.name = "EstimateSegmentSizeWithoutATarget",
       .call =
           [](T& t) {
             return t.Rpc(&Stub::EstimateSegmentSize,
                          v1::EstimateSegmentSizeRequest());
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"segment"}}},
      {.name = "EstimateSegmentSizeOfABadCondition",
       .call =
           [](T& t) {
             v1::EstimateSegmentSizeRequest req;
             req.mutable_condition()->mutable_funnel_stage();  // no bounds
             return t.Rpc(&Stub::EstimateSegmentSize, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidField,
                  .fields = {"condition.funnel_stage"}}},
      {.name = "CheckSegmentMembershipOfAMissingCustomer",
       .setup = [](T& t) { t.CreateSegmentOk(); },
       .call =
           [](T& t) {
             v1::CheckSegmentMembershipRequest req;
             req.set_segment("segments/1");
             req.set_customer("customers/ghost");
             return t.Rpc(&Stub::CheckSegmentMembership, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kCustomerNotFound,
                  .resource = "customers/ghost"}},
      {.name = "ListSegmentMembersOfAMissingSegment",
       .call =
           [](T& t) {
             v1::ListSegmentMembersRequest req;
             req.set_parent("segments/9");
             return t.Rpc(&Stub::ListSegmentMembers, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kSegmentNotFound,
                  .resource = "segments/9"}},
      {.name = "StreamSegmentMembersOfAMissingSegment",
       .call =
           [](T& t) {
             v1::StreamSegmentMembersRequest req;
             req.set_parent("segments/9");
             return t.Stream(&Stub::StreamSegmentMembers, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kSegmentNotFound,
                  .resource = "segments/9"}},
      {.name = "CreateSegmentSnapshotOfAMissingSegment",
       .call =
           [](T& t) {
             v1::CreateSegmentSnapshotRequest req;
             req.set_parent("segments/9");
             return t.Rpc(&Stub::CreateSegmentSnapshot, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kSegmentNotFound,
                  .resource = "segments/9"},
       .table = "segment_snapshots"},
      {.name = "GetSegmentSnapshotThatDoesNotExist",
       .setup = [](T& t) { t.CreateSegmentOk(); },
       .call =
           [](T& t) {
             v1::GetSegmentSnapshotRequest req;
             req.set_name("segments/1/snapshots/9");
             return t.Rpc(&Stub::GetSegmentSnapshot, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kSegmentSnapshotNotFound,
                  .resource = "segments/1/snapshots/9"}},
      {.name = "ListSegmentSnapshotsWithAForeignPageToken",
       .setup = [](T& t) { t.CreateSegmentOk(); },
       .call =
           [](T& t) {
             v1::ListSegmentSnapshotsRequest req;
             req.set_parent("segments/1");
             req.set_page_token("not-a-token");
             return t.Rpc(&Stub::ListSegmentSnapshots, req);
           },
       .expect = {.code = Code::INVALID_ARGUMENT,
                  .reason = common_reason::kInvalidPageToken,
                  .fields = {"page_token"}}},
      {.name = "StreamSegmentSnapshotMembersOfAMissingSnapshot",
       .setup = [](T& t) { t.CreateSegmentOk(); },
       .call =
           [](T& t) {
             v1::StreamSegmentSnapshotMembersRequest req;
             req.set_parent("segments/1/snapshots/9");
             return t.Stream(&Stub::StreamSegmentSnapshotMembers, req);
           },
       .expect = {.code = Code::NOT_FOUND,
                  .reason = reason::kSegmentSnapshotNotFound,
                  .resource = "segments/1/snapshots/9"}},
  };
}

}  // namespace partnerhub::customer_experience
