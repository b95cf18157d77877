-- Rollups kept up to date as events arrive; every query reads a few of
-- their rows. Days are KST calendar days as yyyymmdd integers.

-- Purchases in the reporting currency, one row each, clustered by
-- customer: whether a purchase is a customer's first from a partner (any
-- earlier row of the customer with that partner), refunds (the refund
-- event carries the purchase, hence its key), the one-off backfill of a
-- lift (by customer and time; by time for the rest-of-customers control),
-- and the buyers and repeat buyers of a partner over any period
-- (purchase_facts_by_partner, which a scorecard reads as a per-partner,
-- per-customer, per-day rollup).
CREATE TABLE purchase_facts (
  customer VARCHAR(80) NOT NULL,
  purchase_time DATETIME(6) NOT NULL,
  purchase VARCHAR(80) NOT NULL,
  partner VARCHAR(80) NOT NULL,
  campaign VARCHAR(80) NOT NULL,
  day INT NOT NULL,
  total BIGINT NOT NULL,
  refunded BIGINT NOT NULL,
  PRIMARY KEY (customer, purchase_time, purchase),
  KEY purchase_facts_by_partner (partner, customer, day),
  KEY purchase_facts_by_time (purchase_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per partner per day.
CREATE TABLE partner_daily (
  partner VARCHAR(80) NOT NULL,
  day INT NOT NULL,
  orders BIGINT NOT NULL,
  gmv BIGINT NOT NULL,
  refunds BIGINT NOT NULL,
  new_customers BIGINT NOT NULL,
  PRIMARY KEY (partner, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per campaign per day (see PerformanceFigures in reporting.proto).
CREATE TABLE campaign_daily (
  campaign VARCHAR(80) NOT NULL,
  day INT NOT NULL,
  redemptions BIGINT NOT NULL,
  voids BIGINT NOT NULL,
  discount BIGINT NOT NULL,
  partner_cost BIGINT NOT NULL,
  platform_cost BIGINT NOT NULL,
  codes_issued BIGINT NOT NULL,
  orders BIGINT NOT NULL,
  gmv BIGINT NOT NULL,
  refunds BIGINT NOT NULL,
  new_customer_orders BIGINT NOT NULL,
  returning_customer_orders BIGINT NOT NULL,
  PRIMARY KEY (campaign, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Purchase patterns: lines per customer attributes × day × category (and
-- × partner), as a cube: every line is counted under its age band, gender
-- and region and under "any" for each of them (age_band and gender -1,
-- region '*'), so that a query with any combination of filters reads one
-- key prefix (attributes, day range) and only its categories or partners.
CREATE TABLE pattern_category_daily (
  age_band TINYINT NOT NULL,
  gender TINYINT NOT NULL,
  region VARCHAR(16) NOT NULL,
  day INT NOT NULL,
  category VARCHAR(64) NOT NULL,
  line_count BIGINT NOT NULL,
  quantity BIGINT NOT NULL,
  amount BIGINT NOT NULL,
  PRIMARY KEY (age_band, gender, region, day, category)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE pattern_partner_daily (
  age_band TINYINT NOT NULL,
  gender TINYINT NOT NULL,
  region VARCHAR(16) NOT NULL,
  day INT NOT NULL,
  partner VARCHAR(80) NOT NULL,
  line_count BIGINT NOT NULL,
  quantity BIGINT NOT NULL,
  amount BIGINT NOT NULL,
  PRIMARY KEY (age_band, gender, region, day, partner)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Funnel: customers reaching a stage per partner ('' for the overall
-- funnel) × campaign ('' for none) × day.
CREATE TABLE funnel_daily (
  partner VARCHAR(80) NOT NULL,
  campaign VARCHAR(80) NOT NULL,
  day INT NOT NULL,
  stage TINYINT NOT NULL,
  customers BIGINT NOT NULL,
  PRIMARY KEY (partner, day, campaign, stage),
  KEY funnel_daily_by_campaign (campaign, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
