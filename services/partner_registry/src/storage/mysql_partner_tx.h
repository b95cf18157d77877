// PartnerTx on one MySQL connection. Every method turns Connector/C++
// exceptions into statuses (mysql::Guarded).
#ifndef PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_MYSQL_PARTNER_TX_H_
#define PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_MYSQL_PARTNER_TX_H_

#include <vector>

#include "common/events/outbox.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/guarded.h"
#include "common/mysql/tx_store.h"
#include "services/partner_registry/src/convert/feed_events.h"
#include "services/partner_registry/src/domain/store.h"

namespace partnerhub::partner_registry {

// The request_id ledger is common's (mysql::WithRequestLedger).
class MySqlPartnerTx final : public mysql::WithRequestLedger<PartnerTx> {
 public:
  explicit MySqlPartnerTx(mysql::Connection& conn)
      : WithRequestLedger<PartnerTx>(conn), conn_(conn) {}

  absl::StatusOr<Partner> GetPartner(int64_t id) override;
  absl::StatusOr<Partner> LockPartner(int64_t id) override;
  absl::StatusOr<Slice<Partner>> ListPartners(const ListQuery& query) override;
  absl::StatusOr<int64_t> InsertPartner(const Partner& partner) override;
  absl::Status UpdatePartner(const Partner& partner) override;
  absl::Status DeletePartner(int64_t id) override;

  absl::StatusOr<int64_t> InsertStateChange(
      const PartnerStateChange& change) override;
  absl::StatusOr<Slice<PartnerStateChange>> ListStateChanges(
      int64_t partner_id, const ListQuery& query) override;

  absl::StatusOr<Contact> GetContact(int64_t partner_id, int64_t id) override;
  absl::StatusOr<std::vector<Contact>> AllContacts(int64_t partner_id) override;
  absl::StatusOr<Slice<Contact>> ListContacts(int64_t partner_id,
                                              const ListQuery& query) override;
  absl::StatusOr<int64_t> InsertContact(const Contact& contact) override;
  absl::Status UpdateContact(const Contact& contact) override;
  absl::Status DeleteContact(int64_t partner_id, int64_t id) override;

  absl::StatusOr<Agreement> GetAgreement(int64_t partner_id,
                                         int64_t id) override;
  absl::StatusOr<std::vector<Agreement>> AllAgreements(
      int64_t partner_id) override;
  absl::StatusOr<Slice<Agreement>> ListAgreements(
      int64_t partner_id, const ListQuery& query) override;
  absl::StatusOr<int64_t> InsertAgreement(const Agreement& agreement) override;
  absl::Status UpdateAgreement(const Agreement& agreement) override;
  absl::Status DeleteAgreement(int64_t partner_id, int64_t id) override;

  absl::StatusOr<SalesActivity> GetSalesActivity(int64_t partner_id,
                                                 int64_t id) override;
  absl::StatusOr<Slice<SalesActivity>> ListSalesActivities(
      int64_t partner_id, const ListQuery& query) override;
  absl::StatusOr<int64_t> InsertSalesActivity(
      const SalesActivity& activity) override;
  absl::Status UpdateSalesActivity(const SalesActivity& activity) override;
  absl::Status DeleteSalesActivity(int64_t partner_id, int64_t id) override;

  // Keeps `event` until FlushEvents.
  void Publish(DomainEvent event) override { events_.Add(std::move(event)); }
  // Whether anything was published and not flushed.
  bool HasEvents() const { return !events_.empty(); }
  // Appends the published events to the outbox as partnerhub.events.v1.Event
  // (convert/feed_events.h), locking the feed's head row until the
  // transaction ends: the transaction's last write. Forgets them.
  absl::Status FlushEvents() {
    return mysql::Guarded(conn_, [&] { events_.Flush(conn_); });
  }

 private:
  mysql::Connection& conn_;
  events::DomainEventBuffer<DomainEvent> events_{&AppendFeedEvents};
};

}  // namespace partnerhub::partner_registry

#endif  // PARTNERHUB_SERVICES_PARTNER_REGISTRY_STORAGE_MYSQL_PARTNER_TX_H_
