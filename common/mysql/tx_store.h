// The storage of a service, written once: its domain's store interface,
// whose Transact and Read run work over one transaction object, on MySQL.
//
// A service declares, in domain/store.h,
//   class PartnerTx : public RequestLedger { ...reads and writes... };
//   class PartnerStore { public:
//     using Tx = PartnerTx;
//     using TxWork = std::function<absl::Status(PartnerTx&)>;
//     virtual absl::Status Transact(TxWork work) = 0;
//     virtual absl::Status Read(TxWork work) = 0; };
// and, in storage/, its MySQL transaction and store:
//   class MySqlPartnerTx final : public mysql::WithRequestLedger<PartnerTx> {
//     ... explicit MySqlPartnerTx(mysql::Connection& conn);
//     absl::Status FlushEvents();  bool HasEvents() const; };
//   using MySqlPartnerStore = mysql::TxStore<PartnerStore, MySqlPartnerTx>;
#ifndef PARTNERHUB_COMMON_MYSQL_TX_STORE_H_
#define PARTNERHUB_COMMON_MYSQL_TX_STORE_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/api/idempotency.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/guarded.h"
#include "common/mysql/request_ids.h"
#include "common/mysql/transaction.h"

namespace partnerhub::mysql {

// `Store` on MySQL, with `MySqlTx` (constructible from a Connection&, with
// FlushEvents() and HasEvents()) as its transaction object.
template <typename Store, typename MySqlTx>
class TxStore : public Store {
 public:
  explicit TxStore(ConnectionPool& pool, TransactionOptions options = {})
      : pool_(pool), options_(options) {}

  // One transaction; retried from the start on a deadlock, each attempt with
  // a new MySqlTx (so no event of a failed attempt survives). The events
  // are written last, right before COMMIT.
  absl::Status Transact(typename Store::TxWork work) override {
    return mysql::Transact(
        pool_,
        [&](Connection& conn) -> absl::Status {
          MySqlTx tx(conn);
          if (absl::Status s = work(tx); !s.ok()) return s;
          return tx.FlushEvents();
        },
        options_);
  }

  // Autocommit reads; publishing an event there is a bug.
  absl::Status Read(typename Store::TxWork work) override {
    return mysql::WithConnection(pool_, [&](Connection& conn) -> absl::Status {
      MySqlTx tx(conn);
      if (absl::Status s = work(tx); !s.ok()) return s;
      if (tx.HasEvents()) {
        return absl::InternalError(
            "an event was published outside a transaction");
      }
      return absl::OkStatus();
    });
  }

 private:
  ConnectionPool& pool_;
  const TransactionOptions options_;
};

// `Tx` (a domain transaction interface that is a RequestLedger) with the
// ledger kept in the schema's request_ids table (common/mysql/request_ids.h).
// The derived class passes its connection.
template <typename Tx>
class WithRequestLedger : public Tx {
 public:
  explicit WithRequestLedger(Connection& conn) : ledger_conn_(conn) {}

  absl::StatusOr<std::optional<std::string>> ClaimRequest(
      const RequestKey& key, absl::Time now) override {
    return Guarded(ledger_conn_, [&] {
      return mysql::ClaimRequestId(ledger_conn_, key.request_id,
                                   key.fingerprint, now);
    });
  }

  absl::Status RecordRequestResult(const RequestKey& key,
                                   const std::string& result) override {
    return Guarded(ledger_conn_, [&] {
      mysql::RecordRequestResult(ledger_conn_, key.request_id, result);
    });
  }

 private:
  Connection& ledger_conn_;
};

}  // namespace partnerhub::mysql

#endif  // PARTNERHUB_COMMON_MYSQL_TX_STORE_H_
