-- Redemptions, kept when voided. request_id is unique: the INSERT of a
-- redemption is also the claim of its request, so a retried or concurrent
-- duplicate RedeemCoupon finds the first one instead of redeeming twice.
CREATE TABLE redemptions (
  id BIGINT NOT NULL AUTO_INCREMENT,
  campaign_id BIGINT NOT NULL,
  offer_id BIGINT NOT NULL,
  code_id BIGINT NOT NULL,
  code VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  customer VARCHAR(80) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  partner_id BIGINT NOT NULL,
  store VARCHAR(64) NOT NULL,
  order_id VARCHAR(64) NOT NULL,
  currency_code CHAR(3) NOT NULL,
  order_amount_minor BIGINT NOT NULL,
  discount_minor BIGINT NOT NULL,
  partner_cost_minor BIGINT NOT NULL,
  platform_cost_minor BIGINT NOT NULL,
  state ENUM('REDEEMED', 'VOIDED') NOT NULL,
  redeem_time DATETIME(6) NOT NULL,
  void_time DATETIME(6) NULL,
  void_reason VARCHAR(500) NOT NULL,
  request_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- Of the request, to tell a retry from a reuse of its request_id.
  fingerprint BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY redemptions_by_request_id (request_id),
  KEY redemptions_by_campaign (campaign_id, id),
  KEY redemptions_by_code (code_id),
  CONSTRAINT redemptions_split CHECK (
    discount_minor >= 0 AND
    partner_cost_minor + platform_cost_minor = discount_minor)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
