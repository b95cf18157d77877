// The clock, touchpoints and condition trees of the customer-experience
// rules tests (rules_*_test.cc).
#ifndef PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_TESTS_RULES_FIXTURE_H_
#define PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_TESTS_RULES_FIXTURE_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {

using Kind = Condition::Kind;

inline const absl::Time kNow = absl::FromCivil(
    absl::CivilSecond(2026, 11, 24, 10, 0, 0), absl::UTCTimeZone());

inline absl::Time Ago(int minutes) { return kNow - absl::Minutes(minutes); }

inline Touchpoint Tp(TouchpointType type, int minutes_ago, int64_t partner = 0,
                     int64_t customer = 1) {
  Touchpoint t;
  t.customer_id = "c1";
  t.customer_key = customer;
  t.event_id = "e";
  t.type = type;
  t.occur_time = Ago(minutes_ago);
  t.partner_id = partner;
  return t;
}

inline Condition Leaf(Kind kind) {
  Condition c;
  c.kind = kind;
  return c;
}

inline Condition Node(Kind kind, std::vector<Condition> children) {
  Condition c;
  c.kind = kind;
  c.children = std::move(children);
  return c;
}

}  // namespace partnerhub::customer_experience

#endif  // PARTNERHUB_SERVICES_CUSTOMER_EXPERIENCE_TESTS_RULES_FIXTURE_H_
