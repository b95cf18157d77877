-- Dimensions: the latest state of the other services' resources, as their
-- events tell it. Names are the producers' resource names.

-- partner-registry: partners.
CREATE TABLE partners (
  partner VARCHAR(80) NOT NULL,
  display_name VARCHAR(200) NOT NULL,
  -- partnerhub.partner_registry.v1.Partner.State number.
  state TINYINT NOT NULL,
  deleted TINYINT NOT NULL DEFAULT 0,
  PRIMARY KEY (partner)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- partner-registry: agreements and their KPI targets.
CREATE TABLE agreements (
  agreement VARCHAR(120) NOT NULL,
  partner VARCHAR(80) NOT NULL,
  -- Term, KST days as yyyymmdd.
  start_day INT NOT NULL,
  end_day INT NOT NULL,
  -- partnerhub.partner_registry.v1.Agreement.State number.
  state TINYINT NOT NULL,
  target_new_customers BIGINT NOT NULL,
  target_gmv BIGINT NOT NULL,
  target_orders BIGINT NOT NULL,
  target_repeat_rate_bps INT NOT NULL,
  target_redemption_rate_bps INT NOT NULL,
  PRIMARY KEY (agreement),
  KEY agreements_by_partner (partner, start_day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- campaign: campaigns.
CREATE TABLE campaigns (
  campaign VARCHAR(80) NOT NULL,
  partner VARCHAR(80) NOT NULL,
  display_name VARCHAR(200) NOT NULL,
  -- partnerhub.campaign.v1.Campaign.State number.
  state TINYINT NOT NULL,
  start_time DATETIME(6) NULL,
  end_time DATETIME(6) NULL,
  budget BIGINT NOT NULL,
  currency CHAR(3) NOT NULL,
  partner_share_bps INT NOT NULL,
  segment_snapshot VARCHAR(120) NOT NULL,
  holdout_bps INT NOT NULL,
  PRIMARY KEY (campaign),
  KEY campaigns_by_partner (partner)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- customer-experience: customers (no personal data ever travels).
CREATE TABLE customers (
  customer VARCHAR(80) NOT NULL,
  -- Customer.AgeBand and Customer.Gender numbers (0: not given).
  age_band TINYINT NOT NULL,
  gender TINYINT NOT NULL,
  region VARCHAR(16) NOT NULL,
  sign_up_time DATETIME(6) NULL,
  PRIMARY KEY (customer)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- customer-experience: segment snapshots and their members.
CREATE TABLE snapshots (
  snapshot VARCHAR(120) NOT NULL,
  member_count BIGINT NOT NULL,
  members_received BIGINT NOT NULL,
  -- Whether the last chunk of members has arrived.
  complete TINYINT NOT NULL,
  PRIMARY KEY (snapshot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE snapshot_members (
  snapshot VARCHAR(120) NOT NULL,
  customer VARCHAR(80) NOT NULL,
  PRIMARY KEY (snapshot, customer)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
