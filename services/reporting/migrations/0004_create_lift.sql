-- Promotion lift. A campaign's lift is set up (backfilled from
-- purchase_facts) in the apply that first knows both its window and its
-- complete target snapshot, and is kept up to date by every later purchase
-- and refund, all under apply_lock.

-- The lift definition each set-up lift was built for; when the campaign's
-- window, snapshot or holdout changes, the lift is built again.
CREATE TABLE lift_state (
  campaign VARCHAR(80) NOT NULL,
  snapshot VARCHAR(120) NOT NULL,
  holdout_bps INT NOT NULL,
  start_time DATETIME(6) NOT NULL,
  end_time DATETIME(6) NOT NULL,
  -- [before_start_time, after_end_time) is the range counted.
  before_start_time DATETIME(6) NOT NULL,
  after_end_time DATETIME(6) NOT NULL,
  treated_customers BIGINT NOT NULL,
  -- Holdout members; 0 when the control is the rest of the customers.
  holdout_customers BIGINT NOT NULL,
  PRIMARY KEY (campaign)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The snapshot's members per campaign: grp 1 treated, 2 held out.
CREATE TABLE lift_members (
  campaign VARCHAR(80) NOT NULL,
  customer VARCHAR(80) NOT NULL,
  grp TINYINT NOT NULL,
  PRIMARY KEY (campaign, customer),
  KEY lift_members_by_customer (customer)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per campaign, customer and lift_period (1 before, 2 during, 3 after): grp 1
-- treated, 2 control.
CREATE TABLE lift_customer_period (
  campaign VARCHAR(80) NOT NULL,
  customer VARCHAR(80) NOT NULL,
  lift_period TINYINT NOT NULL,
  grp TINYINT NOT NULL,
  orders BIGINT NOT NULL,
  sales BIGINT NOT NULL,
  PRIMARY KEY (campaign, customer, lift_period),
  KEY lift_customer_period_by_customer (customer)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per campaign, group and period: what GetPromotionLift reads.
CREATE TABLE lift_aggregates (
  campaign VARCHAR(80) NOT NULL,
  grp TINYINT NOT NULL,
  lift_period TINYINT NOT NULL,
  buyers BIGINT NOT NULL,
  orders BIGINT NOT NULL,
  sales BIGINT NOT NULL,
  PRIMARY KEY (campaign, grp, lift_period)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
