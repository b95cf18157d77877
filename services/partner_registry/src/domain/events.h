// The domain events the partner registry publishes on its feed, as plain
// values. A use case publishes them into its transaction (PartnerTx::Publish);
// storage appends them to the outbox in the same transaction, converted to
// partnerhub.events.v1.Event by convert/feed_events.h. Each carries the
// resource after the change (as it was, for a deletion). Contacts publish
// nothing: the personal data of named people stays in the registry.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_EVENTS_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_EVENTS_H_

#include <variant>

#include "absl/time/time.h"
#include "services/partner_registry/src/domain/types.h"

namespace partnerhub::partner_registry {

// A partner was created, updated, changed state or was deleted.
struct PartnerChanged {
  // What changed.
  enum class Change {
    kCreated = 1,
    kUpdated = 2,
    kStateChanged = 3,
    kDeleted = 4,
  };
  Change change = Change::kUpdated;
  Partner partner;
};

// An agreement was created, updated, signed, terminated or deleted.
struct AgreementChanged {
  // What changed.
  enum class Change {
    kCreated = 1,
    kUpdated = 2,
    kSigned = 3,
    kTerminated = 4,
    kDeleted = 5,
  };
  Change change = Change::kUpdated;
  Agreement agreement;
  // Whether the agreement is in force on the business day of the event's
  // time (Agreement.in_force).
  bool in_force = false;
};

// A sales activity was recorded, updated or deleted.
struct SalesActivityChanged {
  // What changed.
  enum class Change {
    kCreated = 1,
    kUpdated = 2,
    kDeleted = 3,
  };
  Change change = Change::kUpdated;
  SalesActivity sales_activity;
};

// One event of the feed: a change and when it was made.
struct DomainEvent {
  // When the change was made (the use case's `now`).
  absl::Time time;
  std::variant<PartnerChanged, AgreementChanged, SalesActivityChanged> payload;
};

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_EVENTS_H_
