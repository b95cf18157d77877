// mysql::TxStore and mysql::WithRequestLedger over a toy store, as a
// service's storage uses them, against a real MariaDB.
#include "common/mysql/tx_store.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/idempotency.h"
#include "common/mysql/mysql_test_fixture.h"
#include "common/mysql/statement.h"
#include "common/status/error_details.h"
#include "gtest/gtest.h"

namespace partnerhub::mysql {
namespace {

// The domain side: a transaction with one write, and its store.
class NoteTx : public RequestLedger {
 public:
  virtual absl::Status AddNote(const std::string& text) = 0;
  virtual void Publish(const std::string& event) = 0;
};

class NoteStore {
 public:
  using TxWork = std::function<absl::Status(NoteTx&)>;
  virtual ~NoteStore() = default;
  virtual absl::Status Transact(TxWork work) = 0;
  virtual absl::Status Read(TxWork work) = 0;
};

// The storage side. Events go to a table, last, as an outbox would.
class MySqlNoteTx final : public WithRequestLedger<NoteTx> {
 public:
  explicit MySqlNoteTx(Connection& conn)
      : WithRequestLedger<NoteTx>(conn), conn_(conn) {}

  absl::Status AddNote(const std::string& text) override {
    return Guarded(conn_, [&] {
      Execute(conn_, "INSERT INTO notes (text) VALUES (?)", {text});
    });
  }
  void Publish(const std::string& event) override { events_.push_back(event); }

  absl::Status FlushEvents() {
    return Guarded(conn_, [&] {
      for (const std::string& e : events_) {
        Execute(conn_, "INSERT INTO events (text) VALUES (?)", {e});
      }
    });
  }
  bool HasEvents() const { return !events_.empty(); }

 private:
  Connection& conn_;
  std::vector<std::string> events_;
};

using MySqlNoteStore = TxStore<NoteStore, MySqlNoteTx>;

class TxStoreTest : public MysqlTest {
 protected:
  void SetUp() override {
    options_ = NewSchema();
    Sql(options_,
        "CREATE TABLE request_ids (request_id VARCHAR(64) PRIMARY KEY, "
        "fingerprint BIGINT NOT NULL, result VARCHAR(255) NULL, "
        "create_time DATETIME(6) NOT NULL)");
    Sql(options_,
        "CREATE TABLE notes (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
        "text VARCHAR(64) NOT NULL)");
    Sql(options_,
        "CREATE TABLE events (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
        "text VARCHAR(64) NOT NULL)");
    pool_ = NewPool(options_);
    ASSERT_NE(pool_, nullptr);
    store_ = std::make_unique<MySqlNoteStore>(*pool_);
  }

  // A create use case: the note and its event, once per request_id.
  absl::StatusOr<std::string> Create(const RequestKey& key,
                                     const std::string& text) {
    std::string name;
    absl::Status s = store_->Transact([&](NoteTx& tx) -> absl::Status {
      absl::StatusOr<std::optional<std::string>> prior =
          Recall(tx, key, absl::UnixEpoch());
      if (!prior.ok()) return prior.status();
      if (prior->has_value()) {
        name = **prior;
        return absl::OkStatus();
      }
      if (absl::Status added = tx.AddNote(text); !added.ok()) return added;
      tx.Publish(absl::StrCat("created ", text));
      name = absl::StrCat("notes/", text);
      return Remember(tx, key, name);
    });
    if (!s.ok()) return s;
    return name;
  }

  ConnectionOptions options_;
  std::unique_ptr<ConnectionPool> pool_;
  std::unique_ptr<MySqlNoteStore> store_;
};

TEST_F(TxStoreTest, CommitsTheWorkAndItsEventsTogether) {
  ASSERT_TRUE(Create({}, "a").ok());
  EXPECT_EQ(Count(options_, "notes"), 1);
  EXPECT_EQ(Count(options_, "events"), 1);
}

TEST_F(TxStoreTest, AFailedWorkLeavesNothing) {
  absl::Status s = store_->Transact([&](NoteTx& tx) -> absl::Status {
    EXPECT_TRUE(tx.AddNote("x").ok());
    tx.Publish("x");
    return InvalidField("note.text", "is not allowed");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Count(options_, "notes"), 0);
  EXPECT_EQ(Count(options_, "events"), 0);
}

TEST_F(TxStoreTest, ARetriedRequestIsCarriedOutOnce) {
  const RequestKey key{"req-1", 42};
  absl::StatusOr<std::string> first = Create(key, "a");
  absl::StatusOr<std::string> again = Create(key, "a");
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, *first);
  EXPECT_EQ(Count(options_, "notes"), 1);
  EXPECT_EQ(Count(options_, "events"), 1);

  absl::StatusOr<std::string> reused = Create(RequestKey{"req-1", 43}, "b");
  EXPECT_EQ(reused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(reused.status()), "REQUEST_ID_REUSED");
  EXPECT_EQ(Count(options_, "notes"), 1);
}

TEST_F(TxStoreTest, ReadRefusesEvents) {
  absl::Status s = store_->Read([&](NoteTx& tx) -> absl::Status {
    tx.Publish("oops");
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(Count(options_, "events"), 0);
}

}  // namespace
}  // namespace partnerhub::mysql

int main(int argc, char** argv) {
  return partnerhub::testing::RunTestsWithSharedServer(argc, argv);
}
