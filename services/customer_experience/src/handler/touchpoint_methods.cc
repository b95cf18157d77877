// CustomerExperienceHandler: touchpoints (one, batch, stream), the journey,
// purchases and the funnel.
#include "absl/strings/str_cat.h"
#include "common/grpc/handler_support.h"
#include "common/grpc/proto_convert.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/convert/convert.h"
#include "services/customer_experience/src/convert/convert_internal.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/domain/rules.h"
#include "services/customer_experience/src/handler/customer_experience_handler.h"

namespace partnerhub::customer_experience {

namespace {

// Events a stream collects before storing them in one transaction.
constexpr size_t kStreamBatch = 2000;
// Rejected events a stream's response lists.
constexpr int kMaxStreamRejects = 1000;

// The handler's reading of a request's touchpoints, one StatusOr each.
std::vector<absl::StatusOr<Touchpoint>> Convert(
    const google::protobuf::RepeatedPtrField<v1::Touchpoint>& touchpoints,
    const std::string& field, int64_t first_index) {
  std::vector<absl::StatusOr<Touchpoint>> events;
  events.reserve(touchpoints.size());
  for (int i = 0; i < touchpoints.size(); ++i) {
    events.push_back(FromProto(touchpoints[i],
                               absl::StrCat(field, "[", first_index + i, "]")));
  }
  return events;
}

std::string NameOfEvent(const v1::Touchpoint& t) {
  absl::string_view customer = t.customer();
  customer.remove_prefix(
      std::min<size_t>(customer.size(), sizeof("customers/") - 1));
  return TouchpointName(customer, t.event_id());
}

}  // namespace

grpc::Status CustomerExperienceHandler::RecordTouchpoint(
    Ctx*, const v1::RecordTouchpointRequest* req, v1::Touchpoint* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(Touchpoint t,
                        FromProto(req->touchpoint(), "touchpoint"));
    PH_ASSIGN_OR_RETURN(Touchpoint stored, touchpoints_.Record(std::move(t)));
    *resp = ToProto(stored);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::BatchRecordTouchpoints(
    Ctx*, const v1::BatchRecordTouchpointsRequest* req,
    v1::BatchRecordTouchpointsResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    const int n = req->touchpoints_size();
    if (n == 0 || n > kMaxBatchTouchpoints) {
      return InvalidField("touchpoints",
                          absl::StrCat("must have 1 to ", kMaxBatchTouchpoints,
                                       " events, got ", n));
    }
    PH_ASSIGN_OR_RETURN(
        std::vector<TouchpointOutcome> outcomes,
        touchpoints_.RecordBatch(Convert(req->touchpoints(), "touchpoints", 0),
                                 "touchpoints", 0));
    resp->mutable_results()->Reserve(n);
    int counts[4] = {0, 0, 0, 0};
    for (int i = 0; i < n; ++i) {
      *resp->add_results() =
          ToProto(outcomes[i], i, NameOfEvent(req->touchpoints(i)));
      ++counts[static_cast<int>(outcomes[i].kind)];
    }
    resp->set_recorded_count(counts[1]);
    resp->set_duplicate_count(counts[2]);
    resp->set_rejected_count(counts[3]);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::RecordTouchpoints(
    Ctx*, grpc::ServerReader<v1::RecordTouchpointsRequest>* reader,
    v1::RecordTouchpointsResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    google::protobuf::RepeatedPtrField<v1::Touchpoint> pending;
    int64_t first_index = 0;  // stream index of pending[0]
    auto flush = [&]() -> absl::Status {
      if (pending.empty()) return absl::OkStatus();
      PH_ASSIGN_OR_RETURN(
          std::vector<TouchpointOutcome> outcomes,
          touchpoints_.RecordBatch(Convert(pending, "touchpoints", first_index),
                                   "touchpoints", first_index));
      for (size_t i = 0; i < outcomes.size(); ++i) {
        switch (outcomes[i].kind) {
          case TouchpointOutcome::Kind::kRecorded:
            resp->set_recorded_count(resp->recorded_count() + 1);
            break;
          case TouchpointOutcome::Kind::kDuplicate:
            resp->set_duplicate_count(resp->duplicate_count() + 1);
            break;
          case TouchpointOutcome::Kind::kRejected:
            resp->set_rejected_count(resp->rejected_count() + 1);
            if (resp->rejected_size() < kMaxStreamRejects) {
              *resp->add_rejected() = ToProto(outcomes[i], first_index + i, "");
            }
            break;
        }
      }
      first_index += pending.size();
      pending.Clear();
      return absl::OkStatus();
    };
    v1::RecordTouchpointsRequest message;
    while (reader->Read(&message)) {
      if (message.touchpoints_size() > kMaxBatchTouchpoints) {
        return InvalidField(
            "touchpoints",
            absl::StrCat("may have at most ", kMaxBatchTouchpoints,
                         " events in one message; the events of the stream "
                         "before that message were stored"));
      }
      for (v1::Touchpoint& t : *message.mutable_touchpoints())
        pending.Add(std::move(t));
      if (static_cast<size_t>(pending.size()) >= kStreamBatch)
        PH_RETURN_IF_ERROR(flush());
    }
    return flush();
  });
}

grpc::Status CustomerExperienceHandler::GetTouchpoint(
    Ctx*, const v1::GetTouchpointRequest* req, v1::Touchpoint* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(TouchpointId id,
                        ParseTouchpointName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(Touchpoint t,
                        touchpoints_.Get(id.customer_id, id.event_id));
    *resp = ToProto(t);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::ListCustomerJourney(
    Ctx*, const v1::ListCustomerJourneyRequest* req,
    v1::ListCustomerJourneyResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::string id,
                        ParseCustomerName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(
        Page<Touchpoint> page,
        touchpoints_.ListJourney(id, ToListRequest(*req, req->parent())));
    for (const Touchpoint& t : page.items)
      *resp->add_touchpoints() = ToProto(t);
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::RecordPurchase(
    Ctx*, const v1::RecordPurchaseRequest* req, v1::Purchase* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(Purchase draft, FromProto(req->purchase()));
    draft.purchase_id = req->purchase_id();
    PH_ASSIGN_OR_RETURN(Purchase stored, purchases_.Record(std::move(draft)));
    *resp = ToProto(stored);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::GetPurchase(
    Ctx*, const v1::GetPurchaseRequest* req, v1::Purchase* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::string id, ParsePurchaseName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(Purchase p, purchases_.Get(id));
    *resp = ToProto(p);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::ListPurchases(
    Ctx*, const v1::ListPurchasesRequest* req,
    v1::ListPurchasesResponse* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::string id,
                        ParseCustomerName(req->parent(), "parent"));
    PH_ASSIGN_OR_RETURN(
        Page<Purchase> page,
        purchases_.List(id, ToListRequest(*req, req->parent())));
    for (const Purchase& p : page.items) *resp->add_purchases() = ToProto(p);
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::RefundPurchase(
    Ctx*, const v1::RefundPurchaseRequest* req, v1::Purchase* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::string id, ParsePurchaseName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(Purchase p, purchases_.Get(id));
    PH_ASSIGN_OR_RETURN(Refund refund,
                        FromProto(req->refund(), p.currency_code));
    PH_ASSIGN_OR_RETURN(
        Purchase updated,
        purchases_.AddRefund(MakeRequestKey(*req), id, std::move(refund)));
    *resp = ToProto(updated);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::GetCustomerFunnel(
    Ctx*, const v1::GetCustomerFunnelRequest* req, v1::CustomerFunnel* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::string id, ParseFunnelName(req->name(), "name"));
    PH_ASSIGN_OR_RETURN(CustomerFunnel funnel, touchpoints_.GetFunnel(id));
    *resp = ToProto(funnel);
    return absl::OkStatus();
  });
}

grpc::Status CustomerExperienceHandler::GetFunnelCounts(
    Ctx*, const v1::GetFunnelCountsRequest* req, v1::FunnelCounts* resp) {
  return Handle(kErrorDomain, [&]() -> absl::Status {
    // Independent fields: every one that does not convert, at once.
    FieldErrors errors;
    int64_t partner = 0;
    int64_t campaign = 0;
    absl::Time start;
    absl::Time end;
    errors.Assign(ParseOptionalPartnerName(req->partner(), "partner"), partner);
    errors.Assign(ParseOptionalCampaignName(req->campaign(), "campaign"),
                  campaign);
    if (req->has_start_time()) {
      errors.Assign(FromProtoTime("start_time", req->start_time()), start);
    } else {
      errors.Add("start_time", "is required");
    }
    if (req->has_end_time()) {
      errors.Assign(FromProtoTime("end_time", req->end_time()), end);
    } else {
      errors.Add("end_time", "is required");
    }
    PH_RETURN_IF_ERROR(errors.Result());
    PH_ASSIGN_OR_RETURN(
        FunnelCounts counts,
        touchpoints_.CountFunnel(partner, campaign, start, end));
    *resp = ToProto(counts);
    return absl::OkStatus();
  });
}

}  // namespace partnerhub::customer_experience
