// MySqlPartnerStore against a real MariaDB: atomicity and optimistic
// concurrency at the storage layer.
#include <gtest/gtest.h>

#include "common/status/error_details.h"
#include "common/status/reasons.h"
#include "common/status/status_macros.h"
#include "services/partner_registry/src/domain/errors.h"
#include "services/partner_registry/src/domain/resource_names.h"
#include "services/partner_registry/tests/fixture.h"

namespace partnerhub::partner_registry {
namespace {

Partner DomainPartner(absl::Time now) {
  Partner p;
  p.display_name = "Store test";
  p.legal_name = "Store test Ltd";
  p.business_registration_number = "1208147521";
  p.category = PartnerCategory::kBeauty;
  p.tier = PartnerTier::kStandard;
  p.account_manager = "lee.jiwon";
  p.state_change_time = p.create_time = p.update_time = now;
  p.version = 1;
  return p;
}

TEST_F(RegistryTest, FailedUnitOfWorkLeavesNothing) {
  absl::Status s = store_->Transact([&](PartnerTx& tx) -> absl::Status {
    absl::StatusOr<int64_t> id = tx.InsertPartner(DomainPartner(Start()));
    EXPECT_TRUE(id.ok()) << id.status();
    EXPECT_TRUE(tx.InsertStateChange({.partner_id = *id,
                                      .from_state = std::nullopt,
                                      .to_state = PartnerState::kProspect,
                                      .reason = "created",
                                      .change_time = Start()})
                    .ok());
    return absl::FailedPreconditionError("a rule said no after the writes");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(RowCount("partners"), 0);
  EXPECT_EQ(RowCount("partner_state_changes"), 0);
}

TEST_F(RegistryTest, SqlErrorMidWayRollsBackEarlierWrites) {
  absl::Status s = store_->Transact([&](PartnerTx& tx) -> absl::Status {
    PH_RETURN_IF_ERROR(tx.InsertPartner(DomainPartner(Start())).status());
    // Same registration number: the unique key refuses the second.
    return tx.InsertPartner(DomainPartner(Start())).status();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ReasonOf(s), reason::kPartnerAlreadyExists);
  // The partner holding the number (the first insert, in the same
  // transaction).
  EXPECT_EQ(ErrorMetadataOf(s, "resource"), "partners/1") << s;
  EXPECT_EQ(RowCount("partners"), 0);
}

TEST_F(RegistryTest, UpdateWithStaleVersionIsAborted) {
  int64_t id = 0;
  ASSERT_TRUE(store_
                  ->Transact([&](PartnerTx& tx) -> absl::Status {
                    PH_ASSIGN_OR_RETURN(
                        id, tx.InsertPartner(DomainPartner(Start())));
                    return absl::OkStatus();
                  })
                  .ok());
  Partner p = DomainPartner(Start());
  p.id = id;
  p.version = 2;  // stored is 1: accepted
  EXPECT_TRUE(
      store_->Transact([&](PartnerTx& tx) { return tx.UpdatePartner(p); })
          .ok());
  // Another writer based on version 1 as well.
  absl::Status s =
      store_->Transact([&](PartnerTx& tx) { return tx.UpdatePartner(p); });
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ReasonOf(s), partnerhub::reason::kConcurrentUpdate);
  EXPECT_EQ(ErrorMetadataOf(s, "resource"), PartnerName(id));
  EXPECT_EQ(RetryDelayOf(s), absl::Milliseconds(100));
}

TEST_F(RegistryTest, MigrationsAreIdempotentAndRecorded) {
  EXPECT_EQ(RowCount("schema_migrations"), 6);
}

}  // namespace
}  // namespace partnerhub::partner_registry
