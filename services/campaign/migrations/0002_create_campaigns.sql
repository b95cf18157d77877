-- Campaigns, with their budget counters (the row a redemption updates
-- last, conditionally: spent never exceeds budget).
CREATE TABLE campaigns (
  id BIGINT NOT NULL AUTO_INCREMENT,
  partner_id BIGINT NOT NULL,
  display_name VARCHAR(200) NOT NULL,
  description TEXT NOT NULL,
  objective ENUM('ACQUISITION', 'ACTIVATION', 'RETENTION') NOT NULL,
  channel ENUM('ONSITE', 'APP_PUSH', 'EMAIL', 'MESSAGE', 'PARTNER_STORE')
    NOT NULL,
  start_time DATETIME(6) NOT NULL,
  end_time DATETIME(6) NOT NULL,
  currency_code CHAR(3) NOT NULL,
  budget_minor BIGINT NOT NULL,
  -- Discounts of redemptions not voided, and their number.
  spent_minor BIGINT NOT NULL,
  redemption_count BIGINT NOT NULL,
  -- "segments/{segment}" of customer-experience, or ''.
  segment VARCHAR(100) NOT NULL,
  holdout_bps INT NOT NULL,
  -- "segments/{s}/snapshots/{n}" personal codes were issued from, or ''.
  segment_snapshot VARCHAR(200) NOT NULL,
  -- From the partner's agreement in force when the campaign started.
  partner_discount_share_bps INT NOT NULL,
  state ENUM('DRAFT', 'SCHEDULED', 'RUNNING', 'PAUSED', 'ENDED', 'CANCELLED')
    NOT NULL,
  state_change_time DATETIME(6) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  -- Bumped by every change of settings or state (not by redemptions).
  version BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY campaigns_by_partner (partner_id, id),
  KEY campaigns_by_state (state, id),
  CONSTRAINT campaigns_window CHECK (start_time < end_time),
  -- The last line of defence; the conditional updates never get here.
  CONSTRAINT campaigns_budget CHECK (
    spent_minor >= 0 AND spent_minor <= budget_minor AND redemption_count >= 0),
  CONSTRAINT campaigns_shares CHECK (
    holdout_bps BETWEEN 0 AND 10000 AND
    partner_discount_share_bps BETWEEN 0 AND 10000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
