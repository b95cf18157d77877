#include "services/campaign/src/domain/issuing.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/api/holdout.h"
#include "common/api/idempotency.h"
#include "common/log/log.h"
#include "common/status/error_details.h"
#include "common/status/status_macros.h"
#include "services/campaign/src/domain/enum_names.h"
#include "services/campaign/src/domain/errors.h"
#include "services/campaign/src/domain/resource_names.h"
#include "services/campaign/src/domain/rules.h"
#include "services/campaign/src/domain/secure_random.h"

namespace partnerhub::campaign {
namespace {

// Rounds of new codes for ones that collided with existing codes. With at
// least 10,000 free bodies per code, ten collisions in a row mean a bug.
constexpr int kCollisionRounds = 10;

bool Retryable(const absl::Status& s) {
  return absl::IsUnavailable(s) || absl::IsDeadlineExceeded(s) ||
         absl::IsAborted(s) || absl::IsResourceExhausted(s);
}

}  // namespace

absl::StatusOr<CodeIssuance> Issuing::Create(const RequestKey& key,
                                             int64_t campaign_id,
                                             int64_t offer_id,
                                             CodeIssuance draft) {
  // Every bad field at once; a count out of bounds is not also reported as
  // making the codes guessable.
  FieldErrors errors;
  errors.Add(ValidateRequestId(key.request_id));
  int64_t count = 1;
  if (draft.kind == IssuanceKind::kBulk) {
    if (draft.requested_count < 1 ||
        draft.requested_count > options_.max_bulk_count) {
      errors.Add("issuance.count",
                 absl::StrCat("must be between 1 and ", options_.max_bulk_count,
                              " for BULK"));
    } else {
      count = draft.requested_count;
    }
  } else {
    draft.requested_count = 0;
  }
  absl::StatusOr<CodeFormat> format =
      ResolveCodeFormat("issuance.format", draft.format, count);
  errors.Add(format.status());
  PH_RETURN_IF_ERROR(errors.Result());
  draft.format = *std::move(format);
  const absl::Time now = clock_.Now();
  draft.id = 0;
  draft.campaign_id = campaign_id;
  draft.offer_id = offer_id;
  draft.issued_count = draft.member_count = draft.holdout_count = 0;
  draft.segment_snapshot.clear();
  draft.page_token.clear();
  draft.state = IssuanceState::kRunning;
  draft.error.clear();
  draft.create_time = draft.update_time = now;

  CodeIssuance created;
  PH_RETURN_IF_ERROR(store_.Transact([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(std::optional<std::string> prior, Recall(tx, key, now));
    if (prior.has_value()) {
      PH_ASSIGN_OR_RETURN(IssuanceId id,
                          ParseIssuanceName(*prior, "request_id"));
      PH_ASSIGN_OR_RETURN(created,
                          tx.GetIssuance(id.campaign_id, id.offer_id, id.id));
      return absl::OkStatus();
    }
    PH_ASSIGN_OR_RETURN(Campaign campaign, tx.GetCampaign(campaign_id));
    PH_RETURN_IF_ERROR(tx.GetOffer(campaign_id, offer_id).status());
    const std::string name = CampaignName(campaign_id);
    if (campaign.state == CampaignState::kEnded ||
        campaign.state == CampaignState::kCancelled) {
      return FailedPrecondition(
          reason::kCampaignClosed, name,
          absl::StrCat(name, " is ", NameOf(campaign.state),
                       ": it issues no more codes"));
    }
    if (draft.kind == IssuanceKind::kSegment && campaign.segment.empty()) {
      return FailedPrecondition(
          reason::kCampaignHasNoSegment, name,
          absl::StrCat(name,
                       " has no segment: set campaign.segment to issue "
                       "personal codes"));
    }
    created = draft;
    PH_ASSIGN_OR_RETURN(created.id, tx.InsertIssuance(created));
    return Remember(tx, key, IssuanceName(campaign_id, offer_id, created.id));
  }));
  if (wakeup_) wakeup_();
  return created;
}

absl::StatusOr<CodeIssuance> Issuing::Get(int64_t campaign_id, int64_t offer_id,
                                          int64_t id) {
  CodeIssuance issuance;
  PH_RETURN_IF_ERROR(store_.Read([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(issuance, tx.GetIssuance(campaign_id, offer_id, id));
    return absl::OkStatus();
  }));
  return issuance;
}

absl::StatusOr<Page<CouponCode>> Issuing::ListCodes(
    int64_t campaign_id, int64_t offer_id, int64_t issuance_id,
    const ListRequest& request) {
  // Codes are fetched by the thousand.
  PH_ASSIGN_OR_RETURN(
      ListQuery query,
      ResolveList(IdListSpec({.default_size = 1000, .max_size = 10000}),
                  request));
  PH_RETURN_IF_ERROR(Get(campaign_id, offer_id, issuance_id).status());
  Slice<CouponCode> slice;
  PH_RETURN_IF_ERROR(store_.Read([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(slice, tx.ListCodes(issuance_id, query));
    return absl::OkStatus();
  }));
  for (CouponCode& c : slice.items) c.campaign_id = campaign_id;
  return ToPage(std::move(slice), query);
}

absl::Status Issuing::Fail(int64_t id, const absl::Status& why) {
  LogWarning("issuance ", id, " failed: ", why.message());
  return store_.Transact([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(CodeIssuance i, tx.LockIssuance(id));
    if (i.state != IssuanceState::kRunning) return absl::OkStatus();
    i.state = IssuanceState::kFailed;
    i.error = std::string(why.message().substr(0, 500));
    i.update_time = clock_.Now();
    return tx.UpdateIssuance(i);
  });
}

absl::StatusOr<bool> Issuing::Step(int64_t issuance_id) {
  CodeIssuance issuance;
  PH_RETURN_IF_ERROR(store_.Read([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(issuance, tx.LockIssuance(issuance_id));
    return absl::OkStatus();
  }));
  if (issuance.state != IssuanceState::kRunning) return false;
  absl::StatusOr<bool> more = issuance.kind == IssuanceKind::kBulk
                                  ? StepBulk(issuance_id)
                                  : StepSegment(issuance);
  if (more.ok() || Retryable(more.status())) return more;
  PH_RETURN_IF_ERROR(Fail(issuance_id, more.status()));
  return false;
}

absl::StatusOr<bool> Issuing::StepBulk(int64_t id) {
  bool more = false;
  PH_RETURN_IF_ERROR(store_.Transact([&](CampaignTx& tx) -> absl::Status {
    // The row lock keeps two workers from issuing the same chunk.
    PH_ASSIGN_OR_RETURN(CodeIssuance i, tx.LockIssuance(id));
    more = false;
    if (i.state != IssuanceState::kRunning) return absl::OkStatus();
    const int64_t n = std::min<int64_t>(options_.bulk_chunk,
                                        i.requested_count - i.issued_count);
    const absl::Time now = clock_.Now();
    SecureRandom random;
    int64_t missing = n;
    for (int round = 0; missing > 0; ++round) {
      if (round == kCollisionRounds) {
        return absl::InternalError("coupon codes keep colliding; giving up");
      }
      std::vector<NewCode> codes(missing);
      for (NewCode& c : codes) c.code = MakeCode(i.format, random);
      PH_ASSIGN_OR_RETURN(int64_t inserted, tx.InsertCodes(i, codes, now));
      missing -= inserted;
    }
    i.issued_count += n;
    if (i.issued_count >= i.requested_count)
      i.state = IssuanceState::kSucceeded;
    i.update_time = now;
    more = i.state == IssuanceState::kRunning;
    PH_RETURN_IF_ERROR(tx.UpdateIssuance(i));
    tx.Publish({now, CodeIssuanceChanged{i, n}});
    return absl::OkStatus();
  }));
  return more;
}

absl::StatusOr<bool> Issuing::StepSegment(const CodeIssuance& issuance) {
  const std::string name =
      IssuanceName(issuance.campaign_id, issuance.offer_id, issuance.id);
  PH_ASSIGN_OR_RETURN(Campaign campaign, [&]() -> absl::StatusOr<Campaign> {
    Campaign c;
    PH_RETURN_IF_ERROR(store_.Read([&](CampaignTx& tx) -> absl::Status {
      PH_ASSIGN_OR_RETURN(c, tx.GetCampaign(issuance.campaign_id));
      return absl::OkStatus();
    }));
    return c;
  }());

  if (issuance.segment_snapshot.empty()) {
    // Every personal issuance of a campaign uses the campaign's one
    // snapshot, so who was targeted stays reproducible.
    std::string snapshot = campaign.segment_snapshot;
    int64_t member_count = -1;
    if (snapshot.empty()) {
      PH_ASSIGN_OR_RETURN(
          SegmentSnapshot taken,
          segment_directory_.CreateSnapshot(campaign.segment, name));
      snapshot = taken.name;
      member_count = taken.member_count;
    }
    if (member_count >= 0) {
      PH_RETURN_IF_ERROR(ResolveCodeFormat("issuance.format", issuance.format,
                                           std::max<int64_t>(member_count, 1))
                             .status());
    }
    PH_RETURN_IF_ERROR(store_.Transact([&](CampaignTx& tx) -> absl::Status {
      // Under the campaign's lock: whether this transaction is the one that
      // sets the campaign's snapshot (then it is an UPDATED event).
      PH_ASSIGN_OR_RETURN(Campaign target, tx.LockCampaign(campaign.id));
      std::string kept = target.segment_snapshot;
      if (kept.empty()) {
        PH_ASSIGN_OR_RETURN(kept,
                            tx.SetCampaignSnapshot(campaign.id, snapshot));
        target.segment_snapshot = kept;
        tx.Publish(
            {clock_.Now(),
             CampaignChanged{CampaignChanged::Change::kUpdated, target}});
      }
      PH_ASSIGN_OR_RETURN(CodeIssuance i, tx.LockIssuance(issuance.id));
      if (!i.segment_snapshot.empty()) return absl::OkStatus();
      i.segment_snapshot = kept;
      i.update_time = clock_.Now();
      return tx.UpdateIssuance(i);
    }));
    return true;
  }

  PH_ASSIGN_OR_RETURN(MemberPage page,
                      segment_directory_.ListMembers(issuance.segment_snapshot,
                                                     options_.member_page,
                                                     issuance.page_token));
  std::vector<NewCode> targeted;
  int64_t held_out = 0;
  const std::string campaign_name = CampaignName(campaign.id);
  for (const std::string& customer : page.customers) {
    PH_RETURN_IF_ERROR(
        CheckCustomerName(customer, "member of the segment snapshot"));
    if (IsHoldout(campaign_name, customer, campaign.holdout_bps)) {
      ++held_out;
    } else {
      targeted.push_back({.code = "", .customer = customer});
    }
  }

  bool more = false;
  PH_RETURN_IF_ERROR(store_.Transact([&](CampaignTx& tx) -> absl::Status {
    PH_ASSIGN_OR_RETURN(CodeIssuance i, tx.LockIssuance(issuance.id));
    more = i.state == IssuanceState::kRunning;
    // Another worker took this page already.
    if (!more || i.page_token != issuance.page_token ||
        i.member_count != issuance.member_count) {
      return absl::OkStatus();
    }
    const absl::Time now = clock_.Now();
    SecureRandom random;
    std::vector<NewCode> pending = targeted;
    for (int round = 0; !pending.empty(); ++round) {
      if (round == kCollisionRounds) {
        return absl::InternalError("coupon codes keep colliding; giving up");
      }
      for (NewCode& c : pending) c.code = MakeCode(issuance.format, random);
      PH_ASSIGN_OR_RETURN(int64_t inserted, tx.InsertCodes(i, pending, now));
      if (inserted == static_cast<int64_t>(pending.size())) break;
      std::vector<std::string> customers;
      for (const NewCode& c : pending) customers.push_back(c.customer);
      PH_ASSIGN_OR_RETURN(std::vector<std::string> have,
                          tx.CustomersWithCodes(i.id, customers));
      const absl::flat_hash_set<std::string> done(have.begin(), have.end());
      std::vector<NewCode> left;
      for (const NewCode& c : pending) {
        if (!done.contains(c.customer)) left.push_back(c);
      }
      pending = std::move(left);
    }
    i.member_count += static_cast<int64_t>(page.customers.size());
    i.holdout_count += held_out;
    i.issued_count += static_cast<int64_t>(targeted.size());
    i.page_token = page.next_page_token;
    if (page.next_page_token.empty()) {
      i.state = IssuanceState::kSucceeded;
      i.requested_count = i.issued_count;
    }
    i.update_time = now;
    more = i.state == IssuanceState::kRunning;
    PH_RETURN_IF_ERROR(tx.UpdateIssuance(i));
    tx.Publish(
        {now, CodeIssuanceChanged{i, static_cast<int64_t>(targeted.size())}});
    return absl::OkStatus();
  }));
  return more;
}

bool Issuing::RunPending(absl::Duration budget) {
  const absl::Time deadline = absl::Now() + budget;
  while (true) {
    std::vector<int64_t> ids;
    absl::Status read = store_.Read([&](CampaignTx& tx) -> absl::Status {
      PH_ASSIGN_OR_RETURN(ids, tx.RunningIssuances(20));
      return absl::OkStatus();
    });
    if (!read.ok()) {
      LogWarning("issuing: ", read.message());
      return true;
    }
    if (ids.empty()) return false;
    bool progressed = false;
    for (int64_t id : ids) {
      absl::StatusOr<bool> step = Step(id);
      if (step.ok()) {
        progressed = true;
      } else {
        LogWarning("issuance ", id, ": ", step.status().message(),
                   " (will retry)");
      }
    }
    // Without progress (customer-experience down, say) wait for the next
    // round rather than spin.
    if (!progressed) return false;
    if (absl::Now() >= deadline) return true;
  }
}

}  // namespace partnerhub::campaign
