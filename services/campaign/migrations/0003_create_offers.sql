-- Offers of a campaign, with their redemption counter (cap never exceeded).
CREATE TABLE offers (
  id BIGINT NOT NULL AUTO_INCREMENT,
  campaign_id BIGINT NOT NULL,
  display_name VARCHAR(200) NOT NULL,
  -- The campaign's currency, of every amount below.
  currency_code CHAR(3) NOT NULL,
  discount_type ENUM('PERCENT_OFF', 'AMOUNT_OFF') NOT NULL,
  -- PERCENT_OFF: basis points and the optional maximum (0 = none).
  percent_bps INT NOT NULL,
  max_discount_minor BIGINT NOT NULL,
  -- AMOUNT_OFF: the amount.
  amount_off_minor BIGINT NOT NULL,
  min_purchase_minor BIGINT NOT NULL,
  -- NULL: the campaign's start_time / end_time.
  start_time DATETIME(6) NULL,
  end_time DATETIME(6) NULL,
  -- 0 = no cap / no limit.
  redemption_cap BIGINT NOT NULL,
  per_customer_limit INT NOT NULL,
  redemption_count BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY offers_by_campaign (campaign_id, id),
  CONSTRAINT offers_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  CONSTRAINT offers_cap CHECK (
    redemption_count >= 0 AND
    (redemption_cap = 0 OR redemption_count <= redemption_cap))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Redemptions per customer and offer, for per_customer_limit.
CREATE TABLE offer_customer_usage (
  offer_id BIGINT NOT NULL,
  customer VARCHAR(80) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  used INT NOT NULL,
  PRIMARY KEY (offer_id, customer),
  CONSTRAINT offer_customer_usage_used CHECK (used >= 0)
) ENGINE=InnoDB;
