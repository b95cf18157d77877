// What the partner registry's domain needs from storage: typed operations
// inside one transaction (PartnerTx), and a way to run a unit of work as a
// transaction (PartnerStore). The MySQL implementation is in storage/.
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_STORE_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/api/idempotency.h"
#include "common/api/list_request.h"
#include "common/api/pagination.h"
#include "common/api/request_key.h"
#include "services/partner_registry/src/domain/events.h"
#include "services/partner_registry/src/domain/types.h"

namespace partnerhub::partner_registry {

// Operations inside one transaction. Reads that precede a write of the same
// rows lock them (Lock*), so a check and the change it guards are atomic.
// Every Update* writes the row only if its stored version is one less than
// the given one (the caller bumped it), and gives ABORTED otherwise: no
// update is ever lost to a concurrent one.
// A RequestLedger: request_id bookkeeping (common/api/idempotency.h).
class PartnerTx : public RequestLedger {
 public:
  // Partners. Lock/Get give NOT_FOUND naming the partner when absent.
  virtual absl::StatusOr<Partner> GetPartner(int64_t id) = 0;
  virtual absl::StatusOr<Partner> LockPartner(int64_t id) = 0;
  virtual absl::StatusOr<Slice<Partner>> ListPartners(
      const ListQuery& query) = 0;
  // Returns the new id. ALREADY_EXISTS on a duplicate registration number.
  virtual absl::StatusOr<int64_t> InsertPartner(const Partner& partner) = 0;
  // Writes every mutable column of partner.id, including version.
  virtual absl::Status UpdatePartner(const Partner& partner) = 0;
  // Deletes the partner and, by cascade, everything under it.
  virtual absl::Status DeletePartner(int64_t id) = 0;

  virtual absl::StatusOr<int64_t> InsertStateChange(
      const PartnerStateChange& change) = 0;
  // Newest first.
  virtual absl::StatusOr<Slice<PartnerStateChange>> ListStateChanges(
      int64_t partner_id, const ListQuery& query) = 0;

  // Contacts of one partner.
  virtual absl::StatusOr<Contact> GetContact(int64_t partner_id,
                                             int64_t id) = 0;
  // All contacts of the partner (a partner has few).
  virtual absl::StatusOr<std::vector<Contact>> AllContacts(
      int64_t partner_id) = 0;
  // Primary first, then by display name.
  virtual absl::StatusOr<Slice<Contact>> ListContacts(
      int64_t partner_id, const ListQuery& query) = 0;
  virtual absl::StatusOr<int64_t> InsertContact(const Contact& contact) = 0;
  virtual absl::Status UpdateContact(const Contact& contact) = 0;
  virtual absl::Status DeleteContact(int64_t partner_id, int64_t id) = 0;

  // Agreements of one partner.
  virtual absl::StatusOr<Agreement> GetAgreement(int64_t partner_id,
                                                 int64_t id) = 0;
  virtual absl::StatusOr<std::vector<Agreement>> AllAgreements(
      int64_t partner_id) = 0;
  // Latest start date first.
  virtual absl::StatusOr<Slice<Agreement>> ListAgreements(
      int64_t partner_id, const ListQuery& query) = 0;
  virtual absl::StatusOr<int64_t> InsertAgreement(
      const Agreement& agreement) = 0;
  virtual absl::Status UpdateAgreement(const Agreement& agreement) = 0;
  virtual absl::Status DeleteAgreement(int64_t partner_id, int64_t id) = 0;

  // Sales activities of one partner.
  virtual absl::StatusOr<SalesActivity> GetSalesActivity(int64_t partner_id,
                                                         int64_t id) = 0;
  // Newest occur_time first.
  virtual absl::StatusOr<Slice<SalesActivity>> ListSalesActivities(
      int64_t partner_id, const ListQuery& query) = 0;
  virtual absl::StatusOr<int64_t> InsertSalesActivity(
      const SalesActivity& activity) = 0;
  virtual absl::Status UpdateSalesActivity(const SalesActivity& activity) = 0;
  virtual absl::Status DeleteSalesActivity(int64_t partner_id, int64_t id) = 0;

  // Publishes a domain event (domain/events.h) on the service's feed:
  // storage appends it to the outbox as the transaction's last write and it
  // commits with it, or not at all. Only inside PartnerStore::Transact.
  virtual void Publish(DomainEvent event) = 0;
};

class PartnerStore {
 public:
  using TxWork = absl::FunctionRef<absl::Status(PartnerTx&)>;

  virtual ~PartnerStore() = default;
  // Runs `work` as one transaction: all of it or none. `work` may run more
  // than once (after a deadlock), so it must not keep state across runs;
  // each run starts with no event published. The events `work` published
  // are appended to the outbox just before COMMIT.
  virtual absl::Status Transact(TxWork work) = 0;
  // Runs read-only `work` without a transaction (publishing is a bug:
  // INTERNAL).
  virtual absl::Status Read(TxWork work) = 0;
};

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_DOMAIN_STORE_H_
