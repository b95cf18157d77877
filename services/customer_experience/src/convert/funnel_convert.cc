// domain → proto for funnel progress and funnel counts.
#include "common/grpc/proto_convert.h"
#include "services/customer_experience/src/convert/convert.h"
#include "services/customer_experience/src/convert/convert_internal.h"
#include "services/customer_experience/src/domain/resource_names.h"
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {

using convert_internal::EnumToProto;

namespace {

v1::FunnelProgress ProgressToProto(const FunnelProgress& p) {
  v1::FunnelProgress out;
  out.set_partner(PartnerName(p.partner_id));
  out.set_stage(
      EnumToProto<v1::FunnelProgress::Stage>(FurthestStage(p.reached)));
  for (int i = 0; i < kStageCount; ++i) {
    if (!p.reached[i].has_value()) continue;
    v1::FunnelProgress::StageReach* r = out.add_stages_reached();
    r->set_stage(static_cast<v1::FunnelProgress::Stage>(i + 1));
    *r->mutable_reach_time() = ToProtoTime(*p.reached[i]);
  }
  return out;
}

}  // namespace

v1::CustomerFunnel ToProto(const CustomerFunnel& f) {
  v1::CustomerFunnel out;
  out.set_name(FunnelName(f.customer_id));
  *out.mutable_overall() = ProgressToProto(f.overall);
  for (const FunnelProgress& p : f.partners)
    *out.add_partners() = ProgressToProto(p);
  return out;
}

v1::FunnelCounts ToProto(const FunnelCounts& c) {
  v1::FunnelCounts out;
  out.set_partner(PartnerName(c.partner_id));
  out.set_campaign(CampaignName(c.campaign_id));
  *out.mutable_start_time() = ToProtoTime(c.start_time);
  *out.mutable_end_time() = ToProtoTime(c.end_time);
  for (int i = 0; i < kStageCount; ++i) {
    v1::FunnelCounts::StageCount* s = out.add_stage_counts();
    s->set_stage(static_cast<v1::FunnelProgress::Stage>(i + 1));
    s->set_customers(c.customers[i]);
  }
  return out;
}

}  // namespace partnerhub::customer_experience
