#include "services/campaign/src/domain/enum_names.h"

#include "common/api/enum_names.h"

namespace partnerhub::campaign {

// The names of E's values (specialized below).
template <typename E>
struct Names;

#define PH_NAMES(E, ...)                                 \
  template <>                                            \
  struct Names<E> {                                      \
    static constexpr EnumName<E> kAll[] = {__VA_ARGS__}; \
  };                                                     \
  absl::string_view NameOf(E v) {                        \
    return NameIn(Names<E>::kAll, v, "UNSPECIFIED");     \
  }

PH_NAMES(Objective, {Objective::kAcquisition, "ACQUISITION"},
         {Objective::kActivation, "ACTIVATION"},
         {Objective::kRetention, "RETENTION"})
PH_NAMES(Channel, {Channel::kOnsite, "ONSITE"}, {Channel::kAppPush, "APP_PUSH"},
         {Channel::kEmail, "EMAIL"}, {Channel::kMessage, "MESSAGE"},
         {Channel::kPartnerStore, "PARTNER_STORE"})
PH_NAMES(CampaignState, {CampaignState::kDraft, "DRAFT"},
         {CampaignState::kScheduled, "SCHEDULED"},
         {CampaignState::kRunning, "RUNNING"},
         {CampaignState::kPaused, "PAUSED"}, {CampaignState::kEnded, "ENDED"},
         {CampaignState::kCancelled, "CANCELLED"})
PH_NAMES(DiscountType, {DiscountType::kPercentOff, "PERCENT_OFF"},
         {DiscountType::kAmountOff, "AMOUNT_OFF"})
PH_NAMES(IssuanceKind, {IssuanceKind::kBulk, "BULK"},
         {IssuanceKind::kSegment, "SEGMENT"})
PH_NAMES(IssuanceState, {IssuanceState::kRunning, "RUNNING"},
         {IssuanceState::kSucceeded, "SUCCEEDED"},
         {IssuanceState::kFailed, "FAILED"})
PH_NAMES(RedemptionState, {RedemptionState::kRedeemed, "REDEEMED"},
         {RedemptionState::kVoided, "VOIDED"})

#undef PH_NAMES

std::string TimeText(absl::Time t) {
  return absl::FormatTime(absl::RFC3339_sec, t, absl::UTCTimeZone());
}

template <typename E>
std::optional<E> Parse(absl::string_view name) {
  return ValueIn(Names<E>::kAll, name);
}

template std::optional<Objective> Parse(absl::string_view);
template std::optional<Channel> Parse(absl::string_view);
template std::optional<CampaignState> Parse(absl::string_view);
template std::optional<DiscountType> Parse(absl::string_view);
template std::optional<IssuanceKind> Parse(absl::string_view);
template std::optional<IssuanceState> Parse(absl::string_view);
template std::optional<RedemptionState> Parse(absl::string_view);

}  // namespace partnerhub::campaign
